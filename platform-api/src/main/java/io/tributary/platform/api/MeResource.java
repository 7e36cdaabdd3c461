package io.tributary.platform.api;

import io.tributary.platform.security.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The caller as the platform sees them. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
  @Inject CurrentCaller caller;

  /** The caller's identity. */
  public record Me(String user, Set<String> groups, boolean admin, List<String> domains) {}

  @GET
  public Me me() {
    return new Me(
        caller.get().user(), new TreeSet<>(caller.get().groups()), caller.get().admin(), List.of());
  }
}
