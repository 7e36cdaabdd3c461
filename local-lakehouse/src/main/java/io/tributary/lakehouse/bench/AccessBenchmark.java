package io.tributary.lakehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.lakehouse.LakehouseException;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.Mask;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import io.tributary.policies.trino.DomainAccess;
import io.tributary.policies.trino.TrinoAccessControl;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Measures, on the running local lakehouse, how long access takes to change and how long the rules
 * take to compile, and prints the figures. It is a benchmark, not a test: it asserts nothing, and
 * the machine's load shows in what it prints.
 *
 * <ol>
 *   <li>approval to the consumer's first successful query over JDBC;
 *   <li>revocation to the consumer's first denied query;
 *   <li>compiling 10,000 grants into Trino's rules.
 * </ol>
 */
public final class AccessBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(50);

  private final LakehouseSettings settings;
  private final BenchmarkApi api;
  private final PrintStream out;

  public AccessBenchmark(LakehouseSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.api = new BenchmarkApi(settings);
  }

  public void run(int rounds) throws Exception {
    String domain = api.onboardDomain(api.token("admin", "platform-admins"));
    String owner = token("bench-owner", domain + "-owners");
    String consumer = token("bench-consumer");
    out.printf("Access benchmark on %s, domain %s, %d rounds%n", settings.apiUri(), domain, rounds);
    require(
        put(
            owner,
            "/api/v1/domains/%s/products/items".formatted(domain),
            """
            apiVersion: tributary.io/v1
            kind: DataProduct
            metadata: {domain: %s, name: items, version: 1.0.0, title: Items}
            spec:
              zone: raw
              table:
                columns:
                  - {name: id, type: long, required: true}
                  - {name: label, type: string}
                primaryKey: [id]
              access: {visibility: discoverable}
              source: {type: external}
            """
                .formatted(domain)),
        "declare the benchmark product");
    try (Connection service =
            connect(LakehouseSettings.SERVICE_USER, token(LakehouseSettings.SERVICE_USER));
        Statement statement = service.createStatement()) {
      statement.execute(
          "INSERT INTO lakehouse.%s.items VALUES (1, 'one'), (2, 'two')".formatted(domain));
    }
    require(get(consumer, "/api/v1/me"), "introduce the consumer");

    long[] granting = new long[rounds];
    long[] revoking = new long[rounds];
    for (int round = 0; round < rounds; round++) {
      JsonNode request =
          require(
              post(
                  consumer,
                  "/api/v1/domains/%s/products/items/access-requests".formatted(domain),
                  "{\"columns\":\"all\",\"purpose\":\"benchmark\",\"duration\":\"PT1H\"}"),
              "request access");
      String id = request.get("id").asText();
      Instant approved = Instant.now();
      require(post(owner, "/api/v1/access-requests/" + id + "/approve", "{}"), "approve");
      granting[round] = until(domain, consumer, true, approved);
      Instant revoked = Instant.now();
      require(post(owner, "/api/v1/access-requests/" + id + "/revoke", "{}"), "revoke");
      revoking[round] = until(domain, consumer, false, revoked);
      out.printf(
          "  round %d: approval to first query %d ms, revocation to denial %d ms%n",
          round + 1, granting[round], revoking[round]);
    }
    out.printf("Approval to the consumer's first successful query: %s%n", summary(granting));
    out.printf("Revocation to the consumer's first denied query:   %s%n", summary(revoking));
    compileTenThousandGrants();
    out.println(
        "(Trino rereads its rules every second: both times are bounded by that refresh period.)");
  }

  /** Milliseconds from {@code since} until the consumer's query succeeds (or is denied). */
  private long until(String domain, String consumer, boolean allowed, Instant since)
      throws Exception {
    Instant deadline = since.plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      if (canRead(domain, consumer) == allowed) {
        return Duration.between(since, Instant.now()).toMillis();
      }
      Thread.sleep(POLL);
    }
    throw new LakehouseException(
        "the consumer was still %s after %d s"
            .formatted(allowed ? "denied" : "allowed", PATIENCE.toSeconds()),
        settings.layout().log("trino"));
  }

  private boolean canRead(String domain, String consumer) throws SQLException {
    try (Connection connection = connect("bench-consumer", consumer);
        Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT count(*) FROM lakehouse.%s.items".formatted(domain)).close();
      return true;
    } catch (SQLException denied) {
      if (denied.getMessage().contains("Access Denied")
          || denied.getMessage().contains("not allowed")) {
        return false;
      }
      throw denied;
    }
  }

  private void compileTenThousandGrants() {
    List<ProductColumns> products = new ArrayList<>();
    List<Grant> grants = new ArrayList<>();
    List<DomainAccess> domains = new ArrayList<>();
    for (int domain = 0; domain < 50; domain++) {
      domains.add(new DomainAccess("domain_" + domain, List.of("owners_" + domain), List.of()));
      for (int product = 0; product < 20; product++) {
        ProductName name = ProductName.of("domain_" + domain, "product_" + product);
        products.add(
            ProductColumns.of(
                name, "id", "long", "email", "string", "region", "string", "amount", "double"));
        for (int grant = 0; grant < 10; grant++) {
          Grant.Builder builder = Grant.to("group:readers_" + grant, name.toString());
          if (grant % 3 == 0) {
            builder.mask("email", Mask.HASH);
          }
          if (grant % 2 == 0) {
            builder.rowFilter("region = 'EU' AND amount > " + grant);
          }
          grants.add(builder.build());
        }
      }
    }
    Map<String, Set<String>> groupsByUser = new HashMap<>();
    for (int user = 0; user < 200; user++) {
      groupsByUser.put(
          "user_" + user, Set.of("readers_" + user % 10, "readers_" + (user + 3) % 10));
    }
    TrinoAccessControl compiler =
        new TrinoAccessControl(
            LakehouseSettings.CATALOG, LakehouseSettings.SERVICE_USER, "platform-admins");
    Instant now = Instant.now();
    long[] times = new long[7];
    for (int run = 0; run < times.length; run++) {
      long start = System.nanoTime();
      compiler.compile(domains, products, grants, groupsByUser, now);
      times[run] = (System.nanoTime() - start) / 1_000_000;
    }
    out.printf(
        "Compiling %,d grants (%,d products, %,d users with two groups) into Trino rules: %s"
            + " (first run %d ms, with the JIT cold)%n",
        grants.size(),
        products.size(),
        groupsByUser.size(),
        summary(Arrays.copyOfRange(times, 2, times.length)),
        times[0]);
  }

  private static String summary(long[] millis) {
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    return "median %d ms, min %d ms, max %d ms over %d"
        .formatted(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  private String token(String user, String... groups) {
    return api.token(user, groups);
  }

  private Connection connect(String user, String token) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("accessToken", token);
    return DriverManager.getConnection(settings.trinoJdbcUrl(), properties);
  }

  private HttpResponse<String> put(String token, String path, String yaml)
      throws IOException, InterruptedException {
    return api.send(token, "PUT", path, "application/yaml", yaml);
  }

  private HttpResponse<String> post(String token, String path, String json)
      throws IOException, InterruptedException {
    return api.send(token, "POST", path, "application/json", json);
  }

  private HttpResponse<String> get(String token, String path)
      throws IOException, InterruptedException {
    return api.get(token, path);
  }

  private static JsonNode require(HttpResponse<String> response, String what) throws IOException {
    String body = BenchmarkApi.require(response, what).body();
    return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
  }
}
