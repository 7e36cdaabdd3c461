package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.platform.testing.LocalLakehouseResource;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The rules a Trino cluster reads over HTTP: only the Trino service principal (its token, or the
 * shared secret Trino puts in the URL) reads them; they are the very rules the publisher writes to
 * the local Trino's file; and a grant declared through the API shows up in the next answer.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class TrinoRulesResourceTest {
  // application.properties sets it for the test profile: a test profile of its own would restart
  // Quarkus, after which the H2 driver of the Iceberg catalog is no longer found.
  private static final String SECRET =
      ConfigProvider.getConfig().getValue("tributary.trino.rules-secret", String.class);
  private static final String RULES = "/api/v1/engine/trino/rules";
  private static final String GROUPS = "/api/v1/engine/trino/groups";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = LocalLakehouseResource.token("root", "platform-admins");

  private static String serviceUser() {
    return ConfigProvider.getConfig().getValue("tributary.trino.service-user", String.class);
  }

  @Test
  void onlyTheTrinoServicePrincipalReadsTheRulesAndGroups() {
    for (String path : List.of(RULES, GROUPS)) {
      given().get(path).then().statusCode(401);
      given()
          .auth()
          .oauth2(LocalLakehouseResource.token("olga", "elsewhere"))
          .get(path)
          .then()
          .statusCode(403);
      given().auth().oauth2(ADMIN).get(path).then().statusCode(403);
      given().queryParam("secret", "wrong").get(path).then().statusCode(403);
      given()
          .auth()
          .oauth2(LocalLakehouseResource.token("olga", "elsewhere"))
          .queryParam("secret", SECRET.substring(1))
          .get(path)
          .then()
          .statusCode(403);
      given().queryParam("secret", SECRET).get(path).then().statusCode(200);
      given()
          .auth()
          .oauth2(LocalLakehouseResource.token(serviceUser()))
          .get(path)
          .then()
          .statusCode(200);
    }
  }

  @Test
  void servesTheRulesThePublisherWritesAndAGrantChangeShowsUp() throws Exception {
    String domain = DomainsAndProductsTest.unique("rules");
    String partnerGroup = domain + "-partners";
    assertThat(rules().toString()).doesNotContain(Pattern.quote(domain));

    given()
        .auth()
        .oauth2(ADMIN)
        .contentType("application/yaml")
        .body(DomainsAndProductsTest.domainYaml(domain, "Rules"))
        .put("/api/v1/domains/" + domain)
        .then()
        .statusCode(201);
    given()
        .auth()
        .oauth2(LocalLakehouseResource.token("sam", domain + "-owners"))
        .contentType("application/yaml")
        .body(product(domain, partnerGroup))
        .put("/api/v1/domains/%s/products/customers".formatted(domain))
        .then()
        .statusCode(201);
    // The partner's first call tells the platform their groups, which the group file then lists.
    given()
        .auth()
        .oauth2(LocalLakehouseResource.token("pat", partnerGroup))
        .get("/api/v1/me")
        .then()
        .statusCode(200);

    JsonNode rules = rules();
    JsonNode grantRule = null;
    for (JsonNode table : rules.get("tables")) {
      if (Pattern.quote(partnerGroup).equals(table.path("group").asText())
          && Pattern.quote(domain).equals(table.path("schema").asText())) {
        grantRule = table;
      }
    }
    assertThat(grantRule).as("the grant's rule in %s", rules).isNotNull();
    assertThat(grantRule.get("table").asText()).isEqualTo(Pattern.quote("customers"));
    assertThat(grantRule.get("privileges").toString()).isEqualTo("[\"SELECT\"]");
    List<String> hidden = new ArrayList<>();
    grantRule
        .get("columns")
        .forEach(
            column -> {
              if (!column.path("allow").asBoolean(true)) {
                hidden.add(column.get("name").asText());
              }
            });
    assertThat(hidden).containsExactly("ssn");

    JsonNode written =
        JSON.readTree(Files.readString(LocalLakehouseResource.settings().layout().accessRules()));
    assertThat(rules).as("the rules Trino's file holds").isEqualTo(written);

    String groups =
        given()
            .queryParam("secret", SECRET)
            .get(GROUPS)
            .then()
            .statusCode(200)
            .contentType("text/plain")
            .extract()
            .asString();
    assertThat(groups.lines()).contains(partnerGroup + ":pat");
    assertThat(groups)
        .isEqualTo(Files.readString(LocalLakehouseResource.settings().layout().groups()));
  }

  private static JsonNode rules() throws Exception {
    String body =
        given()
            .queryParam("secret", SECRET)
            .get(RULES)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    return JSON.readTree(body);
  }

  private static String product(String domain, String partnerGroup) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: customers, version: 1.0.0, title: Customers}
        spec:
          zone: curated
          table:
            columns:
              - {name: id, type: long, required: true}
              - {name: region, type: string}
              - {name: ssn, type: string, classification: pii}
            primaryKey: [id]
          access:
            visibility: discoverable
            grants:
              - principal: group:%s
                columns: {exclude: [ssn]}
                purpose: partner reporting
          source: {type: external}
        """
        .formatted(domain, partnerGroup);
  }
}
