package io.tributary.platform.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tributary.lakehouse.LakehouseSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A domain of one test, onboarded through the API as a platform admin: its owner group {@code
 * <name>-owners} declares products, its member group {@code <name>-analysts} reads them. Names are
 * unique per call, so tests sharing one lakehouse never see each other's domains.
 */
public record TestDomain(String name) {

  /** The platform admin's token. */
  public static String adminToken() {
    return LocalLakehouseResource.token("root", "platform-admins");
  }

  /** A fresh domain name: the prefix and random hexadecimal digits. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /**
   * Onboards a fresh domain (budget 100 USD, scan cutoff 1 GiB) and lets its reader sign in once,
   * which tells the platform their groups so it hands them to Trino.
   */
  public static TestDomain onboard(String prefix, String title) {
    TestDomain domain = new TestDomain(uniqueName(prefix));
    Response onboarded = put(adminToken(), "/api/v1/domains/" + domain.name(), domain.yaml(title));
    assertThat(onboarded.statusCode()).as(onboarded.asString()).isEqualTo(201);
    assertThat(onboarded.jsonPath().getString("run.status"))
        .as(onboarded.asString())
        .isEqualTo("succeeded");
    given()
        .auth()
        .oauth2(domain.readerToken())
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("domains", hasItem(Map.of("domain", domain.name(), "role", "member")));
    return domain;
  }

  /** The domain's declaration: its two groups, a budget and a scan cutoff. */
  public String yaml(String title) {
    return """
        apiVersion: tributary.io/v1
        kind: Domain
        metadata:
          name: %1$s
          title: %2$s
        spec:
          owners: [%1$s-owners]
          members: [%1$s-analysts]
          costs: {monthlyBudgetUsd: 100, maxBytesScannedPerQuery: 1073741824}
        """
        .formatted(name, title);
  }

  public String owner() {
    return name + ".owner";
  }

  public String ownerToken() {
    return LocalLakehouseResource.token(owner(), name + "-owners");
  }

  public String reader() {
    return name + ".reader";
  }

  public String readerToken() {
    return LocalLakehouseResource.token(reader(), name + "-analysts");
  }

  /** The product's table as Trino names it. */
  public String table(String product) {
    return "%s.%s.%s".formatted(LakehouseSettings.CATALOG, name, product);
  }

  /** Declares (or redeclares) a product as the owner; fails unless its run succeeded. */
  public Response declare(String product, String yaml) {
    Response declared =
        put(ownerToken(), "/api/v1/domains/%s/products/%s".formatted(name, product), yaml);
    assertThat(declared.statusCode()).as(declared.asString()).isIn(200, 201);
    assertThat(declared.jsonPath().getString("run.status"))
        .as(declared.asString())
        .isEqualTo("succeeded");
    return declared;
  }

  /**
   * Posts a batch of records to the product, as {@code token}, with an optional idempotency key.
   */
  public Response postRecords(
      String token, String product, String contentType, String body, String idempotencyKey) {
    RequestSpecification request =
        given()
            .auth()
            .oauth2(token)
            .contentType(contentType)
            .body(body.getBytes(StandardCharsets.UTF_8));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.post("/api/v1/domains/{d}/products/{p}/records", name, product);
  }

  /** A YAML declaration sent with {@code PUT}. */
  public static Response put(String token, String path, String yaml) {
    return given().auth().oauth2(token).contentType("application/yaml").body(yaml).put(path);
  }
}
