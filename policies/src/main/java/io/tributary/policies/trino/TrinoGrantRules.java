package io.tributary.policies.trino;

import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.GrantUnion;
import io.tributary.policies.grant.Principal;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns grants into Trino table rules that give each caller the {@link GrantUnion} of their grants,
 * even though Trino applies only the first table rule that matches a caller and a table.
 *
 * <p>Per product, in this order (after the service user, admin and domain rules, so domain owners
 * and members keep seeing everything):
 *
 * <ol>
 *   <li>one rule per user that needs one, uniting every grant that applies to that user: the {@code
 *       user:} grants, and the group grants of every group the user belongs to. A user needs one
 *       when they hold a {@code user:} grant, or belong to two or more granted groups;
 *   <li>one rule per granted group, uniting that group's grants, for every other member.
 * </ol>
 *
 * <p>Group membership is the map the group file is written from ({@link
 * TrinoAccessControl#membersByGroup}): Trino knows a user's groups only from that file, so
 * compiling the rules and the group file from the same map gives every user exactly their union.
 * Users absent from the map have no groups in Trino, and their rule holds their {@code user:}
 * grants only. When membership changes, both files must be compiled again.
 */
final class TrinoGrantRules {

  /**
   * One table rule: the caller it matches (a user or a group, by name) and the union it gives on a
   * product.
   */
  record Rule(Principal.Kind kind, String name, ProductName product, GrantUnion union) {}

  private TrinoGrantRules() {}

  static List<Rule> rules(
      Collection<DomainAccess> domains,
      Collection<ProductColumns> products,
      Collection<Grant> grants,
      Map<String, ? extends Collection<String>> groupsByUser,
      Instant now) {
    Map<ProductName, ProductColumns> tables = new TreeMap<>();
    products.forEach(
        table -> {
          if (tables.put(table.product(), table) != null) {
            throw new IllegalArgumentException("product " + table.product() + " appears twice");
          }
        });
    Map<String, Set<String>> domainGroups = new TreeMap<>();
    domains.forEach(
        domain -> {
          Set<String> groups =
              domainGroups.computeIfAbsent(domain.domain(), name -> new TreeSet<>());
          groups.addAll(domain.ownerGroups());
          groups.addAll(domain.memberGroups());
        });

    // A grant on a product that is not (or no longer) a table opens nothing: there is no rule to
    // write for it.
    Map<ProductName, Map<String, List<Grant>>> userGrants = new TreeMap<>();
    Map<ProductName, Map<String, List<Grant>>> groupGrants = new TreeMap<>();
    grants.stream()
        .filter(grant -> grant.isActiveAt(now) && tables.containsKey(grant.product()))
        .forEach(
            grant ->
                (grant.principal().kind() == Principal.Kind.USER ? userGrants : groupGrants)
                    .computeIfAbsent(grant.product(), product -> new TreeMap<>())
                    .computeIfAbsent(grant.principal().name(), name -> new ArrayList<>())
                    .add(grant));

    List<Rule> rules = new ArrayList<>();
    for (ProductName product : tables.keySet()) {
      ProductColumns table = tables.get(product);
      Map<String, List<Grant>> byUser = userGrants.getOrDefault(product, Map.of());
      Map<String, List<Grant>> byGroup = groupGrants.getOrDefault(product, Map.of());
      Set<String> ownersAndMembers = domainGroups.getOrDefault(product.domain(), Set.of());
      Set<String> users = new TreeSet<>(byUser.keySet());
      groupsByUser.forEach(
          (user, groups) -> {
            long granted = groups.stream().filter(byGroup::containsKey).count();
            // The domain rule, earlier in the file, already decides for owners and members.
            boolean ownerOrMember = groups.stream().anyMatch(ownersAndMembers::contains);
            if (granted >= 2 && !ownerOrMember) {
              users.add(user);
            }
          });
      for (String user : users) {
        List<Grant> united = new ArrayList<>(byUser.getOrDefault(user, List.of()));
        Collection<String> groups = groupsByUser.get(user);
        new TreeSet<>(groups == null ? Set.<String>of() : groups)
            .forEach(group -> united.addAll(byGroup.getOrDefault(group, List.of())));
        rules.add(new Rule(Principal.Kind.USER, user, product, GrantUnion.of(table, united)));
      }
      byGroup.forEach(
          (group, granted) ->
              rules.add(
                  new Rule(Principal.Kind.GROUP, group, product, GrantUnion.of(table, granted))));
    }
    return rules;
  }
}
