package io.tributary.platform.ingestion;

import java.util.List;

/** Why a batch was refused; the REST edge turns each kind into its status and problem type. */
public abstract sealed class IngestionException extends RuntimeException {

  IngestionException(String message) {
    super(message);
  }

  /** The body is over a size limit: too many bytes or too many records. */
  public static final class TooLarge extends IngestionException {
    public TooLarge(String message) {
      super(message);
    }
  }

  /** The request cannot be read as a batch: not JSON, not an array, a bad idempotency key. */
  public static final class BadRequest extends IngestionException {
    public BadRequest(String message) {
      super(message);
    }
  }

  /** Records break the contract; nothing was written. */
  public static final class InvalidRecords extends IngestionException {
    private final List<RecordProblem> problems;
    private final int count;

    public InvalidRecords(List<RecordProblem> problems, int count) {
      super(
          count == 1
              ? "The batch has 1 problem; nothing was written"
              : "The batch has %d problems%s; nothing was written"
                  .formatted(
                      count,
                      count > problems.size()
                          ? " (the first " + problems.size() + " listed)"
                          : ""));
      this.problems = List.copyOf(problems);
      this.count = count;
    }

    /** The first problems, at most {@link Problems#LISTED}. */
    public List<RecordProblem> problems() {
      return problems;
    }

    /** How many problems there are in all. */
    public int count() {
      return count;
    }
  }

  /** The idempotency key was used before for a different body. */
  public static final class IdempotencyKeyReused extends IngestionException {
    public IdempotencyKeyReused(String message) {
      super(message);
    }
  }

  /** The product does not take records now: not an ingest source, no table, an old format. */
  public static final class NotIngestible extends IngestionException {
    public NotIngestible(String message) {
      super(message);
    }
  }

  /** Concurrent writes kept winning the race to commit; the client may retry the batch. */
  public static final class WriteConflict extends IngestionException {
    public WriteConflict(String message) {
      super(message);
    }
  }
}
