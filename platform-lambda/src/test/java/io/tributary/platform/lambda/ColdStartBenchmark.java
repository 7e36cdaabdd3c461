package io.tributary.platform.lambda;

import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import io.tributary.lakehouse.component.PlatformApiServer;
import io.tributary.lakehouse.security.SigningKey;
import io.tributary.lakehouse.security.TokenIssuer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the Lambda build against the plain server, on the running local lakehouse ({@code
 * ./tributary up}): for each round, the time from starting a process to the moment it is ready and
 * to its first answer to {@code GET /api/v1/me} as a user (which verifies the token and reads the
 * state store).
 *
 * <ul>
 *   <li>Lambda: {@code function.zip} under the AWS Lambda Runtime Interface Client, as the java21
 *       runtime runs it, against a Runtime API of its own; ready is the runtime's first poll for an
 *       event (its init is done), the answer is the response it posts for the queued API Gateway
 *       event.
 *   <li>Server: {@code platform-api/target/quarkus-app/quarkus-run.jar} on a free port; ready is
 *       the first accepted connection, the answer the first HTTP response.
 * </ul>
 *
 * <p>Both run with the same JVM options. This is a benchmark: it prints figures and asserts nothing
 * about time; it fails only when an answer is wrong. A real Lambda with SnapStart restores a
 * snapshot taken after init instead, which this cannot show.
 *
 * <p>Run: {@code ./mvnw -B -ntp -pl platform-lambda -am verify -DskipTests -Plambda-bench
 * [-Dlambda-bench.rounds=5]}.
 */
public final class ColdStartBenchmark {
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xshare:auto",
          "-Xmx512m",
          "--add-opens",
          "java.base/java.lang=ALL-UNNAMED",
          "-Daws.requestChecksumCalculation=when_required",
          "-Daws.responseChecksumValidation=when_required");

  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private record Round(double readySeconds, double answerSeconds) {}

  private final Path repository;
  private final Map<String, String> configuration;
  private final String token;
  private final PrintStream out;

  private ColdStartBenchmark(
      Path repository, Map<String, String> configuration, String token, PrintStream out) {
    this.repository = repository;
    this.configuration = configuration;
    this.token = token;
    this.out = out;
  }

  public static void main(String[] arguments) throws Exception {
    int rounds = arguments.length > 0 ? rounds(arguments[0]) : 5;
    Path repository = PackagedFunction.repository();
    LakehouseSettings settings =
        LakehouseSettings.fromEnvironment(
            System.getenv(), repository, repository.resolve("local-lakehouse/target/distribution"));
    requireRunning(settings);
    String token =
        new TokenIssuer(
                SigningKey.load(settings.layout().jwtPrivateKey()),
                LakehouseSettings.TOKEN_ISSUER,
                LakehouseSettings.TOKEN_AUDIENCE,
                Clock.systemUTC())
            .mint("bench.reader", List.of("bench-analysts"), Duration.ofHours(1));
    Map<String, String> configuration =
        PlatformApiServer.configuration(settings, Secrets.load(settings.layout()));
    new ColdStartBenchmark(repository, configuration, token, System.out).run(rounds);
  }

  private void run(int rounds) throws Exception {
    PackagedFunction function = PackagedFunction.ofBuild(repository);
    Path serverJar = repository.resolve("platform-api/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(serverJar)) {
      throw new IllegalStateException(serverJar + " does not exist: build platform-api first");
    }
    out.printf(
        "Cold start, process start to first answered GET /api/v1/me; %d rounds each, Java %s,"
            + " %s%n",
        rounds, Runtime.version().feature(), String.join(" ", JVM_OPTIONS.subList(0, 4)));
    List<Round> lambda = new ArrayList<>();
    List<Round> server = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Round lambdaRound = lambdaRound(function);
      lambda.add(lambdaRound);
      Round serverRound = serverRound(serverJar);
      server.add(serverRound);
      out.printf(
          "  round %d: Lambda ready %.2f s, answer %.2f s; server ready %.2f s, answer %.2f s%n",
          round,
          lambdaRound.readySeconds(),
          lambdaRound.answerSeconds(),
          serverRound.readySeconds(),
          serverRound.answerSeconds());
    }
    out.printf("%-44s %10s %14s%n", "median", "ready", "first answer");
    print("Lambda: function.zip under the runtime client", lambda);
    print("Server: quarkus-run.jar over HTTP", server);
  }

  private void print(String name, List<Round> rounds) {
    out.printf(
        "%-44s %8.2f s %12.2f s%n",
        name,
        median(rounds.stream().map(Round::readySeconds).toList()),
        median(rounds.stream().map(Round::answerSeconds).toList()));
  }

  private Round lambdaRound(PackagedFunction function) throws Exception {
    Path log = repository.resolve("platform-lambda/target/bench-function.log");
    try (LambdaRuntimeApiServer runtimeApi = LambdaRuntimeApiServer.start()) {
      LambdaRuntimeApiServer.Invocation invocation =
          runtimeApi.invoke(ApiGatewayEvent.get("/api/v1/me").bearer(token).json());
      long start = System.nanoTime();
      Process process = function.start(runtimeApi.address(), configuration, log);
      try {
        long ready = PackagedFunction.awaitFirstPoll(process, runtimeApi, PATIENCE, log);
        LambdaRuntimeApiServer.Answer answer =
            invocation.answer().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        LambdaAnswer parsed = LambdaAnswer.parse(answer.body());
        if (parsed.statusCode() != 200) {
          throw new IllegalStateException("The function answered " + parsed);
        }
        return new Round(seconds(ready - start), seconds(answer.arrivedNanos() - start));
      } finally {
        PackagedFunction.stop(process);
      }
    }
  }

  private Round serverRound(Path serverJar) throws Exception {
    int port = freePort();
    Path log = repository.resolve("platform-lambda/target/bench-server.log");
    List<String> command = new ArrayList<>();
    command.add(PackagedFunction.javaExecutable());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-jar", serverJar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    configuration.forEach(
        (property, value) ->
            builder
                .environment()
                .put(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
    HttpClient client = HttpClient.newHttpClient();
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      long deadline = start + PATIENCE.toNanos();
      long ready = 0;
      while (ready == 0) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "The server did not listen; its log:\n" + PackagedFunction.logText(log));
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
          ready = System.nanoTime();
        } catch (IOException notYet) {
          Thread.sleep(2);
        }
      }
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                  .header("Authorization", "Bearer " + token)
                  .timeout(PATIENCE)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long answered = System.nanoTime();
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "The server answered " + response.statusCode() + ": " + response.body());
      }
      return new Round(seconds(ready - start), seconds(answered - start));
    } finally {
      PackagedFunction.stop(process);
    }
  }

  private static void requireRunning(LakehouseSettings settings) {
    URI dynamoDb = URI.create(settings.dynamoDbEndpoint());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(dynamoDb.getHost(), dynamoDb.getPort()), 2000);
    } catch (IOException e) {
      throw new IllegalStateException(
          "No local lakehouse answers at "
              + dynamoDb
              + " (its DynamoDB API): start it with ./tributary up, with the same TRIBUTARY_*"
              + " variables as this benchmark",
          e);
    }
  }

  private static int rounds(String argument) {
    try {
      int rounds = Integer.parseInt(argument.trim());
      if (rounds < 1) {
        throw new NumberFormatException();
      }
      return rounds;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "The number of rounds must be a positive whole number, not '" + argument + "'");
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
