package io.tributary.policies.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * rule per domain letting its owners and members read and write its products (until grants say
 * more), and nobody else touches the catalog.
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

  /** The rules for these domains. */
  public ObjectNode compile(Collection<DomainAccess> domains) {
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

    rules
        .putArray("impersonation")
        .addObject()
        .put("original_user", quote(serviceUser))
        .put("new_user", ".*")
        .put("allow", true);
    return rules;
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
