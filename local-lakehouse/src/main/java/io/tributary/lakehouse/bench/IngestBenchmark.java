package io.tributary.lakehouse.bench;

import io.tributary.lakehouse.LakehouseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Measures, on the running local lakehouse, how many records per second the ingestion endpoint
 * takes in batches of 1,000 and 100,000 rows, and prints the figures. It is a benchmark, not a
 * test: it asserts nothing, and the machine's load shows in what it prints.
 *
 * <p>It talks HTTP to the platform API, as a producer does (this module cannot depend on the API's
 * code). The product has a primary key and a day partitioning, so every batch writes data and
 * equality-delete files: the upsert path, the costlier one. Each round posts new keys; the time is
 * the whole request as the client sees it: sending, parsing, validating, writing Parquet to S3Proxy
 * and committing to the catalog.
 */
public final class IngestBenchmark {
  private static final List<Integer> BATCH_SIZES = List.of(1_000, 100_000);

  private final LakehouseSettings settings;
  private final BenchmarkApi api;
  private final PrintStream out;

  public IngestBenchmark(LakehouseSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.api = new BenchmarkApi(settings);
  }

  public void run(int rounds) throws Exception {
    String domain = api.onboardDomain(api.token("admin", "platform-admins"));
    String owner = api.token("bench-producer", domain + "-owners");
    out.printf(
        "Ingestion benchmark on %s, domain %s, %d rounds%n", settings.apiUri(), domain, rounds);
    BenchmarkApi.require(
        api.send(
            owner,
            "PUT",
            "/api/v1/domains/%s/products/orders".formatted(domain),
            "application/yaml",
            """
            apiVersion: tributary.io/v1
            kind: DataProduct
            metadata: {domain: %s, name: orders, version: 1.0.0, title: Orders}
            spec:
              zone: raw
              table:
                columns:
                  - {name: order_id, type: long, required: true}
                  - {name: customer_id, type: long, required: true}
                  - {name: ordered_at, type: timestamptz, required: true}
                  - {name: status, type: string, required: true}
                  - {name: amount, type: "decimal(12,2)", required: true}
                  - {name: skus, type: "list<string>"}
                primaryKey: [order_id]
                partitioning: ["day(ordered_at)"]
              access: {visibility: private}
              source: {type: ingest}
            """
                .formatted(domain)),
        "declare the benchmark product");

    String path = "/api/v1/domains/%s/products/orders/records".formatted(domain);
    long nextKey = 1;
    for (int size : BATCH_SIZES) {
      // One round that is not counted: the JIT, the first Parquet writer and S3 connections.
      nextKey = post(owner, path, size, nextKey).nextKey();
      double[] perSecond = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        Posted posted = post(owner, path, size, nextKey);
        nextKey = posted.nextKey();
        perSecond[round] = size / (posted.nanos() / 1e9);
        out.printf(
            "  %,d rows, round %d: %,d ms, %,.0f records/s (%,d bytes)%n",
            size, round + 1, posted.nanos() / 1_000_000, perSecond[round], posted.bytes());
      }
      out.printf("Batches of %,d rows: %s%n", size, summary(perSecond));
    }
    out.println(
        "(Each batch is one Iceberg commit with a Parquet data file and an equality-delete file per"
            + " day it touches.)");
  }

  private record Posted(long nanos, long nextKey, int bytes) {}

  private Posted post(String token, String path, int size, long firstKey)
      throws IOException, InterruptedException {
    byte[] body = batch(size, firstKey);
    long start = System.nanoTime();
    HttpResponse<String> response =
        api.send(
            token,
            "POST",
            path,
            "application/x-ndjson",
            HttpRequest.BodyPublishers.ofByteArray(body));
    long nanos = System.nanoTime() - start;
    BenchmarkApi.require(response, "post a batch of " + size + " records");
    return new Posted(nanos, firstKey + size, body.length);
  }

  /** NDJSON orders over a week of days, so a batch spans several partitions. */
  private static byte[] batch(int size, long firstKey) {
    Instant start = Instant.parse("2025-01-27T00:00:00Z");
    StringBuilder text = new StringBuilder(size * 160);
    for (long key = firstKey; key < firstKey + size; key++) {
      text.append("{\"order_id\":")
          .append(key)
          .append(",\"customer_id\":")
          .append(key % 9973)
          .append(",\"ordered_at\":\"")
          .append(start.plusSeconds((key * 37) % (7 * 86_400)))
          .append("\",\"status\":\"")
          .append(key % 5 == 0 ? "shipped" : "placed")
          .append("\",\"amount\":")
          .append(key % 100_000 / 100)
          .append('.')
          .append(String.format("%02d", key % 100))
          .append(",\"skus\":[\"HOM-")
          .append(key % 1000)
          .append("\",\"KIT-")
          .append(key % 77)
          .append("\"]}\n");
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String summary(double[] perSecond) {
    double[] sorted = perSecond.clone();
    Arrays.sort(sorted);
    return "median %,.0f records/s, min %,.0f, max %,.0f over %d rounds"
        .formatted(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }
}
