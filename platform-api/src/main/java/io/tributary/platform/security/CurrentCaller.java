package io.tributary.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tributary.platform.api.PlatformException;
import io.tributary.platform.config.PlatformConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The request's {@link Caller}, resolved once from the verified token. */
@RequestScoped
public class CurrentCaller {
  @Inject SecurityIdentity identity;
  @Inject PlatformConfig config;
  @Inject GroupDirectory groups;

  private Caller caller;

  public Caller get() {
    if (caller == null) {
      String user = identity.getPrincipal().getName();
      Set<String> groups = identity.getRoles();
      if (identity.getPrincipal() instanceof JsonWebToken token) {
        if (token.getSubject() != null) {
          user = token.getSubject();
        }
        if (token.getGroups() != null) {
          groups = token.getGroups();
        }
      }
      if (user.equals(config.trino().serviceUser())) {
        // The platform queries as this user with every right: no caller may be it.
        throw PlatformException.forbidden(
            "'%s' is the platform's own user and cannot call the API".formatted(user));
      }
      caller = new Caller(user, groups, groups.contains(config.adminGroup()));
      this.groups.saw(caller);
    }
    return caller;
  }
}
