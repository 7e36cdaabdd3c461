package io.tributary.policies.trino;

import java.util.List;

/**
 * Who may use a domain's products before any grant: its owners and members.
 *
 * @param domain the domain, which is the Trino schema of its products
 * @param ownerGroups the OIDC groups owning the domain
 * @param memberGroups the OIDC groups belonging to it
 */
public record DomainAccess(String domain, List<String> ownerGroups, List<String> memberGroups) {
  public DomainAccess {
    ownerGroups = List.copyOf(ownerGroups);
    memberGroups = List.copyOf(memberGroups);
  }
}
