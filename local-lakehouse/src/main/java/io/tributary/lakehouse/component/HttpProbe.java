package io.tributary.lakehouse.component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Health probes over HTTP. */
final class HttpProbe {
  private HttpProbe() {}

  static HttpClient client(SSLContext sslContext) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    return builder.build();
  }

  /** The response to a GET, or a down health when nothing answers. */
  static HttpResponse<String> get(HttpClient client, String url) throws IOException {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Healthy when anything answers HTTP at all: S3 and DynamoDB answer unsigned requests with 4xx.
   */
  static Health answers(String url) {
    try {
      HttpResponse<String> response = get(client(null), url);
      return Health.up("answers HTTP " + response.statusCode());
    } catch (IOException e) {
      return Health.down("no answer: " + describe(e));
    }
  }

  /** Healthy only when the URL answers 200, as a readiness endpoint does when all is well. */
  static Health ok(String url) {
    try {
      HttpResponse<String> response = get(client(null), url);
      return response.statusCode() == 200
          ? Health.up("ready")
          : Health.down("answers HTTP " + response.statusCode());
    } catch (IOException e) {
      return Health.down("no answer: " + describe(e));
    }
  }

  static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
