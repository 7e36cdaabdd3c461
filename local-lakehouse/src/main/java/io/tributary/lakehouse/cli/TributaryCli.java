package io.tributary.lakehouse.cli;

import io.tributary.lakehouse.Jdk;
import io.tributary.lakehouse.LakehouseException;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Ports;
import io.tributary.lakehouse.Secrets;
import io.tributary.lakehouse.StateLayout;
import io.tributary.lakehouse.Supervisor;
import io.tributary.lakehouse.component.Component;
import io.tributary.lakehouse.component.Health;
import io.tributary.lakehouse.component.ProcessComponent;
import io.tributary.lakehouse.mesh.DeclarationApplier;
import io.tributary.lakehouse.mesh.DeclarationDocument;
import io.tributary.lakehouse.mesh.DeclarationFiles;
import io.tributary.lakehouse.mesh.ExampleMeshOnboarding;
import io.tributary.lakehouse.mesh.PersonaCheatSheet;
import io.tributary.lakehouse.mesh.PlatformApiClient;
import io.tributary.lakehouse.security.SigningKey;
import io.tributary.lakehouse.security.TokenIssuer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The commands behind {@code ./tributary}: {@code up}, {@code down}, {@code status}, {@code token},
 * {@code jdbc-url}, {@code apply}, and {@code run} (the supervisor itself, which {@code up} starts
 * in the background).
 */
public final class TributaryCli {
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

  /** Long enough for one {@code apply} or one onboarding, short enough not to linger. */
  private static final Duration COMMAND_TOKEN_VALIDITY = Duration.ofHours(1);

  /** The persona {@code apply} and the onboarding act as: it may onboard domains. */
  private static final TokenRequest ADMIN =
      new TokenRequest("admin", List.of(PersonaCheatSheet.ADMIN_GROUP), COMMAND_TOKEN_VALIDITY);

  private final LakehouseSettings settings;
  private final StateLayout layout;
  private final PrintStream out;
  private final PrintStream err;

  TributaryCli(LakehouseSettings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.layout = settings.layout();
    this.out = out;
    this.err = err;
  }

  public static void main(String[] arguments) {
    int code;
    try {
      code = new TributaryCli(settingsFromEnvironment(), System.out, System.err).execute(arguments);
    } catch (LakehouseException | IllegalArgumentException e) {
      System.err.println("tributary: " + e.getMessage());
      code = 1;
    }
    System.out.flush();
    if (code != 0 || arguments.length == 0 || !arguments[0].equals("run")) {
      System.exit(code);
    }
  }

  static LakehouseSettings settingsFromEnvironment() {
    Path repository = Path.of(System.getProperty("tributary.repository", ".")).toAbsolutePath();
    Path distribution =
        Path.of(
            System.getProperty(
                "tributary.distribution",
                repository.resolve("local-lakehouse/target/distribution").toString()));
    return LakehouseSettings.fromEnvironment(System.getenv(), repository, distribution);
  }

  int execute(String[] arguments) {
    if (arguments.length == 0) {
      usage(out);
      return 0;
    }
    List<String> rest = List.of(arguments).subList(1, arguments.length);
    return switch (arguments[0]) {
      case "up" -> up();
      case "down" -> down();
      case "status" -> status();
      case "token" -> token(rest);
      case "jdbc-url" -> jdbcUrl(rest);
      case "apply" -> apply(rest);
      case "bench" -> bench(rest);
      case "run" -> new Supervisor(settings, out).run();
      case "help", "--help", "-h" -> {
        usage(out);
        yield 0;
      }
      default -> {
        err.println("tributary: unknown command '" + arguments[0] + "'");
        usage(err);
        yield 2;
      }
    };
  }

  private static void usage(PrintStream stream) {
    stream.println(
        """
        Usage: ./tributary <command>

          up                      build what is missing and start the local lakehouse
          down                    stop it (every table and row stays in the state folder)
          status                  each component, its URL and its health
          token <user> [--group G]... [--valid-for PT12H]
                                  print a JWT signed by the local key
          jdbc-url [--user U [--group G]...]
                                  print a trino-jdbc URL (with a token for U when given)
          apply <file-or-folder>...
                                  send declarations (domain.yaml first) to the platform API as
                                  admin, print each plan and result; exit 1 if any failed
          test                    run every test (./mvnw verify)
          bench [ROUNDS]          on the running stack: approval to first query, revocation to
                                  denial, and compiling 10,000 grants
          bench ingest [ROUNDS]   on the running stack: records per second posted to the
                                  ingestion endpoint in batches of 1,000 and 100,000 rows

        Environment: TRIBUTARY_HOME (state folder, default .tributary in the working copy),
        TRIBUTARY_S3_PORT, TRIBUTARY_H2_PORT, TRIBUTARY_DYNAMODB_PORT, TRIBUTARY_TRINO_PORT,
        TRIBUTARY_TRINO_HTTP_PORT, TRIBUTARY_TRINO_HEAP, TRIBUTARY_API_PORT,
        TRIBUTARY_EXAMPLE_MESH=false (up onboards no example mesh and loads no sample rows).""");
  }

  private int up() throws LakehouseException {
    Optional<ProcessHandle> running = Supervisor.running(layout);
    if (running.isPresent()) {
      out.println("The local lakehouse is already running (pid " + running.get().pid() + ").");
      return status();
    }
    Jdk.requireTrinoCapable();
    settings.requireDistribution();
    Secrets.loadOrCreate(layout);
    for (Component component : components()) {
      if (component instanceof ProcessComponent process) {
        process
            .recordedProcess()
            .ifPresent(
                leftover -> {
                  throw new LakehouseException(
                      ("%s from an earlier run is still running (pid %d) without its supervisor;"
                              + " ./tributary down stops it")
                          .formatted(component.description(), leftover.pid()),
                      component.logFile());
                });
      }
      component.ports().forEach(Ports::requireFree);
    }
    Path log = layout.log("supervisor");
    long offset;
    Process supervisor;
    try {
      Files.createDirectories(layout.logs());
      Files.deleteIfExists(layout.supervisorStatus());
      Files.writeString(
          log,
          "==== ./tributary up at %s ====%n".formatted(Instant.now()),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      offset = Files.size(log);
      supervisor =
          new ProcessBuilder(supervisorCommand())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new LakehouseException("Cannot start the supervisor: " + e.getMessage(), log, e);
    }
    return follow(supervisor, log, offset);
  }

  private List<String> supervisorCommand() {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      // Its own session: a Ctrl-C at the terminal that ran `up` does not reach it.
      command.add("/usr/bin/setsid");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    for (String property : List.of("tributary.repository", "tributary.distribution")) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TributaryCli.class.getName());
    command.add("run");
    return command;
  }

  /** Shows the supervisor's progress until it is ready or has failed. */
  private int follow(Process supervisor, Path log, long offset) {
    try (RandomAccessFile reader = new RandomAccessFile(log.toFile(), "r")) {
      reader.seek(offset);
      while (true) {
        String line;
        while ((line = reader.readLine()) != null) {
          out.println(
              "  "
                  + new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        Properties status = Supervisor.readStatus(layout);
        String state = status.getProperty("state", "");
        if (state.equals("ready")) {
          onboardExampleMesh();
          printSummary();
          printPersonas();
          return 0;
        }
        if (state.equals("failed") || (!supervisor.isAlive() && !state.equals("starting"))) {
          // It stops what it had started before it exits; wait, so a new `up` finds the ports free.
          supervisor.waitFor(60, TimeUnit.SECONDS);
          while ((line = reader.readLine()) != null) {
            out.println("  " + line);
          }
          String message = status.getProperty("message", "");
          err.println(
              "tributary: the local lakehouse did not start: "
                  + (message.isEmpty() ? "the supervisor exited" : message)
                  + " (log: "
                  + status.getProperty("log", log.toString())
                  + ")");
          return 1;
        }
        if (!supervisor.isAlive()) {
          err.println("tributary: the supervisor exited while starting (log: " + log + ")");
          return 1;
        }
        out.flush();
        supervisor.waitFor(250, TimeUnit.MILLISECONDS);
      }
    } catch (IOException e) {
      throw new LakehouseException("Cannot follow the supervisor's log", log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private void printSummary() {
    out.println();
    out.println("The local lakehouse is running. State folder: " + layout.root());
    if (components().stream().anyMatch(component -> component.name().equals("api"))) {
      out.println("  API:        " + settings.apiUri() + "/api/v1");
      out.println("  Swagger UI: " + settings.apiUri() + "/q/swagger-ui");
    }
    out.println("  Trino:      " + settings.trinoUri());
    out.println("  JDBC:       " + settings.trinoJdbcUrl());
    out.println(
        "  S3:         " + settings.s3Endpoint() + "  (bucket " + LakehouseSettings.BUCKET + ")");
    out.println("  DynamoDB:   " + settings.dynamoDbEndpoint());
    out.println("  A token:    ./tributary token <user> [--group <group>]");
    out.println("  Stop it:    ./tributary down");
  }

  /**
   * The example mesh goes in through the API, so it needs the API in the stack; {@code
   * TRIBUTARY_EXAMPLE_MESH=false} turns it off for a lakehouse that starts empty.
   */
  private boolean exampleMeshWanted() {
    return settings.withApi()
        && Files.exists(settings.apiApplication())
        && !"false".equalsIgnoreCase(System.getenv("TRIBUTARY_EXAMPLE_MESH"));
  }

  private Path exampleMesh() {
    return Path.of(System.getProperty("tributary.repository", "."))
        .toAbsolutePath()
        .normalize()
        .resolve("data-products");
  }

  private void onboardExampleMesh() {
    if (!exampleMeshWanted()) {
      return;
    }
    out.println();
    boolean onboarded;
    try {
      onboarded =
          new ExampleMeshOnboarding(
                  settings,
                  exampleMesh(),
                  () -> mint(ADMIN),
                  () ->
                      mint(
                          new TokenRequest(
                              LakehouseSettings.SERVICE_USER, List.of(), COMMAND_TOKEN_VALIDITY)),
                  out)
              .run();
    } catch (RuntimeException unexpected) {
      // A broken example must not turn a running lakehouse into a failed `up`.
      out.println("    " + unexpected);
      onboarded = false;
    }
    if (!onboarded) {
      // The stack serves regardless: say so, and leave the exit code to the stack itself.
      err.println(
          "tributary: the example mesh was not fully onboarded (see above); the lakehouse runs"
              + " anyway, and ./tributary apply data-products retries it");
    }
  }

  private void printPersonas() {
    if (exampleMeshWanted() && Files.isDirectory(exampleMesh())) {
      new PersonaCheatSheet(DeclarationFiles.read(exampleMesh()))
          .print(out, settings.apiUri(), settings.trinoJdbcUrl());
    }
  }

  /** {@code apply <file-or-folder>...}: every declaration, in order, through the platform API. */
  private int apply(List<String> arguments) {
    if (arguments.isEmpty() || arguments.stream().anyMatch(argument -> argument.startsWith("-"))) {
      throw new IllegalArgumentException(
          "apply needs files or folders of declarations: ./tributary apply data-products");
    }
    List<DeclarationDocument> documents =
        DeclarationFiles.read(arguments.stream().map(Path::of).toList());
    PlatformApiClient client =
        new PlatformApiClient(URI.create(settings.apiUri()), () -> mint(ADMIN));
    return new DeclarationApplier(client, out, "").apply(documents).succeeded() ? 0 : 1;
  }

  private int bench(List<String> arguments) {
    boolean ingest = !arguments.isEmpty() && arguments.getFirst().equals("ingest");
    if (ingest) {
      arguments = arguments.subList(1, arguments.size());
    }
    int rounds = 5;
    if (!arguments.isEmpty()) {
      try {
        rounds = Integer.parseInt(arguments.getFirst());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bench takes a number of rounds, not " + arguments.getFirst());
      }
      if (rounds < 1 || rounds > 100) {
        throw new IllegalArgumentException("bench takes 1 to 100 rounds");
      }
    }
    if (Supervisor.running(layout).isEmpty()) {
      throw new LakehouseException(
          "the local lakehouse is not running: ./tributary up first", null);
    }
    try {
      if (ingest) {
        new io.tributary.lakehouse.bench.IngestBenchmark(settings, out).run(rounds);
      } else {
        new io.tributary.lakehouse.bench.AccessBenchmark(settings, out).run(rounds);
      }
      return 0;
    } catch (LakehouseException e) {
      throw e;
    } catch (Exception e) {
      throw new LakehouseException("the benchmark failed: " + e.getMessage(), null, e);
    }
  }

  private int down() {
    Optional<ProcessHandle> running = Supervisor.running(layout);
    if (running.isPresent()) {
      ProcessHandle supervisor = running.get();
      out.println("Stopping the local lakehouse (pid " + supervisor.pid() + ") ...");
      supervisor.destroy();
      try {
        supervisor.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        err.println(
            "The supervisor did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it.");
        supervisor.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 130;
      }
    } else {
      out.println("The local lakehouse is not running.");
    }
    // Components left behind by a supervisor that was killed outright.
    for (Component component : components()) {
      if (component instanceof ProcessComponent process && process.recordedProcess().isPresent()) {
        out.println("Stopping a leftover " + component.name() + " process ...");
        process.stop();
      }
    }
    out.println("Stopped. Every table and row stays in " + layout.root());
    return 0;
  }

  private int status() {
    Optional<ProcessHandle> running = Supervisor.running(layout);
    Properties status = Supervisor.readStatus(layout);
    out.println("State folder: " + layout.root());
    if (running.isEmpty()) {
      out.println("Supervisor:   not running");
    } else {
      String message = status.getProperty("message", "");
      out.println(
          "Supervisor:   %s (pid %d)%s"
              .formatted(
                  status.getProperty("state", "unknown"),
                  running.get().pid(),
                  message.isEmpty() ? "" : ": " + message));
    }
    boolean healthy = running.isPresent();
    for (Component component : components()) {
      Health health = component.probe();
      healthy &= health.healthy();
      out.println(
          "  %-9s %-5s %-52s %s"
              .formatted(
                  component.name(),
                  health.healthy() ? "up" : "down",
                  component.url(),
                  health.detail()));
    }
    return healthy ? 0 : 1;
  }

  private List<Component> components() {
    Secrets secrets =
        Files.exists(layout.secrets()) ? Secrets.load(layout) : new Secrets("", "", "", "", "", "");
    return Supervisor.components(settings, secrets);
  }

  private int token(List<String> arguments) {
    if (arguments.isEmpty() || arguments.getFirst().startsWith("-")) {
      throw new IllegalArgumentException(
          "token needs a user: ./tributary token <user> [--group G]... [--valid-for PT12H]");
    }
    TokenRequest request =
        TokenRequest.parse(arguments.getFirst(), arguments.subList(1, arguments.size()));
    out.println(mint(request));
    return 0;
  }

  private int jdbcUrl(List<String> arguments) {
    String url = settings.trinoJdbcUrl();
    if (!arguments.isEmpty()) {
      if (!arguments.getFirst().equals("--user") || arguments.size() < 2) {
        throw new IllegalArgumentException("jdbc-url takes [--user U [--group G]...]");
      }
      TokenRequest request =
          TokenRequest.parse(arguments.get(1), arguments.subList(2, arguments.size()));
      url += "&accessToken=" + URLEncoder.encode(mint(request), StandardCharsets.UTF_8);
    }
    out.println(url);
    return 0;
  }

  private String mint(TokenRequest request) {
    SigningKey key = SigningKey.loadOrCreate(layout.jwtPrivateKey(), layout.jwtPublicKey());
    String token =
        new TokenIssuer(
                key,
                LakehouseSettings.TOKEN_ISSUER,
                LakehouseSettings.TOKEN_AUDIENCE,
                Clock.systemUTC())
            .mint(request.user(), request.groups(), request.validity());
    introduce(token);
    return token;
  }

  /**
   * Shows the token to the running platform API once, as any call would: the platform records the
   * user's groups and hands them to Trino, so the user can go straight to JDBC. Nothing happens
   * when the API is not running.
   */
  private void introduce(String token) {
    try {
      java.net.http.HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(1))
          .build()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(settings.apiUri() + "/api/v1/me"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (IOException notRunning) {
      // No API: the token is still good for Trino; groups reach it at the user's first API call.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The arguments of {@code token} and {@code jdbc-url --user}. */
  record TokenRequest(String user, List<String> groups, Duration validity) {
    static TokenRequest parse(String user, List<String> options) {
      List<String> groups = new ArrayList<>();
      Duration validity = Duration.ofHours(12);
      for (int i = 0; i < options.size(); i++) {
        String option = options.get(i);
        if (i + 1 >= options.size()) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        String value = options.get(++i);
        switch (option) {
          case "--group" -> groups.add(value);
          case "--valid-for" -> {
            try {
              validity = Duration.parse(value);
            } catch (DateTimeParseException e) {
              throw new IllegalArgumentException(
                  "--valid-for takes an ISO-8601 duration such as PT12H, not '" + value + "'");
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      return new TokenRequest(user, List.copyOf(groups), validity);
    }
  }
}
