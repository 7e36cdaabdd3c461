package io.tributary.platform.ingestion;

import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.IcebergMapping;
import io.tributary.platform.declaration.Source;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Takes one batch for a product: checks the product takes records, reads and validates the batch
 * against the declared contract, answers a retried batch from the table's history, and writes the
 * rest in one commit. Who may post is the caller's business (the REST edge); this only knows
 * products and tables.
 */
public final class BatchIngestion {
  /** Visible ASCII, as HTTP header values safely carry it; a UUID is the usual key. */
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final Catalog catalog;
  private final IngestionLimits limits;
  private final Clock clock;

  public BatchIngestion(Catalog catalog, IngestionLimits limits, Clock clock) {
    this.catalog = catalog;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Ingests a batch into the product's table.
   *
   * @param product the product's current declaration
   * @param body the request body, read once
   * @param format how the body lays out its records
   * @param idempotencyKey the {@code Idempotency-Key} header, if sent
   * @throws IngestionException when the batch is refused; nothing was written then
   */
  public IngestionResult ingest(
      DataProduct product, InputStream body, BatchFormat format, Optional<String> idempotencyKey) {
    idempotencyKey.ifPresent(BatchIngestion::checkKey);
    if (!(product.spec().source() instanceof Source.Ingest)) {
      throw new IngestionException.NotIngestible(
          "%s takes no records through the API: its source is '%s', and only products declared"
                  .formatted(product.reference(), product.spec().source().type())
              + " with source {type: ingest} do");
    }
    Table table = load(product);
    Schema schema = table.schema();
    checkContract(product, schema);

    BatchReader.Batch batch = new BatchReader(schema, limits).read(body, format);
    TableWriter writer = new TableWriter(table);
    if (idempotencyKey.isPresent()) {
      Optional<IngestionResult> replay = replay(writer, idempotencyKey.get(), batch.sha256());
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    if (batch.problems().count() > 0) {
      throw new IngestionException.InvalidRecords(
          batch.problems().listed(), batch.problems().count());
    }
    String mode = TableWriter.mode(schema);
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(TableWriter.RECORDS_PROPERTY, Integer.toString(batch.recordCount()));
    summary.put(TableWriter.MODE_PROPERTY, mode);
    summary.put(TableWriter.BODY_HASH_PROPERTY, batch.sha256());
    idempotencyKey.ifPresent(key -> summary.put(TableWriter.IDEMPOTENCY_KEY_PROPERTY, key));
    TableWriter.Result result =
        writer.write(
            batch.records(),
            summary,
            () ->
                idempotencyKey.flatMap(
                    key ->
                        writer.findBatch(
                            key,
                            clock.instant().minus(limits.idempotencyWindow()),
                            limits.idempotencySnapshots())));
    return switch (result) {
      case TableWriter.Result.Written written ->
          new IngestionResult(
              batch.recordCount(),
              mode,
              written.commit().snapshotId(),
              idempotencyKey.orElse(null),
              false);
      case TableWriter.Result.AlreadyWritten already ->
          replayOf(already.batch(), idempotencyKey.orElseThrow(), batch.sha256());
    };
  }

  private Optional<IngestionResult> replay(TableWriter writer, String key, String bodyHash) {
    return writer
        .findBatch(
            key, clock.instant().minus(limits.idempotencyWindow()), limits.idempotencySnapshots())
        .map(previous -> replayOf(previous, key, bodyHash));
  }

  private static IngestionResult replayOf(
      TableWriter.PreviousBatch previous, String key, String bodyHash) {
    if (!previous.bodyHash().equals(bodyHash)) {
      throw new IngestionException.IdempotencyKeyReused(
          ("The Idempotency-Key '%s' was used for a different batch (snapshot %d, %d records);"
                  + " a key names one batch: send the same body to retry it, or use a new key")
              .formatted(key, previous.snapshotId(), previous.records()));
    }
    return new IngestionResult(
        previous.records(), previous.mode(), previous.snapshotId(), key, true);
  }

  private static void checkKey(String key) {
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw new IngestionException.BadRequest(
          "The Idempotency-Key must be 1 to 255 visible ASCII characters without spaces, such as"
              + " a UUID; got "
              + (key.length() > 255 ? key.length() + " characters" : "'" + key + "'"));
    }
  }

  private Table load(DataProduct product) {
    try {
      return catalog.loadTable(
          TableIdentifier.of(product.metadata().domain(), product.metadata().name()));
    } catch (NoSuchTableException missing) {
      throw new IngestionException.NotIngestible(
          "%s has no table yet: its provisioning has not succeeded (see its domain's runs)"
              .formatted(product.reference()));
    }
  }

  /**
   * Records are validated against the table's schema, whose field ids the files must carry; that is
   * the declared contract only once provisioning has applied it, so a table behind its declaration
   * refuses records rather than take rows the contract would not.
   */
  private static void checkContract(DataProduct product, Schema schema) {
    List<String> declared =
        product.spec().table().columns().stream().map(BatchIngestion::describe).toList();
    List<String> actual =
        IcebergMapping.toColumns(schema).stream().map(BatchIngestion::describe).toList();
    if (!declared.equals(actual)) {
      throw new IngestionException.NotIngestible(
          ("The table of %s does not match its declared contract yet (declared %s, table %s):"
                  + " its provisioning has not caught up; see its domain's runs")
              .formatted(product.reference(), declared, actual));
    }
  }

  private static String describe(Column column) {
    return column.name() + " " + column.type() + (column.required() ? " required" : "");
  }
}
