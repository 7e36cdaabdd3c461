package io.tributary.platform.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Writes a validated batch to an Iceberg table in one {@link RowDelta} commit: one Parquet data
 * file per partition and, when the table has a primary key (its identifier fields), one
 * equality-delete file per partition on the key columns holding the batch's keys. The deletes carry
 * the commit's sequence number, so they remove older rows with those keys and never the batch's
 * own.
 *
 * <p>The commit's snapshot summary records the batch's id, its idempotency key and the hash of its
 * body, so "was this batch written?" is answered by the table itself, atomically with the data.
 */
final class TableWriter {
  static final String BATCH_ID_PROPERTY = "tributary.batch-id";
  static final String IDEMPOTENCY_KEY_PROPERTY = "tributary.idempotency-key";
  static final String BODY_HASH_PROPERTY = "tributary.batch-sha256";
  static final String RECORDS_PROPERTY = "tributary.records";
  static final String MODE_PROPERTY = "tributary.ingest-mode";

  /** Attempts at the commit before the client is told to retry; each one re-checks its key. */
  static final int COMMIT_ATTEMPTS = 5;

  private final Table table;

  TableWriter(Table table) {
    this.table = table;
  }

  /** A batch written before, found by its idempotency key. */
  record PreviousBatch(long snapshotId, String bodyHash, int records, String mode) {}

  /** The latest commit carrying this idempotency key, among the recent snapshots searched. */
  Optional<PreviousBatch> findBatch(String idempotencyKey, Instant notBefore, int snapshots) {
    int searched = 0;
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      if (searched++ >= snapshots || snapshot.timestampMillis() < notBefore.toEpochMilli()) {
        break;
      }
      Map<String, String> summary = snapshot.summary();
      if (idempotencyKey.equals(summary.get(IDEMPOTENCY_KEY_PROPERTY))) {
        return Optional.of(
            new PreviousBatch(
                snapshot.snapshotId(),
                summary.getOrDefault(BODY_HASH_PROPERTY, ""),
                Integer.parseInt(summary.getOrDefault(RECORDS_PROPERTY, "0")),
                summary.getOrDefault(MODE_PROPERTY, "")));
      }
    }
    return Optional.empty();
  }

  /** Whether rows with the same key replace each other, or every record is a new row. */
  static String mode(Schema schema) {
    return schema.identifierFieldIds().isEmpty() ? "append" : "upsert";
  }

  /** Before each commit attempt: answers a batch committed meanwhile with the same key, if any. */
  interface BeforeCommit {
    Optional<PreviousBatch> committedMeanwhile();
  }

  /** The commit made. */
  record Committed(long snapshotId, int dataFiles, int deleteFiles) {}

  /**
   * Writes the files and commits them; on a lost race re-checks the idempotency key and tries again
   * on the new state. Files of a batch that does not commit are deleted.
   *
   * @return the commit, or the batch that was committed meanwhile under the same key
   */
  Result write(List<Record> records, Map<String, String> summary, BeforeCommit beforeCommit) {
    Schema schema = table.schema();
    PartitionSpec spec = table.spec();
    Set<Integer> keyIds = schema.identifierFieldIds();
    boolean upsert = !keyIds.isEmpty();
    if (upsert && formatVersion() < 2) {
      throw new IngestionException.NotIngestible(
          "Table %s is Iceberg format version %d; upserts by primary key need version 2"
              .formatted(table.name(), formatVersion()));
    }
    Schema deleteSchema = upsert ? schema.select(schema.identifierFieldNames()) : null;
    GenericAppenderFactory appenders =
        new GenericAppenderFactory(
                schema,
                spec,
                upsert ? keyIds.stream().mapToInt(Integer::intValue).sorted().toArray() : null,
                deleteSchema,
                null)
            .setAll(table.properties());
    String batchId = UUID.randomUUID().toString();
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 1, System.nanoTime() & Long.MAX_VALUE)
            .format(FileFormat.PARQUET)
            .operationId(batchId)
            .build();

    List<DataFile> dataFiles = new ArrayList<>();
    List<DeleteFile> deleteFiles = new ArrayList<>();
    boolean committed = false;
    try {
      for (Map.Entry<StructLike, List<Record>> group :
          byPartition(records, schema, spec).entrySet()) {
        StructLike partition = group.getKey();
        dataFiles.add(writeData(appenders, files, spec, partition, group.getValue()));
        if (upsert) {
          deleteFiles.add(
              writeDeletes(appenders, files, spec, partition, group.getValue(), deleteSchema));
        }
      }
      Result result = commit(dataFiles, deleteFiles, summary, batchId, upsert, beforeCommit);
      committed = result instanceof Result.Written;
      return result;
    } finally {
      if (!committed) {
        deleteQuietly(dataFiles);
        deleteQuietly(deleteFiles);
      }
    }
  }

  /** What {@link #write} did. */
  sealed interface Result {
    record Written(Committed commit) implements Result {}

    record AlreadyWritten(PreviousBatch batch) implements Result {}
  }

  private Result commit(
      List<DataFile> dataFiles,
      List<DeleteFile> deleteFiles,
      Map<String, String> summary,
      String batchId,
      boolean upsert,
      BeforeCommit beforeCommit) {
    RuntimeException lastConflict = null;
    for (int attempt = 1; attempt <= COMMIT_ATTEMPTS; attempt++) {
      table.refresh();
      Optional<PreviousBatch> meanwhile = beforeCommit.committedMeanwhile();
      if (meanwhile.isPresent()) {
        return new Result.AlreadyWritten(meanwhile.get());
      }
      RowDelta delta = table.newRowDelta();
      dataFiles.forEach(delta::addRows);
      deleteFiles.forEach(delta::addDeletes);
      summary.forEach(delta::set);
      delta.set(BATCH_ID_PROPERTY, batchId);
      Snapshot base = table.currentSnapshot();
      if (upsert && base != null) {
        // Anything committed after the state this attempt saw fails the commit, so the key check
        // above is re-run on the new state: two retries of one batch never both land.
        delta
            .validateFromSnapshot(base.snapshotId())
            .validateNoConflictingDataFiles()
            .validateNoConflictingDeleteFiles();
      }
      try {
        delta.commit();
        return new Result.Written(
            new Committed(snapshotOf(batchId), dataFiles.size(), deleteFiles.size()));
      } catch (CommitFailedException | ValidationException conflict) {
        lastConflict = conflict;
      }
    }
    throw new IngestionException.WriteConflict(
        "Concurrent writes to %s won the race to commit %d times (%s); nothing was written, send the batch again"
            .formatted(table.name(), COMMIT_ATTEMPTS, lastConflict.getMessage()));
  }

  /** The snapshot of our commit: a concurrent one may already be the table's current snapshot. */
  private long snapshotOf(String batchId) {
    table.refresh();
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      if (batchId.equals(snapshot.summary().get(BATCH_ID_PROPERTY))) {
        return snapshot.snapshotId();
      }
    }
    throw new IllegalStateException("The commit of batch " + batchId + " is not in the history");
  }

  private static Map<StructLike, List<Record>> byPartition(
      List<Record> records, Schema schema, PartitionSpec spec) {
    Map<StructLike, List<Record>> groups = new LinkedHashMap<>();
    if (spec.isUnpartitioned()) {
      groups.put(null, records);
      return groups;
    }
    PartitionKey key = new PartitionKey(spec, schema);
    // Transforms work on Iceberg's internal values (days, microseconds), not on java.time.
    InternalRecordWrapper internal = new InternalRecordWrapper(schema.asStruct());
    for (Record record : records) {
      key.partition(internal.wrap(record));
      List<Record> group = groups.get(key);
      if (group == null) {
        group = new ArrayList<>();
        groups.put(key.copy(), group);
      }
      group.add(record);
    }
    return groups;
  }

  private static DataFile writeData(
      GenericAppenderFactory appenders,
      OutputFileFactory files,
      PartitionSpec spec,
      StructLike partition,
      List<Record> records) {
    DataWriter<Record> writer =
        appenders.newDataWriter(outputFile(files, spec, partition), FileFormat.PARQUET, partition);
    try (writer) {
      records.forEach(writer::write);
    } catch (IOException failed) {
      throw new UncheckedIOException("Writing a data file failed", failed);
    }
    return writer.toDataFile();
  }

  private static DeleteFile writeDeletes(
      GenericAppenderFactory appenders,
      OutputFileFactory files,
      PartitionSpec spec,
      StructLike partition,
      List<Record> records,
      Schema deleteSchema) {
    EqualityDeleteWriter<Record> writer =
        appenders.newEqDeleteWriter(
            outputFile(files, spec, partition), FileFormat.PARQUET, partition);
    try (writer) {
      for (Record record : records) {
        GenericRecord key = GenericRecord.create(deleteSchema);
        for (Types.NestedField field : deleteSchema.columns()) {
          key.setField(field.name(), record.getField(field.name()));
        }
        writer.write(key);
      }
    } catch (IOException failed) {
      throw new UncheckedIOException("Writing an equality-delete file failed", failed);
    }
    return writer.toDeleteFile();
  }

  /**
   * A new file's location; unpartitioned files go straight under {@code data/}, since a null
   * partition would leave an empty path segment that S3 keeps and Trino's S3 client does not.
   */
  private static EncryptedOutputFile outputFile(
      OutputFileFactory files, PartitionSpec spec, StructLike partition) {
    return spec.isUnpartitioned() ? files.newOutputFile() : files.newOutputFile(spec, partition);
  }

  private int formatVersion() {
    return table instanceof HasTableOperations operations
        ? operations.operations().current().formatVersion()
        : 2;
  }

  private void deleteQuietly(List<? extends ContentFile<?>> written) {
    for (ContentFile<?> file : written) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException ignored) {
        // An orphan file is harmless: no snapshot refers to it, and orphan removal finds it.
      }
    }
  }
}
