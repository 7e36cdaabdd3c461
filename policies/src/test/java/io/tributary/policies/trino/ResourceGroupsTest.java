package io.tributary.policies.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ResourceGroupsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceGroups compiler = ResourceGroups.withDefaultLimits("tributary");

  private static final List<ResourceGroups.DomainGroup> MESH =
      List.of(
          new ResourceGroups.DomainGroup(
              "sales",
              List.of("sales-owners", "sales-analysts"),
              new ResourceGroupLimits(1, 0, "10%")),
          new ResourceGroups.DomainGroup(
              "customers", List.of("customers.owners"), new ResourceGroupLimits(4, 20, "1GB")));

  @Test
  void compilesOneGroupPerDomainBesideThePlatformsAndTheDefault() throws Exception {
    JsonNode json = ResourceGroups.toJson(compiler.compile(MESH));

    assertThat(json)
        .isEqualTo(
            JSON.readTree(
                """
                {"rootGroups": [{"name": "global", "softMemoryLimit": "100%",
                  "hardConcurrencyLimit": 100, "maxQueued": 1000, "subGroups": [
                    {"name": "platform", "softMemoryLimit": "100%", "hardConcurrencyLimit": 20,
                     "maxQueued": 200},
                    {"name": "domains", "softMemoryLimit": "100%", "hardConcurrencyLimit": 100,
                     "maxQueued": 1000, "subGroups": [
                       {"name": "customers", "softMemoryLimit": "1GB", "hardConcurrencyLimit": 4,
                        "maxQueued": 20},
                       {"name": "sales", "softMemoryLimit": "10%", "hardConcurrencyLimit": 1,
                        "maxQueued": 0}]},
                    {"name": "other", "softMemoryLimit": "20%", "hardConcurrencyLimit": 5,
                     "maxQueued": 50}]}],
                 "selectors": [
                   {"user": "tributary", "group": "global.platform"},
                   {"source": "tributary-platform", "clientTags": ["tributary-domain:customers"],
                    "group": "global.domains.customers"},
                   {"source": "tributary-platform", "clientTags": ["tributary-domain:sales"],
                    "group": "global.domains.sales"},
                   {"userGroup": "(customers\\\\.owners)", "group": "global.domains.customers"},
                   {"userGroup": "(sales-analysts|sales-owners)", "group": "global.domains.sales"},
                   {"group": "global.other"}]}
                """));
  }

  @Test
  void userGroupSelectorsMatchExactlyTheDomainsGroups() {
    String regex = compiler.compile(MESH).selectors().get(3).userGroup().orElseThrow();

    assertThat(Pattern.matches(regex, "customers.owners")).isTrue();
    assertThat(Pattern.matches(regex, "customersXowners")).isFalse();
    assertThat(Pattern.matches(regex, "customers.owners-2")).isFalse();
  }

  @Test
  void withoutDomainsEveryoneButThePlatformLandsInTheDefaultGroup() {
    ResourceGroups.Configuration base = compiler.base();

    assertThat(base.rootGroups().getFirst().subGroups())
        .extracting(ResourceGroups.Group::name)
        .containsExactly("platform", "other");
    assertThat(base.selectors())
        .extracting(ResourceGroups.Selector::group)
        .containsExactly("global.platform", "global.other");
  }

  @Test
  void refusesADomainNameThatCannotNameAGroup() {
    assertThatThrownBy(
            () ->
                compiler.compile(
                    List.of(
                        new ResourceGroups.DomainGroup(
                            "Sales.EU", List.of(), new ResourceGroupLimits(1, 1, "10%")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Sales.EU'");
  }

  @Test
  void refusesLimitsTrinoWouldRefuse() {
    assertThatThrownBy(() -> new ResourceGroupLimits(0, 1, "10%"))
        .hasMessageContaining("hardConcurrencyLimit");
    assertThatThrownBy(() -> new ResourceGroupLimits(1, -1, "10%"))
        .hasMessageContaining("maxQueued");
  }

  @Test
  void writesTheTablesTrinosDatabaseManagerReadsAndReplacesThemWhole() throws Exception {
    try (Connection connection =
        DriverManager.getConnection(
            "jdbc:h2:mem:resource-groups-test;NON_KEYWORDS=VALUE", "sa", "")) {
      ResourceGroupsDatabase.replace(connection, "other-environment", compiler.base());
      ResourceGroupsDatabase.replace(connection, "tributary", compiler.base());
      ResourceGroupsDatabase.replace(connection, "tributary", compiler.compile(MESH));

      assertThat(ResourceGroupsDatabase.hasGroups(connection, "tributary")).isTrue();
      assertThat(
              rows(
                  connection,
                  "SELECT g.name, p.name, g.hard_concurrency_limit, g.max_queued,"
                      + " g.soft_memory_limit FROM resource_groups g LEFT JOIN resource_groups p"
                      + " ON g.parent = p.resource_group_id WHERE g.environment = 'tributary'"
                      + " ORDER BY g.name"))
          .containsExactly(
              "customers domains 4 20 1GB",
              "domains global 100 1000 100%",
              "global null 100 1000 100%",
              "other global 5 50 20%",
              "platform global 20 200 100%",
              "sales domains 1 0 10%");
      // The query Trino's manager runs, selectors tried by descending priority.
      assertThat(
              rows(
                  connection,
                  "SELECT g.name, s.user_regex, s.user_group_regex, s.source_regex, s.client_tags"
                      + " FROM selectors s JOIN resource_groups g"
                      + " ON s.resource_group_id = g.resource_group_id"
                      + " WHERE g.environment = 'tributary' ORDER BY s.priority DESC"))
          .containsExactly(
              "platform tributary null null null",
              "customers null null tributary-platform [\"tributary-domain:customers\"]",
              "sales null null tributary-platform [\"tributary-domain:sales\"]",
              "customers null (customers\\.owners) null null",
              "sales null (sales-analysts|sales-owners) null null",
              "other null null null null");
      // Another environment's rows are left alone.
      assertThat(
              rows(
                  connection,
                  "SELECT count(*) FROM resource_groups WHERE environment = 'other-environment'"))
          .containsExactly("3");
    }
  }

  private static List<String> rows(Connection connection, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          values.add(String.valueOf(result.getString(column)));
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }
}
