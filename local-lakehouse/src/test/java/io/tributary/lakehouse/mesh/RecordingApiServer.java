package io.tributary.lakehouse.mesh;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free loopback port that answers the platform API's declaration calls with
 * canned answers in the shape of the API contract, and records every request: enough to test the
 * client at the protocol level without the platform.
 */
public final class RecordingApiServer implements AutoCloseable {

  /** One request as it arrived. */
  public record RecordedRequest(
      String method,
      String path,
      String query,
      String contentType,
      String authorization,
      String body) {}

  /** What to answer to one path. */
  public record Answer(int status, String contentType, String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  public RecordingApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI uri() {
    return URI.create("http://localhost:" + port());
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Answers this path with an accepted declaration and a run in the contract's shape. */
  public RecordingApiServer succeeds(
      String path, int status, String kind, long revision, String runJson) {
    String body =
        """
        {"%s": {"metadata": {"name": "x"}}, "revision": %d, "run": %s}
        """
            .formatted(kind, revision, runJson);
    answers.put(
        path, new Answer(status, "application/json", body, Map.of("ETag", "\"" + revision + "\"")));
    return this;
  }

  /** Answers this path with a problem+json body. */
  public RecordingApiServer refuses(String path, int status, String problemJson) {
    answers.put(path, new Answer(status, "application/problem+json", problemJson, Map.of()));
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      requests.add(
          new RecordedRequest(
              exchange.getRequestMethod(),
              uri.getPath(),
              uri.getQuery(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      Answer answer =
          answers.getOrDefault(
              uri.getPath(),
              new Answer(
                  404,
                  "application/problem+json",
                  """
                  {"type": "about:blank", "title": "Not Found", "status": 404,
                   "detail": "no such resource: %s", "errors": []}
                  """
                      .formatted(uri.getPath()),
                  Map.of()));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream response = exchange.getResponseBody()) {
        response.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
