package io.tributary.lakehouse.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.policies.trino.TrinoAccessControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The local lakehouse's Trino access-control files before the platform writes its own: the
 * platform's base rules (service user and admins only) and an empty group file.
 */
public final class AccessControlFiles {
  /** The group whose members administer the platform, and may do anything in the catalog. */
  public static final String ADMIN_GROUP = "platform-admins";

  private static final TrinoAccessControl RULES =
      new TrinoAccessControl(
          LakehouseSettings.CATALOG, LakehouseSettings.SERVICE_USER, ADMIN_GROUP);

  private AccessControlFiles() {}

  /**
   * The rules before any domain exists: the platform's service user and the admin group may do
   * everything, the service user (and only it) may act as any end user, nobody else may touch the
   * catalog.
   */
  public static ObjectNode baseRules() {
    return RULES.baseRules();
  }

  /** Replaces the rules file with these rules. */
  public static void writeRules(Path file, JsonNode rules) {
    TrinoAccessControl.writeRules(file, rules);
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
  public static void writeGroups(Path file, Map<String, ? extends Collection<String>> members) {
    TrinoAccessControl.writeGroups(file, members);
  }

  /** Writes an empty group file unless one exists. */
  public static void ensureGroups(Path file) {
    if (!Files.exists(file)) {
      writeGroups(file, Map.of());
    }
  }
}
