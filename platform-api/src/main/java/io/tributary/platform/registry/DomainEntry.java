package io.tributary.platform.registry;

import java.util.List;
import java.util.Objects;

/**
 * A domain's declaration as submitted: what {@link PlatformStore#putDomain} stores.
 *
 * @param name the domain name, {@code [a-z][a-z0-9_]{1,62}}
 * @param document the whole declaration as a JSON document, kept verbatim
 * @param ownerGroups the OIDC groups owning the domain
 * @param memberGroups the OIDC groups belonging to the domain
 */
public record DomainEntry(
    String name, String document, List<String> ownerGroups, List<String> memberGroups) {
  public DomainEntry {
    Names.requireDomain(name);
    Names.requireText(document, "document");
    ownerGroups = List.copyOf(Objects.requireNonNull(ownerGroups, "ownerGroups"));
    memberGroups = List.copyOf(Objects.requireNonNull(memberGroups, "memberGroups"));
  }
}
