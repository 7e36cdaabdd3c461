package io.tributary.lakehouse.mesh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The platform API's declaration calls, over plain HTTP as any client would make them: {@code PUT
 * /api/v1/domains/{domain}} and {@code PUT /api/v1/domains/{domain}/products/{product}}.
 */
public final class PlatformApiClient {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Provisioning runs while the request waits: creating tables and recompiling grants. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private final URI baseUri;
  private final Supplier<String> token;
  private final HttpClient http;

  /**
   * @param baseUri where the API listens, such as {@code http://localhost:8081}, without {@code
   *     /api/v1}
   * @param token the bearer token to send, asked for on every call so it can be renewed
   */
  public PlatformApiClient(URI baseUri, Supplier<String> token) {
    this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
    this.token = Objects.requireNonNull(token, "token");
    this.http =
        HttpClient.newBuilder()
            // The API speaks HTTP/1.1 locally; no upgrade round trip.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** Sends one declaration to the call its kind asks for. */
  public ApplyOutcome apply(DeclarationDocument document) {
    String path =
        document.isDomain()
            ? "/api/v1/domains/" + segment(document.name())
            : "/api/v1/domains/"
                + segment(document.domain())
                + "/products/"
                + segment(document.name());
    return put(path, document.text(), document.isJson());
  }

  /**
   * Refreshes a SQL-derived product now ({@code POST .../refresh}) and answers the run: its {@code
   * status}, {@code rowCount} and {@code error}, or a problem when the API refused.
   */
  public JsonNode refresh(String domain, String product) {
    return post(domain, product, "refresh");
  }

  /**
   * Runs a product's quality checks now ({@code POST .../quality/run}) and answers the evaluation:
   * its {@code status} and {@code reasons}, or a problem when the API refused.
   */
  public JsonNode evaluateQuality(String domain, String product) {
    return post(domain, product, "quality/run");
  }

  private JsonNode post(String domain, String product, String action) {
    URI uri =
        URI.create(
            stripTrailingSlash(baseUri.toString())
                + "/api/v1/domains/"
                + segment(domain)
                + "/products/"
                + segment(product)
                + "/"
                + action);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token.get())
            .header("Accept", "application/json, application/problem+json")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return parse(response.body())
          .orElseGet(
              () ->
                  JSON.createObjectNode()
                      .put("status", "HTTP " + response.statusCode())
                      .put("error", response.body()));
    } catch (IOException failed) {
      return JSON.createObjectNode()
          .put("status", "unreachable")
          .put("error", Objects.toString(failed.getMessage(), failed.toString()));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return JSON.createObjectNode().put("status", "interrupted");
    }
  }

  private ApplyOutcome put(String path, String body, boolean json) {
    URI uri = URI.create(stripTrailingSlash(baseUri.toString()) + path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token.get())
            .header("Content-Type", json ? "application/json" : "application/yaml")
            .header("Accept", "application/json, application/problem+json")
            .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException refused) {
      return new ApplyOutcome.Refused(
          ApiProblem.local(
              "Platform API unreachable",
              "cannot connect to the platform API at "
                  + baseUri
                  + "; is it running (./tributary status)?"));
    } catch (HttpTimeoutException slow) {
      return new ApplyOutcome.Refused(
          ApiProblem.local(
              "Platform API timeout",
              "the platform API at " + baseUri + " did not answer within " + REQUEST_TIMEOUT));
    } catch (IOException failed) {
      return new ApplyOutcome.Refused(
          ApiProblem.local(
              "Platform API unreachable",
              "PUT "
                  + uri
                  + " failed: "
                  + Objects.toString(failed.getMessage(), failed.toString())));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new ApplyOutcome.Refused(ApiProblem.local("Interrupted", "interrupted"));
    }
    return read(response);
  }

  static ApplyOutcome read(HttpResponse<String> response) {
    int status = response.statusCode();
    Optional<JsonNode> body = parse(response.body());
    if (status >= 200 && status < 300) {
      JsonNode answer = body.orElse(JSON.createObjectNode());
      JsonNode run = answer.path("run");
      return new ApplyOutcome.Applied(
          status,
          answer.path("revision").asLong(0),
          response.headers().firstValue("ETag"),
          run.isObject() ? Optional.of(run(run)) : Optional.empty());
    }
    return new ApplyOutcome.Refused(problem(status, body, response.body()));
  }

  private static ProvisioningRun run(JsonNode run) {
    List<ProvisioningRun.PlanStep> plan = new ArrayList<>();
    for (JsonNode step : run.path("plan")) {
      plan.add(
          new ProvisioningRun.PlanStep(
              step.path("action").asText(""),
              step.path("target").asText(""),
              text(step.path("detail"))));
    }
    List<String> log = new ArrayList<>();
    run.path("log").forEach(line -> log.add(line.asText("")));
    String error = text(run.path("error"));
    return new ProvisioningRun(
        run.path("id").asText(""),
        run.path("status").asText("unknown"),
        plan,
        log,
        error.isBlank() ? Optional.empty() : Optional.of(error));
  }

  private static ApiProblem problem(int status, Optional<JsonNode> body, String rawBody) {
    if (body.isEmpty() || !body.get().isObject()) {
      String excerpt = rawBody.strip();
      return new ApiProblem(
          "about:blank",
          "HTTP " + status,
          status,
          excerpt.isEmpty()
              ? "the platform API answered " + status + " without a body"
              : excerpt.substring(0, Math.min(excerpt.length(), 500)),
          List.of());
    }
    JsonNode problem = body.get();
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    for (JsonNode error : problem.path("errors")) {
      errors.add(
          new ApiProblem.FieldError(error.path("pointer").asText(""), text(error.path("message"))));
    }
    return new ApiProblem(
        problem.path("type").asText("about:blank"),
        problem.path("title").asText("HTTP " + status),
        problem.path("status").asInt(status),
        text(problem.path("detail")),
        errors);
  }

  private static Optional<JsonNode> parse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(body));
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }

  /** A JSON value as text: null and missing are empty, not "null"; objects stay JSON. */
  private static String text(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      return "";
    }
    return node.isValueNode() ? node.asText("") : node.toString();
  }

  private static String segment(String name) {
    // Names are checked to be path-safe when read; encoding is a second line of defence.
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String stripTrailingSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
