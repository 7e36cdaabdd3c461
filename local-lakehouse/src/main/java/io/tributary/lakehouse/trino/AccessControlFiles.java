package io.tributary.lakehouse.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.lakehouse.LakehouseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Trino's file-based access-control rules and its group file. Both are replaced atomically, so
 * Trino's periodic reload never reads half a file; it picks a new version up within its refresh
 * period without a restart.
 */
public final class AccessControlFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

  /** The group whose members administer the platform, and may do anything in the catalog. */
  public static final String ADMIN_GROUP = "platform-admins";

  private static final String[] ALL_PRIVILEGES = {
    "SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT"
  };

  private AccessControlFiles() {}

  /**
   * The rules before any domain has declared a product: the platform's service user and the admin
   * group may do everything, the service user (and only it) may act as any end user, and nobody
   * else may touch the catalog.
   */
  public static ObjectNode baseRules() {
    ObjectNode rules = JSON.createObjectNode();
    ArrayNode catalogs = rules.putArray("catalogs");
    catalogs
        .addObject()
        .put("user", LakehouseSettings.SERVICE_USER)
        .put("catalog", ".*")
        .put("allow", "all");
    catalogs.addObject().put("group", ADMIN_GROUP).put("catalog", ".*").put("allow", "all");
    catalogs.addObject().put("catalog", "system").put("allow", "read-only");

    ArrayNode schemas = rules.putArray("schemas");
    schemas.addObject().put("user", LakehouseSettings.SERVICE_USER).put("owner", true);
    schemas.addObject().put("group", ADMIN_GROUP).put("owner", true);

    ArrayNode tables = rules.putArray("tables");
    for (ObjectNode rule :
        new ObjectNode[] {
          tables.addObject().put("user", LakehouseSettings.SERVICE_USER),
          tables.addObject().put("group", ADMIN_GROUP)
        }) {
      ArrayNode privileges = rule.putArray("privileges");
      for (String privilege : ALL_PRIVILEGES) {
        privileges.add(privilege);
      }
    }

    ArrayNode impersonation = rules.putArray("impersonation");
    impersonation
        .addObject()
        .put("original_user", LakehouseSettings.SERVICE_USER)
        .put("new_user", ".*")
        .put("allow", true);
    return rules;
  }

  /** The privileges that make a table rule grant everything. */
  public static String[] allPrivileges() {
    return ALL_PRIVILEGES.clone();
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

  /**
   * Writes the base rules unless a rules file exists already (the platform may have written one).
   */
  public static void ensureRules(Path file) {
    if (!Files.exists(file)) {
      writeRules(file, baseRules());
    }
  }

  /** Replaces the group file: one {@code group:user1,user2} line per group, sorted. */
  public static void writeGroups(Path file, Map<String, ? extends Set<String>> members) {
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
    replace(file, text.toString());
  }

  /** Writes an empty group file unless one exists. */
  public static void ensureGroups(Path file) {
    if (!Files.exists(file)) {
      replace(file, "");
    }
  }

  private static void requireName(String what, String name) {
    if (!GROUP.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'%s' cannot be a %s name in Trino's group file".formatted(name, what));
    }
  }

  private static void replace(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary =
          Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.writeString(temporary, content);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
