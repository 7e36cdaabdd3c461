package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.policies.grant.AccessEvaluator;
import io.tributary.policies.grant.Caller;
import io.tributary.policies.grant.ColumnSelection;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import io.tributary.policies.trino.DomainAccess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The differential test of grants: for generated grant sets (fixed seed) over a fixed dataset, what
 * each principal gets from Trino over trino-jdbc and from the REST data endpoint equals what the
 * policies module's reference evaluator says — columns, masked values and rows, or no access.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class GrantsDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = LocalLakehouseResource.token("root", "platform-admins");
  private static final int GRANT_SETS = 8;
  private static final List<String> COLUMNS = List.of("id", "region", "email", "tier", "score");
  private static final List<String> FILTERS =
      List.of(
          "region = 'EU'",
          "score > 50",
          "region IN ('EU', 'US') AND score <= 80",
          "NOT (region = 'APAC')",
          "email IS NULL OR tier LIKE 'g%'");

  /** The readers: users in no, one or two of the granted groups. */
  private record Reader(String user, Set<String> groups) {}

  @Test
  void trinoAndRestGiveEachPrincipalWhatTheEvaluatorSays() throws Exception {
    String domain = DomainsAndProductsTest.unique("differential");
    String groupA = domain + "-a";
    String groupB = domain + "-b";
    List<Reader> readers =
        List.of(
            new Reader("dora", Set.of(groupA)),
            new Reader("eric", Set.of(groupB)),
            new Reader("fay", Set.of(groupA, groupB)),
            new Reader("gus", Set.of()));
    String owner = LocalLakehouseResource.token("sam", domain + "-owners");
    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/yaml")
        .body(DomainsAndProductsTest.domainYaml(domain, "Differential"))
        .put("/api/v1/domains/" + domain)
        .then()
        .statusCode(201);
    String path = "/api/v1/domains/%s/products/people".formatted(domain);
    given()
        .auth()
        .oauth2(owner)
        .contentType("application/yaml")
        .body(yaml(domain, 0, ""))
        .put(path)
        .then()
        .statusCode(201);
    List<Map<String, Object>> rows = dataset();
    insert(domain, rows);
    for (Reader reader : readers) {
      given().auth().oauth2(token(reader)).get("/api/v1/me").then().statusCode(200);
    }

    ProductColumns columns =
        ProductColumns.of(
            ProductName.of(domain, "people"),
            "id",
            "long",
            "region",
            "string",
            "email",
            "string",
            "tier",
            "string",
            "score",
            "int");
    DomainAccess domainAccess =
        new DomainAccess(domain, List.of(domain + "-owners"), List.of(domain + "-analysts"));
    Random random = new Random(20261127L);
    for (int set = 1; set <= GRANT_SETS; set++) {
      List<Grant> grants = new ArrayList<>();
      StringBuilder yamlGrants = new StringBuilder();
      for (String principal : principals(random, groupA, groupB)) {
        GeneratedGrant generated = GeneratedGrant.random(random, principal, domain);
        grants.add(generated.grant());
        yamlGrants.append(generated.yaml());
      }
      Response declared =
          given()
              .auth()
              .oauth2(owner)
              .contentType("application/yaml")
              .body(yaml(domain, set, yamlGrants.toString()))
              .put(path);
      assertThat(declared.statusCode()).as(declared.asString()).isEqualTo(200);

      for (Reader reader : readers) {
        AccessEvaluator expected =
            AccessEvaluator.evaluate(
                new Caller(reader.user(), reader.groups()),
                columns,
                domainAccess,
                grants,
                Instant.now());
        Optional<List<List<String>>> expectedRows = expectedRows(expected, rows);
        String description = "grant set %d %s for %s".formatted(set, grants, reader);
        assertThat(awaitRest(reader, domain, expected.visibleColumns(), expectedRows))
            .as("REST: " + description)
            .isEqualTo(expectedRows);
        assertThat(jdbc(reader, domain)).as("JDBC: " + description).isEqualTo(expectedRows);
      }
    }
  }

  private static List<String> principals(Random random, String groupA, String groupB) {
    List<String> all = new ArrayList<>(List.of("group:" + groupA, "group:" + groupB, "user:dora"));
    java.util.Collections.shuffle(all, random);
    return all.subList(0, 1 + random.nextInt(3));
  }

  /** One generated grant, as the policies model and as declaration YAML. */
  private record GeneratedGrant(Grant grant, String yaml) {
    static GeneratedGrant random(Random random, String principal, String domain) {
      Grant.Builder grant = Grant.to(principal, domain + ".people");
      StringBuilder yaml = new StringBuilder("      - principal: ").append(principal).append('\n');
      List<String> others = COLUMNS.subList(1, COLUMNS.size());
      List<String> shown = new ArrayList<>(COLUMNS);
      switch (random.nextInt(3)) {
        case 0 -> yaml.append("        columns: all\n");
        case 1 -> {
          List<String> include = new ArrayList<>(List.of("id"));
          others.stream().filter(column -> random.nextBoolean()).forEach(include::add);
          grant.columns(ColumnSelection.include(include.toArray(String[]::new)));
          yaml.append("        columns: {include: ").append(include).append("}\n");
          shown = include;
        }
        default -> {
          String excluded = others.get(random.nextInt(others.size()));
          grant.columns(ColumnSelection.exclude(excluded));
          yaml.append("        columns: {exclude: [").append(excluded).append("]}\n");
          shown.remove(excluded);
        }
      }
      Map<String, String> masks = new LinkedHashMap<>();
      for (String column : shown) {
        if (column.equals("id") || random.nextInt(3) != 0) {
          continue;
        }
        Mask mask =
            column.equals("score")
                ? (random.nextBoolean() ? Mask.REDACT : Mask.NULL)
                : Mask.values()[random.nextInt(Mask.values().length)];
        grant.mask(column, mask);
        masks.put(column, mask.declaredName());
      }
      if (!masks.isEmpty()) {
        yaml.append("        masks: ").append(masks.toString().replace("=", ": ")).append('\n');
      }
      if (random.nextBoolean()) {
        String filter = FILTERS.get(random.nextInt(FILTERS.size()));
        grant.rowFilter(filter);
        yaml.append("        rowFilter: \"").append(filter).append("\"\n");
      }
      return new GeneratedGrant(grant.build(), yaml.toString());
    }
  }

  private static String yaml(String domain, int minor, String grants) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: people, version: 1.%d.0, title: People}
        spec:
          zone: curated
          table:
            columns:
              - {name: id, type: long, required: true}
              - {name: region, type: string}
              - {name: email, type: string}
              - {name: tier, type: string}
              - {name: score, type: int}
            primaryKey: [id]
          access:
            visibility: discoverable
            grants:
        %s
          source: {type: external}
        """
        .formatted(domain, minor, grants.isEmpty() ? "      []" : grants)
        .replace("    grants:\n      []", "    grants: []");
  }

  private static List<Map<String, Object>> dataset() {
    String[] regions = {"EU", "US", "APAC", "EU", null, "US"};
    String[] tiers = {"gold", "silver", "bronze", "gold", "green", null};
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int id = 1; id <= 12; id++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", (long) id);
      row.put("region", regions[id % regions.length]);
      row.put("email", id % 4 == 0 ? null : "person" + id + "@example.com");
      row.put("tier", tiers[(id * 5) % tiers.length]);
      row.put("score", id % 5 == 0 ? null : id * 9);
      rows.add(row);
    }
    return rows;
  }

  private static void insert(String domain, List<Map<String, Object>> rows) throws SQLException {
    StringBuilder values = new StringBuilder();
    for (Map<String, Object> row : rows) {
      if (!values.isEmpty()) {
        values.append(", ");
      }
      List<String> literals = new ArrayList<>();
      row.forEach(
          (column, value) ->
              literals.add(
                  value == null
                      ? "NULL"
                      : value instanceof String text ? "'" + text + "'" : value.toString()));
      values.append('(').append(String.join(", ", literals)).append(')');
    }
    try (Connection connection =
            LocalLakehouseResource.connect("tributary", LocalLakehouseResource.token("tributary"));
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO lakehouse.%s.people VALUES %s".formatted(domain, values));
    }
  }

  private static Optional<List<List<String>>> expectedRows(
      AccessEvaluator evaluator, List<Map<String, Object>> rows) {
    if (!evaluator.hasAccess()) {
      return Optional.empty();
    }
    List<List<String>> expected = new ArrayList<>();
    expected.add(evaluator.visibleColumns());
    for (Map<String, Object> row : rows) {
      evaluator
          .apply(row)
          .ifPresent(
              seen -> {
                List<String> values = new ArrayList<>();
                seen.values().forEach(value -> values.add(value == null ? null : value.toString()));
                expected.add(values);
              });
    }
    return Optional.of(expected);
  }

  private static String token(Reader reader) {
    return LocalLakehouseResource.token(reader.user(), reader.groups().toArray(String[]::new));
  }

  /** What REST gives, waiting while Trino has not yet reloaded the rules for this grant set. */
  private static Optional<List<List<String>>> awaitRest(
      Reader reader, String domain, List<String> columns, Optional<List<List<String>>> expected)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(15);
    Optional<List<List<String>>> actual;
    do {
      actual = rest(reader, domain);
      if (actual.equals(expected)) {
        return actual;
      }
      Thread.sleep(300);
    } while (Instant.now().isBefore(deadline));
    return actual;
  }

  private static Optional<List<List<String>>> rest(Reader reader, String domain) throws Exception {
    Response response =
        given()
            .auth()
            .oauth2(token(reader))
            .accept("application/json")
            .queryParam("limit", 100)
            .get("/api/v1/domains/%s/products/people/data".formatted(domain));
    if (response.statusCode() == 403) {
      return Optional.empty();
    }
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    JsonNode page = JSON.readTree(response.asString());
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    page.get("columns").forEach(column -> header.add(column.get("name").asText()));
    rows.add(header);
    page.get("rows")
        .forEach(
            row -> {
              List<String> values = new ArrayList<>();
              row.forEach(value -> values.add(value.isNull() ? null : value.asText()));
              rows.add(values);
            });
    return Optional.of(rows);
  }

  private static Optional<List<List<String>>> jdbc(Reader reader, String domain) throws Exception {
    try (Connection connection = LocalLakehouseResource.connect(reader.user(), token(reader));
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT * FROM lakehouse.%s.people ORDER BY id".formatted(domain))) {
      ResultSetMetaData metadata = result.getMetaData();
      List<List<String>> rows = new ArrayList<>();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= metadata.getColumnCount(); i++) {
        header.add(metadata.getColumnName(i));
      }
      rows.add(header);
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
          values.add(result.getString(i));
        }
        rows.add(values);
      }
      return Optional.of(rows);
    } catch (SQLException denied) {
      if (denied.getMessage().contains("Access Denied")
          || denied.getMessage().contains("not allowed")) {
        return Optional.empty();
      }
      throw denied;
    }
  }
}
