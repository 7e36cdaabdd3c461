package io.tributary.platform.enforcement.trino;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.platform.enforcement.AccessSnapshot;
import io.tributary.platform.enforcement.GrantEnforcer;
import io.tributary.policies.trino.TrinoAccessControl;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes Trino's group file and rules together, so the merged per-user rules always match the
 * membership Trino reads. Does nothing when neither file is configured.
 */
public final class TrinoRulesEnforcer implements GrantEnforcer {
  /** The name {@code tributary.grants.enforcers} selects it by. */
  public static final String NAME = "trino-rules";

  private static final Logger LOG = Logger.getLogger(TrinoRulesEnforcer.class);

  private final TrinoAccessControl compiler;
  private final Optional<Path> rulesFile;
  private final Optional<Path> groupsFile;

  /**
   * @param catalogName the Iceberg catalog's name in Trino
   * @param serviceUser the user the platform queries as
   * @param adminGroup the platform administrators' group
   * @param rulesFile the rules file Trino reloads, if any
   * @param groupsFile the group file Trino reloads, if any
   */
  public TrinoRulesEnforcer(
      String catalogName,
      String serviceUser,
      String adminGroup,
      Optional<Path> rulesFile,
      Optional<Path> groupsFile) {
    this.compiler = new TrinoAccessControl(catalogName, serviceUser, adminGroup);
    this.rulesFile = Objects.requireNonNull(rulesFile, "rulesFile");
    this.groupsFile = Objects.requireNonNull(groupsFile, "groupsFile");
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Trino's access control for one snapshot: the rules, the group file's text (empty when a name
   * cannot be written into it) and the members by group it lists.
   */
  public record Compiled(
      ObjectNode rules, Optional<String> groupFile, Map<String, Set<String>> membersByGroup) {}

  /** What {@link #enforce} writes, and what a Trino cluster reads from the API over HTTP. */
  public Compiled compile(AccessSnapshot snapshot) {
    Map<String, Set<String>> membersByGroup =
        TrinoAccessControl.membersByGroup(snapshot.groupsByUser());
    Optional<String> groupFile;
    try {
      groupFile = Optional.of(TrinoAccessControl.groupFile(membersByGroup));
    } catch (IllegalArgumentException unusableName) {
      LOG.warnf("Not writing Trino's group file: %s", unusableName.getMessage());
      groupFile = Optional.empty();
    }
    ObjectNode rules =
        compiler.compile(
            snapshot.domains(),
            snapshot.productColumns(),
            snapshot.grants(),
            snapshot.groupsByUser(),
            snapshot.now());
    return new Compiled(rules, groupFile, membersByGroup);
  }

  @Override
  public void enforce(AccessSnapshot snapshot) {
    if (rulesFile.isEmpty() && groupsFile.isEmpty()) {
      return;
    }
    Compiled compiled = compile(snapshot);
    groupsFile.ifPresent(
        file ->
            compiled
                .groupFile()
                .ifPresent(
                    text -> TrinoAccessControl.writeGroups(file, compiled.membersByGroup())));
    rulesFile.ifPresent(file -> TrinoAccessControl.writeRules(file, compiled.rules()));
  }
}
