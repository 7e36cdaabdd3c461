package io.tributary.lakehouse.bench;

import io.tributary.lakehouse.LakehouseException;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.security.SigningKey;
import io.tributary.lakehouse.security.TokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What every benchmark does with the running platform API: mint tokens with the local key, call the
 * API, and onboard a domain of its own.
 */
final class BenchmarkApi {
  private final LakehouseSettings settings;
  private final TokenIssuer tokens;
  private final HttpClient http = HttpClient.newHttpClient();

  BenchmarkApi(LakehouseSettings settings) {
    this.settings = settings;
    this.tokens =
        new TokenIssuer(
            SigningKey.load(settings.layout().jwtPrivateKey()),
            LakehouseSettings.TOKEN_ISSUER,
            LakehouseSettings.TOKEN_AUDIENCE,
            Clock.systemUTC());
  }

  /** A token for this user in these groups, valid for an hour. */
  String token(String user, String... groups) {
    return tokens.mint(user, List.of(groups), Duration.ofHours(1));
  }

  HttpResponse<String> send(
      String token, String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(token, method, path, contentType, HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> send(
      String token, String method, String path, String contentType, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(settings.apiUri() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType)
            .method(method, body)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String token, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(settings.apiUri() + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Onboards a new domain named {@code bench_...}, owned by the group {@code <domain>-owners}.
   *
   * @return the domain's name
   */
  String onboardDomain(String adminToken) throws IOException, InterruptedException {
    String domain = "bench_" + Long.toHexString(System.currentTimeMillis()).substring(4);
    require(
        send(
            adminToken,
            "PUT",
            "/api/v1/domains/" + domain,
            "application/yaml",
            """
            apiVersion: tributary.io/v1
            kind: Domain
            metadata: {name: %1$s, title: Benchmark}
            spec:
              owners: [%1$s-owners]
              costs: {monthlyBudgetUsd: 1, maxBytesScannedPerQuery: 1073741824}
            """
                .formatted(domain)),
        "onboard the benchmark domain");
    return domain;
  }

  /** The response, when it succeeded; otherwise a failure naming what could not be done. */
  static HttpResponse<String> require(HttpResponse<String> response, String what) {
    if (response.statusCode() / 100 != 2) {
      throw new LakehouseException(
          "could not %s: HTTP %d %s".formatted(what, response.statusCode(), response.body()), null);
    }
    return response;
  }
}
