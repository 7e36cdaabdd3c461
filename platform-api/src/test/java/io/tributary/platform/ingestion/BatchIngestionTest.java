package io.tributary.platform.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.IcebergMapping;
import io.tributary.platform.service.Documents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batches written to real Iceberg tables (Parquet files in an in-memory file system) and read back
 * with Iceberg's own reader, which applies the equality deletes as every engine must.
 */
class BatchIngestionTest {
  private InMemoryCatalog catalog;
  private BatchIngestion ingestion;

  @BeforeEach
  void catalog() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("shop"));
    ingestion =
        new BatchIngestion(
            catalog,
            new IngestionLimits(1000, 1 << 20, Duration.ofHours(24), 100),
            Clock.systemUTC());
  }

  @Test
  void anUpsertReplacesTheRowsWithTheBatchKeysInOneCommit() throws IOException {
    DataProduct orders = product("orders", "[order_id]", "[]", "{type: ingest}");
    Table table = create(orders);
    IngestionResult first =
        post(
            orders,
            """
            [{"order_id": 1, "status": "new", "amount": 10.00},
             {"order_id": 2, "status": "new", "amount": 20.5},
             {"order_id": 3, "status": "new"}]
            """);
    assertThat(first.mode()).isEqualTo("upsert");
    assertThat(first.records()).isEqualTo(3);
    assertThat(first.replayed()).isFalse();
    IngestionResult second =
        post(
            orders,
            """
            {"order_id": 2, "status": "shipped", "amount": 20.5}
            {"order_id": 4, "status": "new", "amount": 1}
            """,
            BatchFormat.NDJSON);
    table.refresh();
    assertThat(rows(table))
        .containsExactly("1 new 10.00", "2 shipped 20.50", "3 new null", "4 new 1.00");
    Snapshot snapshot = table.currentSnapshot();
    assertThat(snapshot.snapshotId()).isEqualTo(second.snapshotId());
    assertThat(snapshot.parentId()).isEqualTo(first.snapshotId());
    assertThat(snapshot.summary())
        .containsEntry("added-data-files", "1")
        .containsEntry("added-delete-files", "1")
        .containsEntry("added-equality-deletes", "2")
        .containsEntry(TableWriter.RECORDS_PROPERTY, "2")
        .containsEntry(TableWriter.MODE_PROPERTY, "upsert");
  }

  @Test
  void withoutAPrimaryKeyEveryRecordIsANewRow() throws IOException {
    DataProduct events = product("events", "[]", "[]", "{type: ingest}");
    Table table = create(events);
    String batch = "[{\"order_id\": 1, \"status\": \"new\"}]";
    assertThat(post(events, batch).mode()).isEqualTo("append");
    post(events, batch);
    table.refresh();
    assertThat(rows(table)).containsExactly("1 new null", "1 new null");
    assertThat(table.currentSnapshot().summary()).doesNotContainKey("added-delete-files");
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        assertThat(task.file().location()).doesNotContain("data//").contains("/data/0");
      }
    }
  }

  @Test
  void aRetryWithTheSameKeyIsANoOpAndADifferentBodyIsRefused() throws IOException {
    DataProduct orders = product("orders", "[order_id]", "[]", "{type: ingest}");
    Table table = create(orders);
    String batch = "[{\"order_id\": 1, \"status\": \"new\"}]";
    IngestionResult written = post(orders, batch, BatchFormat.JSON_ARRAY, "batch-0001");
    IngestionResult replayed = post(orders, batch, BatchFormat.JSON_ARRAY, "batch-0001");
    assertThat(replayed)
        .isEqualTo(new IngestionResult(1, "upsert", written.snapshotId(), "batch-0001", true));
    table.refresh();
    assertThat(table.snapshots()).hasSize(1);
    assertThat(table.currentSnapshot().summary())
        .containsEntry(TableWriter.IDEMPOTENCY_KEY_PROPERTY, "batch-0001");

    assertThatThrownBy(
            () ->
                post(
                    orders,
                    "[{\"order_id\": 1, \"status\": \"paid\"}]",
                    BatchFormat.JSON_ARRAY,
                    "batch-0001"))
        .isInstanceOf(IngestionException.IdempotencyKeyReused.class)
        .hasMessageContaining(
            "'batch-0001' was used for a different batch (snapshot "
                + written.snapshotId()
                + ", 1 records)");
    assertThatThrownBy(() -> post(orders, batch, BatchFormat.JSON_ARRAY, "has space"))
        .isInstanceOf(IngestionException.BadRequest.class)
        .hasMessageContaining("Idempotency-Key");
    assertThatThrownBy(() -> post(orders, batch, BatchFormat.JSON_ARRAY, "k".repeat(256)))
        .isInstanceOf(IngestionException.BadRequest.class)
        .hasMessageContaining("got 256 characters");
    table.refresh();
    assertThat(table.snapshots()).hasSize(1);
    assertThat(rows(table)).containsExactly("1 new null");
  }

  @Test
  void aBadRecordWritesNothing() {
    DataProduct orders = product("orders", "[order_id]", "[]", "{type: ingest}");
    Table table = create(orders);
    assertThatThrownBy(
            () -> post(orders, "[{\"order_id\": 1, \"status\": \"new\"}, {\"order_id\": \"2\"}]"))
        .isInstanceOfSatisfying(
            IngestionException.InvalidRecords.class,
            invalid ->
                assertThat(invalid.problems())
                    .containsExactly(
                        new RecordProblem("/1/order_id", "expected a long, got the string \"2\""),
                        new RecordProblem("/1/status", "missing required field 'status'")));
    table.refresh();
    assertThat(table.currentSnapshot()).isNull();
  }

  @Test
  void aPartitionedTableGetsOneDataAndOneDeleteFilePerPartition() throws IOException {
    DataProduct events = product("orders", "[order_id]", "[\"day(ordered_at)\"]", "{type: ingest}");
    Table table = create(events);
    post(
        events,
        """
        [{"order_id": 1, "status": "new", "ordered_at": "2025-01-30T23:00:00Z"},
         {"order_id": 2, "status": "new", "ordered_at": "2025-01-31T01:00:00+01:00"},
         {"order_id": 3, "status": "new", "ordered_at": "2025-01-31T12:00:00Z"}]
        """);
    post(
        events,
        "[{\"order_id\": 3, \"status\": \"paid\", \"ordered_at\": \"2025-01-31T12:00:00Z\"}]");
    table.refresh();
    assertThat(rows(table)).containsExactly("1 new null", "2 new null", "3 paid null");
    List<String> partitions = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        partitions.add(
            task.file().partition().get(0, Integer.class) + " deletes=" + task.deletes().size());
      }
    }
    // 2025-01-30 is day 20118 since the epoch; order 2 is 2025-01-31T00:00Z, the same day as 3.
    // The second batch's delete file applies to the first batch's file of day 20119 only: a delete
    // never reaches another partition, nor the files committed with it.
    assertThat(partitions)
        .containsExactlyInAnyOrder("20118 deletes=0", "20119 deletes=1", "20119 deletes=0");
  }

  @Test
  void onlyIngestProductsWithAMatchingTableTakeRecords() {
    DataProduct external = product("orders", "[order_id]", "[]", "{type: external}");
    create(external);
    assertThatThrownBy(() -> post(external, "[{\"order_id\": 1, \"status\": \"x\"}]"))
        .isInstanceOf(IngestionException.NotIngestible.class)
        .hasMessage(
            "shop.orders takes no records through the API: its source is 'external', and only"
                + " products declared with source {type: ingest} do");
    DataProduct notProvisioned = product("later", "[order_id]", "[]", "{type: ingest}");
    assertThatThrownBy(() -> post(notProvisioned, "[{\"order_id\": 1, \"status\": \"x\"}]"))
        .isInstanceOf(IngestionException.NotIngestible.class)
        .hasMessageContaining("has no table yet");
    DataProduct ingest = product("orders", "[order_id]", "[]", "{type: ingest}");
    catalog
        .loadTable(TableIdentifier.of("shop", "orders"))
        .updateSchema()
        .deleteColumn("amount")
        .commit();
    assertThatThrownBy(() -> post(ingest, "[{\"order_id\": 1, \"status\": \"x\"}]"))
        .isInstanceOf(IngestionException.NotIngestible.class)
        .hasMessageContaining("does not match its declared contract yet");
  }

  /**
   * Batches racing to commit on the same keys: every commit's deletes remove the rows committed
   * before it, so one row per key survives; and retries of one batch under one key land once.
   */
  @Test
  void concurrentBatchesOnTheSameKeysLeaveOneRowPerKeyAndOneCommitPerIdempotencyKey()
      throws Exception {
    DataProduct orders = product("orders", "[order_id]", "[]", "{type: ingest}");
    Table table = create(orders);
    // Fewer writers than commit attempts: each lost race means another writer committed.
    int writers = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<IngestionResult>> results = new ArrayList<>();
      for (int writer = 0; writer < writers; writer++) {
        String status = "writer" + writer;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return post(
                      orders,
                      "[{\"order_id\": 1, \"status\": \"%s\"}, {\"order_id\": 2, \"status\": \"%s\"}]"
                          .formatted(status, status));
                }));
      }
      start.countDown();
      for (java.util.concurrent.Future<IngestionResult> result : results) {
        result.get();
      }
      table.refresh();
      List<String> rows = rows(table);
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).split(" ")[1])
          .as("both keys from the batch that committed last")
          .isEqualTo(rows.get(1).split(" ")[1]);

      String retried = "[{\"order_id\": 3, \"status\": \"once\"}]";
      java.util.concurrent.CountDownLatch again = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<IngestionResult>> retries = new ArrayList<>();
      for (int writer = 0; writer < writers; writer++) {
        retries.add(
            pool.submit(
                () -> {
                  again.await();
                  return post(orders, retried, BatchFormat.JSON_ARRAY, "retry-me");
                }));
      }
      again.countDown();
      List<Long> snapshots = new ArrayList<>();
      int written = 0;
      for (java.util.concurrent.Future<IngestionResult> retry : retries) {
        IngestionResult result = retry.get();
        snapshots.add(result.snapshotId());
        written += result.replayed() ? 0 : 1;
      }
      assertThat(written).isEqualTo(1);
      assertThat(snapshots).containsOnly(snapshots.get(0));
      table.refresh();
      assertThat(rows(table)).hasSize(3).contains("3 once null");
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- helpers

  private static DataProduct product(
      String name, String primaryKey, String partitioning, String source) {
    return Documents.product(
            """
            apiVersion: tributary.io/v1
            kind: DataProduct
            metadata: {domain: shop, name: %s, version: 1.0.0}
            spec:
              zone: raw
              table:
                columns:
                  - {name: order_id, type: long, required: true}
                  - {name: status, type: string, required: true}
                  - {name: amount, type: "decimal(8,2)"}
                  - {name: ordered_at, type: timestamptz}
                primaryKey: %s
                partitioning: %s
              source: %s
            """
                .formatted(name, primaryKey, partitioning, source))
        .declaration();
  }

  private Table create(DataProduct product) {
    io.tributary.platform.declaration.Table declared = product.spec().table();
    return catalog
        .buildTable(
            TableIdentifier.of("shop", product.metadata().name()),
            IcebergMapping.toSchema(declared))
        .withPartitionSpec(IcebergMapping.toPartitionSpec(declared))
        .create();
  }

  private IngestionResult post(DataProduct product, String body) {
    return post(product, body, BatchFormat.JSON_ARRAY);
  }

  private IngestionResult post(DataProduct product, String body, BatchFormat format) {
    return ingestion.ingest(
        product,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
        format,
        Optional.empty());
  }

  private IngestionResult post(
      DataProduct product, String body, BatchFormat format, String idempotencyKey) {
    return ingestion.ingest(
        product,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
        format,
        Optional.of(idempotencyKey));
  }

  /** "order_id status amount" per row, in key order (duplicates kept: appends may repeat keys). */
  private static List<String> rows(Table table) throws IOException {
    TreeMap<String, Integer> sorted = new TreeMap<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record record : records) {
        sorted.merge(
            record.getField("order_id")
                + " "
                + record.getField("status")
                + " "
                + record.getField("amount"),
            1,
            Integer::sum);
      }
    }
    List<String> rows = new ArrayList<>();
    sorted.forEach((row, count) -> rows.addAll(java.util.Collections.nCopies(count, row)));
    return rows;
  }
}
