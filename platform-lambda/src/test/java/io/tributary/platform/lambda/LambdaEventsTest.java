package io.tributary.platform.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.platform.testing.LocalLakehouseResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The Lambda build answers API Gateway HTTP API events: each test posts a raw payload-2.0 event to
 * Quarkus's mock Lambda event server, which hands it to the function through the Lambda Runtime
 * API, and checks the API Gateway response the function gives back. Tokens are real, signed by the
 * local lakehouse's key; the API verifies them as the server does.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class LambdaEventsTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Trino rereads its rules every second; this only bounds how long a test waits for them. */
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static final String PROBLEM = "application/problem+json";

  private static String admin() {
    return LocalLakehouseResource.token("lambda.admin", "platform-admins");
  }

  @Test
  void meAnswersTheCallerAndTheirGroups() {
    LambdaAnswer answer =
        invoke(
            ApiGatewayEvent.get("/api/v1/me")
                .bearer(LocalLakehouseResource.token("lambda.ana", "analysts", "reviewers")));

    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonNode me = answer.json();
    assertThat(me.path("user").asText()).isEqualTo("lambda.ana");
    assertThat(me.path("groups"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("analysts", "reviewers");
    assertThat(me.path("admin").asBoolean()).isFalse();
  }

  @Test
  void anEventWithoutATokenIsAnUnauthorizedProblem() {
    LambdaAnswer answer = invoke(ApiGatewayEvent.get("/api/v1/me"));

    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith(PROBLEM);
    assertThat(answer.header("WWW-Authenticate")).contains("Bearer");
    assertThat(answer.json().path("status").asInt()).isEqualTo(401);
  }

  @Test
  void authorizerClaimsWithoutAVerifiableTokenAreNotEnough() {
    // Defence in depth: claims API Gateway would have put there do not stand in for the token.
    String forged =
        new io.tributary.lakehouse.security.TokenIssuer(
                io.tributary.lakehouse.security.SigningKey.generate(),
                LakehouseSettings.TOKEN_ISSUER,
                LakehouseSettings.TOKEN_AUDIENCE,
                java.time.Clock.systemUTC())
            .mint("lambda.mallory", List.of("platform-admins"), Duration.ofHours(1));
    LambdaAnswer answer = invoke(ApiGatewayEvent.get("/api/v1/me").bearer(forged));

    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith(PROBLEM);
  }

  @Test
  void anAdminOnboardsADomainWithAYamlBodyAndABase64EncodedOne() {
    String plain = uniqueDomain();
    LambdaAnswer onboarded =
        invoke(
            ApiGatewayEvent.put("/api/v1/domains/" + plain)
                .bearer(admin())
                .body("application/yaml", domainYaml(plain)));

    assertThat(onboarded.statusCode()).as(onboarded.toString()).isEqualTo(201);
    assertThat(onboarded.contentType()).startsWith("application/json");
    assertThat(onboarded.header("ETag")).isPresent();
    assertThat(onboarded.json().path("run").path("status").asText()).isEqualTo("succeeded");

    String encoded = uniqueDomain();
    LambdaAnswer onboardedFromBase64 =
        invoke(
            ApiGatewayEvent.put("/api/v1/domains/" + encoded)
                .bearer(admin())
                .base64Body("application/yaml", domainYaml(encoded)));

    assertThat(onboardedFromBase64.statusCode()).as(onboardedFromBase64.toString()).isEqualTo(201);
    assertThat(onboardedFromBase64.json().path("domain").path("name").asText())
        .as(onboardedFromBase64.body())
        .isEqualTo(encoded);

    LambdaAnswer read =
        invoke(ApiGatewayEvent.get("/api/v1/domains/" + encoded).bearer(owner(encoded)));
    assertThat(read.statusCode()).as(read.toString()).isEqualTo(200);
    assertThat(read.body()).contains(encoded);
  }

  @Test
  void anInvalidDeclarationIsAProblemWithPointers() {
    String domain = uniqueDomain();
    LambdaAnswer answer =
        invoke(
            ApiGatewayEvent.put("/api/v1/domains/" + domain)
                .bearer(admin())
                .body("application/yaml", domainYaml(domain).replace("title:", "titel:")));

    assertThat(answer.statusCode()).as(answer.toString()).isBetween(400, 422);
    assertThat(answer.contentType()).startsWith(PROBLEM);
    assertThat(answer.json().path("errors").findValuesAsText("pointer")).isNotEmpty();
  }

  @Test
  void discoveryReadsQueryStringParametersAndIgnoresCookies() {
    String domain = uniqueDomain();
    onboard(domain);
    declare(domain, "orders", "discoverable", "[orders]");
    declare(domain, "margins", "discoverable", "[finance]");

    LambdaAnswer byDomain =
        invoke(
            ApiGatewayEvent.get("/api/v1/products")
                .bearer(LocalLakehouseResource.token("lambda.olga"))
                .query("domain", domain)
                .cookie("session", "ignored")
                .cookie("theme", "dark"));
    assertThat(byDomain.statusCode()).as(byDomain.toString()).isEqualTo(200);
    assertThat(byDomain.contentType()).startsWith("application/json");
    assertThat(byDomain.json().path("products").findValuesAsText("name"))
        .containsExactly("margins", "orders");

    LambdaAnswer byDomainAndTag =
        invoke(
            ApiGatewayEvent.get("/api/v1/products")
                .bearer(LocalLakehouseResource.token("lambda.olga"))
                .query("domain", domain)
                .query("tag", "finance"));
    assertThat(byDomainAndTag.json().path("products").findValuesAsText("name"))
        .as(byDomainAndTag.body())
        .containsExactly("margins");
  }

  @Test
  void anUnknownDomainIsANotFoundProblem() {
    LambdaAnswer answer =
        invoke(ApiGatewayEvent.get("/api/v1/domains/" + uniqueDomain()).bearer(admin()));

    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith(PROBLEM);
    assertThat(answer.json().path("status").asInt()).isEqualTo(404);
  }

  @Test
  void anUnknownPathIsANotFoundProblem() {
    LambdaAnswer answer =
        invoke(
            ApiGatewayEvent.get("/api/v1/nothing-here")
                .bearer(LocalLakehouseResource.token("lambda.bob")));

    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith(PROBLEM);
  }

  @Test
  void theDataEndpointAnswersCsvWithItsPagingHeaders() throws Exception {
    String domain = uniqueDomain();
    onboard(domain);
    declare(domain, "people", "private", "[people]");
    try (Connection service =
            LocalLakehouseResource.connect(
                LakehouseSettings.SERVICE_USER,
                LocalLakehouseResource.token(LakehouseSettings.SERVICE_USER));
        Statement statement = service.createStatement()) {
      statement.execute(
          "INSERT INTO %s.%s.people VALUES (1, 'Ada, \"Countess\"'), (2, 'Grace'), (3, NULL)"
              .formatted(LakehouseSettings.CATALOG, domain));
    }
    String reader = LocalLakehouseResource.token(domain + ".reader", domain + "-analysts");

    LambdaAnswer csv = awaitReadable(domain, reader);

    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.header("Tributary-Snapshot-Id")).isPresent();
    assertThat(csv.header("Tributary-Next-Page-Token")).isPresent();
    assertThat(csv.body()).isEqualTo("id,name\r\n1,\"Ada, \"\"Countess\"\"\"\r\n2,Grace\r\n");

    LambdaAnswer secondPage =
        invoke(
            dataEvent(domain, reader)
                .query("pageToken", csv.header("Tributary-Next-Page-Token").orElseThrow()));
    assertThat(secondPage.statusCode()).as(secondPage.toString()).isEqualTo(200);
    assertThat(secondPage.body()).isEqualTo("id,name\r\n3,\r\n");
    assertThat(secondPage.header("Tributary-Next-Page-Token")).isEmpty();
  }

  private static ApiGatewayEvent dataEvent(String domain, String token) {
    return ApiGatewayEvent.get("/api/v1/domains/%s/products/people/data".formatted(domain))
        .bearer(token)
        // A multi-valued header: API Gateway joins the values with commas.
        .header("Accept", "text/csv")
        .header("Accept", "application/json;q=0.1")
        .query("columns", "id,name")
        .query("limit", "2");
  }

  /** Waits until Trino has read the rules provisioning wrote, then answers the first page. */
  private static LambdaAnswer awaitReadable(String domain, String token)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      LambdaAnswer answer = invoke(dataEvent(domain, token));
      if (answer.statusCode() != 403 || Instant.now().isAfter(deadline)) {
        assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(200);
        return answer;
      }
      Thread.sleep(250);
    }
  }

  private static void onboard(String domain) {
    LambdaAnswer answer =
        invoke(
            ApiGatewayEvent.put("/api/v1/domains/" + domain)
                .bearer(admin())
                .body("application/yaml", domainYaml(domain)));
    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(201);
  }

  private static void declare(String domain, String product, String visibility, String tags) {
    String yaml =
        """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata:
          domain: %1$s
          name: %2$s
          version: 1.0.0
          title: A product of the Lambda tests
          tags: %4$s
        spec:
          zone: curated
          table:
            columns:
              - {name: id, type: long, required: true}
              - {name: name, type: string}
            primaryKey: [id]
          access:
            visibility: %3$s
          source: {type: ingest}
        """
            .formatted(domain, product, visibility, tags);
    LambdaAnswer answer =
        invoke(
            ApiGatewayEvent.put("/api/v1/domains/%s/products/%s".formatted(domain, product))
                .bearer(owner(domain))
                .body("application/yaml", yaml));
    assertThat(answer.statusCode()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.json().path("run").path("status").asText())
        .as(answer.body())
        .isEqualTo("succeeded");
  }

  private static String owner(String domain) {
    return LocalLakehouseResource.token(domain + ".owner", domain + "-owners");
  }

  private static String domainYaml(String domain) {
    return """
        apiVersion: tributary.io/v1
        kind: Domain
        metadata:
          name: %1$s
          title: Lambda tests
        spec:
          owners: [%1$s-owners]
          members: [%1$s-analysts]
          costs: {monthlyBudgetUsd: 100, maxBytesScannedPerQuery: 1073741824}
        """
        .formatted(domain);
  }

  private static String uniqueDomain() {
    return "lambda_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Posts the event to the mock event server and waits for the function's answer. */
  static LambdaAnswer invoke(ApiGatewayEvent event) {
    // Where the function polls the mock event server (host:port/_lambda_): its free port is known
    // only once it started. A POST to that very path is a raw event; any other path, plain HTTP.
    String eventServer =
        ConfigProvider.getConfig().getValue("quarkus-internal.aws-lambda.test-api", String.class);
    if (!eventServer.endsWith("/_lambda_")) {
      eventServer = eventServer + "/_lambda_";
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + eventServer))
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event.json()))
            .build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode())
          .as("the mock event server's own status: %s", response.body())
          .isEqualTo(200);
      return LambdaAnswer.parse(response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
