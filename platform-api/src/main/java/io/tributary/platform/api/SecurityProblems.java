package io.tributary.platform.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Security failures take precedence over Quarkus's own empty 401: they are problem documents too.
 */
public class SecurityProblems {

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthorized(UriInfo uriInfo) {
    return ProblemMapper.unauthorized(uriInfo.getPath());
  }
}
