package io.tributary.platform.registry;

import java.time.Instant;
import java.util.List;

/**
 * A domain as stored: its current declaration and bookkeeping.
 *
 * @param name the domain name
 * @param document the current declaration, a JSON document
 * @param ownerGroups the OIDC groups owning the domain
 * @param memberGroups the OIDC groups belonging to the domain
 * @param revision rises by one with every change, starting at 1; the REST layer's ETag
 * @param createdAt when the domain was onboarded
 * @param createdBy who onboarded it
 * @param updatedAt when it last changed
 * @param updatedBy who last changed it
 */
public record DomainRecord(
    String name,
    String document,
    List<String> ownerGroups,
    List<String> memberGroups,
    long revision,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy) {
  public DomainRecord {
    ownerGroups = List.copyOf(ownerGroups);
    memberGroups = List.copyOf(memberGroups);
  }
}
