package io.tributary.policies.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.GrantUnion;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.Principal;
import io.tributary.policies.grant.ProductColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Trino's file-based access control: the rules the platform compiles and the group file. Both files
 * are replaced atomically, so Trino's periodic reload never reads half a file and picks a new
 * version up within its refresh period, without a restart.
 *
 * <p>Rules are first-match: the platform's service user and the admin group come first, then one
 * rule per domain letting its owners and members read and write its products, then the grants'
 * read-only rules ({@link #compile(Collection, Collection, Collection, Map, Instant)}), and nobody
 * else touches the catalog.
 */
public final class TrinoAccessControl {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

  /** Every table privilege: what the service user and the admins hold. */
  public static final List<String> ALL_PRIVILEGES =
      List.of("SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT");

  /** What a domain's owners and members may do with its products' rows. */
  public static final List<String> DOMAIN_PRIVILEGES =
      List.of("SELECT", "INSERT", "DELETE", "UPDATE");

  /** What a grant gives: reading rows, never changing them. */
  public static final List<String> GRANT_PRIVILEGES = List.of("SELECT");

  private final String catalog;
  private final String serviceUser;
  private final String adminGroup;

  /**
   * @param catalog the Trino catalog holding the products
   * @param serviceUser the platform's own user, the only one that may act as another user
   * @param adminGroup the group whose members administer the platform
   */
  public TrinoAccessControl(String catalog, String serviceUser, String adminGroup) {
    this.catalog = catalog;
    this.serviceUser = serviceUser;
    this.adminGroup = adminGroup;
  }

  /** The rules when no domain exists yet. */
  public ObjectNode baseRules() {
    return compile(List.of());
  }

  /** The rules for these domains, before any grant. */
  public ObjectNode compile(Collection<DomainAccess> domains) {
    return render(domains, List.of());
  }

  /**
   * The rules for these domains and the grants active at {@code now}: the domain rules as {@link
   * #compile(Collection)} writes them, then one read-only rule per grantee and product giving the
   * union of their grants ({@link io.tributary.policies.grant.AccessEvaluator}): hidden columns
   * denied, masked columns as SQL masks, the united row filter.
   *
   * <p>Trino applies the first matching rule only, so a user with several applicable grants on one
   * product (a {@code user:} grant, or two granted groups) gets a rule of their own uniting them;
   * see {@link TrinoGrantRules}. That needs the membership Trino will see: pass the map the group
   * file is written from, and compile both again when it changes, and at {@link Grant#nextExpiry},
   * when a grant runs out.
   *
   * @param products the products that exist, with their columns; grants on other products are
   *     skipped
   * @param grants every grant, of any product; expired ones are skipped
   * @param groupsByUser every known user's groups, as in the group file
   * @param now the instant the rules are for
   */
  public ObjectNode compile(
      Collection<DomainAccess> domains,
      Collection<ProductColumns> products,
      Collection<Grant> grants,
      Map<String, ? extends Collection<String>> groupsByUser,
      Instant now) {
    return render(domains, TrinoGrantRules.rules(domains, products, grants, groupsByUser, now));
  }

  private ObjectNode render(
      Collection<DomainAccess> domains, List<TrinoGrantRules.Rule> grantRules) {
    ObjectNode rules = JSON.createObjectNode();
    ArrayNode catalogs = rules.putArray("catalogs");
    catalogs.addObject().put("user", quote(serviceUser)).put("catalog", ".*").put("allow", "all");
    catalogs.addObject().put("group", quote(adminGroup)).put("catalog", ".*").put("allow", "all");
    Set<String> domainGroups = new TreeSet<>();
    domains.forEach(
        domain -> {
          domainGroups.addAll(domain.ownerGroups());
          domainGroups.addAll(domain.memberGroups());
        });
    if (!domainGroups.isEmpty()) {
      catalogs
          .addObject()
          .put("group", anyOf(domainGroups))
          .put("catalog", quote(catalog))
          .put("allow", "all");
    }
    for (Principal.Kind kind : List.of(Principal.Kind.USER, Principal.Kind.GROUP)) {
      Set<String> grantees = new TreeSet<>();
      grantRules.stream()
          .filter(rule -> rule.kind() == kind)
          .forEach(rule -> grantees.add(rule.name()));
      if (!grantees.isEmpty()) {
        catalogs
            .addObject()
            .put(kind.prefix(), anyOf(grantees))
            .put("catalog", quote(catalog))
            .put("allow", "read-only");
      }
    }
    catalogs.addObject().put("catalog", "system").put("allow", "read-only");

    ArrayNode schemas = rules.putArray("schemas");
    schemas.addObject().put("user", quote(serviceUser)).put("owner", true);
    schemas.addObject().put("group", quote(adminGroup)).put("owner", true);

    ArrayNode tables = rules.putArray("tables");
    privileges(tables.addObject().put("user", quote(serviceUser)), ALL_PRIVILEGES);
    privileges(tables.addObject().put("group", quote(adminGroup)), ALL_PRIVILEGES);
    for (DomainAccess domain : domains) {
      Set<String> groups = new LinkedHashSet<>(domain.ownerGroups());
      groups.addAll(domain.memberGroups());
      if (groups.isEmpty()) {
        continue;
      }
      privileges(
          tables
              .addObject()
              .put("group", anyOf(groups))
              .put("catalog", quote(catalog))
              .put("schema", quote(domain.domain())),
          DOMAIN_PRIVILEGES);
    }
    grantRules.forEach(rule -> tables.add(grantRule(rule)));

    rules
        .putArray("impersonation")
        .addObject()
        .put("original_user", quote(serviceUser))
        .put("new_user", ".*")
        .put("allow", true);
    return rules;
  }

  /**
   * One grantee's rule on one product. The filter runs as the service user: it may read columns the
   * grant hides, and Trino checks the columns a filter reads against the identity it runs as.
   */
  private ObjectNode grantRule(TrinoGrantRules.Rule rule) {
    GrantUnion union = rule.union();
    ObjectNode node =
        JSON.createObjectNode()
            .put(rule.kind().prefix(), quote(rule.name()))
            .put("catalog", quote(catalog))
            .put("schema", quote(rule.product().domain()))
            .put("table", quote(rule.product().product()));
    privileges(node, GRANT_PRIVILEGES);
    ArrayNode columns = JSON.createArrayNode();
    for (ProductColumns.Column column : union.table().columns()) {
      Mask mask = union.masks().get(column.name());
      if (!union.visibleColumns().contains(column.name())) {
        columns.addObject().put("name", column.name()).put("allow", false);
      } else if (mask != null) {
        columns
            .addObject()
            .put("name", column.name())
            .put("mask", TrinoMasks.expression(mask, column.name(), column.icebergType()));
      }
    }
    if (!columns.isEmpty()) {
      node.set("columns", columns);
    }
    union
        .rowFilter()
        .ifPresent(
            filter -> {
              node.put("filter", filter.toSqlText());
              node.putObject("filter_environment").put("user", serviceUser);
            });
    return node;
  }

  private static void privileges(ObjectNode rule, List<String> privileges) {
    ArrayNode array = rule.putArray("privileges");
    privileges.forEach(array::add);
  }

  /** Trino matches users, groups and names as regular expressions: quote them. */
  private static String quote(String name) {
    return Pattern.quote(name);
  }

  private static String anyOf(Collection<String> names) {
    return names.stream().map(TrinoAccessControl::quote).collect(Collectors.joining("|", "(", ")"));
  }

  /** Replaces the rules file with these rules. */
  public static void writeRules(Path file, JsonNode rules) {
    if (!rules.isObject()) {
      throw new IllegalArgumentException("Trino access-control rules are a JSON object");
    }
    try {
      replace(file, JSON.writeValueAsString(rules));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the group file: one {@code group:user1,user2} line per group, sorted. */
  public static void writeGroups(Path file, Map<String, ? extends Collection<String>> members) {
    replace(file, groupFile(members));
  }

  /** The group file's text for these groups and their members. */
  public static String groupFile(Map<String, ? extends Collection<String>> members) {
    SortedMap<String, Set<String>> sorted = new TreeMap<>();
    members.forEach(
        (group, users) -> {
          requireName("group", group);
          users.forEach(user -> requireName("user", user));
          sorted.put(group, new TreeSet<>(users));
        });
    StringBuilder text = new StringBuilder();
    sorted.forEach(
        (group, users) ->
            text.append(group).append(':').append(String.join(",", users)).append('\n'));
    return text.toString();
  }

  /** Inverts user to groups into group to users, the group file's shape. */
  public static Map<String, Set<String>> membersByGroup(
      Map<String, ? extends Collection<String>> groupsByUser) {
    Map<String, Set<String>> members = new TreeMap<>();
    groupsByUser.forEach(
        (user, groups) ->
            groups.forEach(
                group -> members.computeIfAbsent(group, key -> new TreeSet<>()).add(user)));
    return members;
  }

  private static void requireName(String what, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'%s' cannot be a %s name in Trino's group file".formatted(name, what));
    }
  }

  private static void replace(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary =
          Files.createTempFile(
              file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
      Files.writeString(temporary, content);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
