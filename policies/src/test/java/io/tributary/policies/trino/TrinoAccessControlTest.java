package io.tributary.policies.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoAccessControlTest {
  private final TrinoAccessControl control =
      new TrinoAccessControl("lakehouse", "tributary", "platform-admins");

  /**
   * Evaluates the table rules as Trino does: the first rule whose user, group, catalog, schema and
   * table patterns all match decides; no match means no privilege.
   */
  private static List<String> privileges(
      JsonNode rules, String user, Set<String> groups, String schema) {
    for (JsonNode rule : rules.get("tables")) {
      if (matches(rule, "user", user)
          && (!rule.has("group")
              || groups.stream().anyMatch(group -> matches(rule, "group", group)))
          && matches(rule, "catalog", "lakehouse")
          && matches(rule, "schema", schema)) {
        List<String> privileges = new ArrayList<>();
        rule.get("privileges").forEach(privilege -> privileges.add(privilege.asText()));
        return privileges;
      }
    }
    return List.of();
  }

  private static boolean matches(JsonNode rule, String field, String value) {
    return Optional.ofNullable(rule.get(field))
        .map(JsonNode::asText)
        .map(value::matches)
        .orElse(true);
  }

  @Test
  void domainOwnersAndMembersReadAndWriteTheirOwnProductsOnly() {
    ObjectNode rules =
        control.compile(
            List.of(
                new DomainAccess("sales", List.of("sales-owners"), List.of("sales-analysts")),
                new DomainAccess("customers", List.of("customers.owners"), List.of())));

    assertThat(privileges(rules, "sam", Set.of("sales-owners"), "sales"))
        .containsExactly("SELECT", "INSERT", "DELETE", "UPDATE");
    assertThat(privileges(rules, "ana", Set.of("sales-analysts"), "sales"))
        .containsExactly("SELECT", "INSERT", "DELETE", "UPDATE");
    assertThat(privileges(rules, "ana", Set.of("sales-analysts"), "customers")).isEmpty();
    assertThat(privileges(rules, "carol", Set.of("customers.owners"), "customers")).isNotEmpty();
    // A dot in a group name is a literal dot, not "any character".
    assertThat(privileges(rules, "eve", Set.of("customersXowners"), "customers")).isEmpty();
    assertThat(privileges(rules, "olga", Set.of(), "sales")).isEmpty();
    assertThat(privileges(rules, "tributary", Set.of(), "customers"))
        .containsExactlyElementsOf(TrinoAccessControl.ALL_PRIVILEGES);
    assertThat(privileges(rules, "root", Set.of("platform-admins"), "sales"))
        .containsExactlyElementsOf(TrinoAccessControl.ALL_PRIVILEGES);
  }

  @Test
  void onlyTheServiceUserMayImpersonate() {
    JsonNode impersonation = control.baseRules().get("impersonation");
    assertThat(impersonation).hasSize(1);
    assertThat("tributary").matches(impersonation.get(0).get("original_user").asText());
    assertThat("tributary2").doesNotMatch(impersonation.get(0).get("original_user").asText());
  }

  @Test
  void groupFileListsTheMembersOfEveryGroupSorted(@TempDir Path folder) throws Exception {
    Map<String, Set<String>> members =
        TrinoAccessControl.membersByGroup(
            Map.of(
                "sam", List.of("sales-owners"), "ana", List.of("sales-analysts", "sales-owners")));
    Path file = folder.resolve("groups.txt");
    TrinoAccessControl.writeGroups(file, members);
    assertThat(Files.readAllLines(file))
        .containsExactly("sales-analysts:ana", "sales-owners:ana,sam");
  }

  @Test
  void namesThatWouldBreakTheGroupFileAreRefusedAndNothingIsWritten(@TempDir Path folder) {
    Path file = folder.resolve("groups.txt");
    assertThatThrownBy(() -> TrinoAccessControl.writeGroups(file, Map.of("a:b", Set.of("ana"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a:b' cannot be a group name");
    assertThat(file).doesNotExist();
  }
}
