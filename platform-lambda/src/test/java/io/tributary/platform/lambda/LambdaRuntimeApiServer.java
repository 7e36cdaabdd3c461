package io.tributary.platform.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lambda Runtime API of the tests' own, on a free loopback port: the HTTP protocol through which
 * a Lambda runtime asks for the next event ({@code GET /2018-06-01/runtime/invocation/next}) and
 * hands back its answer ({@code POST .../invocation/{id}/response} or {@code .../error}), or
 * reports a failed init ({@code POST /2018-06-01/runtime/init/error}). It checks the protocol the
 * runtime speaks, not AWS's behaviour (no timeouts, concurrency or SnapStart restore).
 *
 * <p>It records when the runtime first asked for an event (its init was done) and when each answer
 * arrived, in {@link System#nanoTime()}.
 */
final class LambdaRuntimeApiServer implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final Pattern INVOCATION_RESULT =
      Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");

  /** One event handed to the runtime, and its outcome. */
  record Invocation(String requestId, String event, CompletableFuture<Answer> answer) {}

  /** What the runtime posted back, and when it arrived. */
  record Answer(String body, long arrivedNanos) {}

  /** The runtime reported an error instead of an answer. */
  static final class FunctionErrorException extends RuntimeException {
    FunctionErrorException(String message) {
      super(message);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
  private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
  private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
  private volatile boolean closed;

  private LambdaRuntimeApiServer(HttpServer server) {
    this.server = server;
  }

  static LambdaRuntimeApiServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LambdaRuntimeApiServer api = new LambdaRuntimeApiServer(server);
    server.createContext(PREFIX, api::handle);
    server.setExecutor(api.executor);
    server.start();
    return api;
  }

  /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the runtime: host and port. */
  String address() {
    return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** Queues the event for the runtime's next poll. */
  Invocation invoke(String eventJson) {
    Invocation invocation =
        new Invocation(UUID.randomUUID().toString(), eventJson, new CompletableFuture<>());
    queue.add(invocation);
    return invocation;
  }

  /**
   * When the runtime first asked for an event: its init (the handler's class and Quarkus) is done.
   * Completes exceptionally when the runtime reports an init error.
   */
  CompletableFuture<Long> firstPoll() {
    return firstPoll;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
        next(exchange);
        return;
      }
      if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
        String error = body(exchange);
        FunctionErrorException failure = new FunctionErrorException("init error: " + error);
        firstPoll.completeExceptionally(failure);
        queue.forEach(invocation -> invocation.answer().completeExceptionally(failure));
        respond(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      Matcher result = INVOCATION_RESULT.matcher(path);
      if (method.equals("POST") && result.matches()) {
        String body = body(exchange);
        long arrived = System.nanoTime();
        Invocation invocation = inFlight.remove(result.group(1));
        if (invocation == null) {
          respond(
              exchange,
              400,
              "{\"errorMessage\":\"unknown request id %s\",\"errorType\":\"InvalidRequestID\"}"
                  .formatted(result.group(1)));
          return;
        }
        if (result.group(2).equals("response")) {
          invocation.answer().complete(new Answer(body, arrived));
        } else {
          invocation.answer().completeExceptionally(new FunctionErrorException(body));
        }
        respond(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      respond(
          exchange,
          404,
          "{\"errorMessage\":\"no such runtime API call: %s %s\",\"errorType\":\"NotFound\"}"
              .formatted(method, path));
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    firstPoll.complete(System.nanoTime());
    Invocation invocation = null;
    try {
      while (invocation == null && !closed) {
        invocation = queue.poll(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (invocation == null) {
      // Shutting down: the runtime's loop sees a failure and the process is stopped anyway.
      respond(exchange, 500, "{\"errorMessage\":\"shutting down\",\"errorType\":\"Shutdown\"}");
      return;
    }
    inFlight.put(invocation.requestId(), invocation);
    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    exchange
        .getResponseHeaders()
        .add(
            "Lambda-Runtime-Deadline-Ms",
            Long.toString(Instant.now().plus(Duration.ofMinutes(5)).toEpochMilli()));
    exchange
        .getResponseHeaders()
        .add(
            "Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:us-east-1:123456789012:function:tributary-platform-api");
    exchange
        .getResponseHeaders()
        .add(
            "Lambda-Runtime-Trace-Id",
            "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
    respond(exchange, 200, invocation.event());
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
