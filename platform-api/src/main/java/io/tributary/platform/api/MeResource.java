package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.GrantView;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.security.Caller;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.AccessControlPublisher;
import io.tributary.platform.service.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The caller as the platform sees them. */
@Authenticated
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
  @Inject CurrentCaller caller;
  @Inject PlatformStore store;
  @Inject AccessControlPublisher accessControl;

  /** A domain the caller belongs to, and as what. */
  public record Membership(String domain, String role) {}

  /**
   * The caller's identity, their domains (whose products they read as owners or members), and the
   * grants that let them read other domains' products.
   */
  public record Me(
      String user,
      Set<String> groups,
      boolean admin,
      List<Membership> domains,
      List<GrantView> grants) {}

  @GET
  public Me me() {
    Caller current = caller.get();
    List<Membership> memberships = new ArrayList<>();
    for (DomainRecord domain : store.allDomains()) {
      Role role = Role.of(current, domain);
      if (role == Role.OWNER || role == Role.MEMBER) {
        memberships.add(new Membership(domain.name(), role.name().toLowerCase()));
      }
    }
    io.tributary.policies.grant.Caller asPolicies =
        new io.tributary.policies.grant.Caller(current.user(), current.groups());
    java.time.Instant now = java.time.Instant.now();
    List<GrantView> grants =
        accessControl.state().grants().stream()
            .filter(grant -> grant.principal().includes(asPolicies) && grant.isActiveAt(now))
            .map(GrantView::of)
            .toList();
    return new Me(
        current.user(), new TreeSet<>(current.groups()), current.admin(), memberships, grants);
  }
}
