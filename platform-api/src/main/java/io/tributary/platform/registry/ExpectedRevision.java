package io.tributary.platform.registry;

/**
 * What a writer believes about the revision of the item it changes: the optimistic-concurrency
 * precondition. The REST layer derives it from {@code If-Match} ({@link #exactly}), {@code
 * If-None-Match: *} ({@link #absent}) or no header ({@link #any}).
 */
public sealed interface ExpectedRevision {

  /** The write applies whatever the current revision is, creating the item when missing. */
  static ExpectedRevision any() {
    return Any.INSTANCE;
  }

  /** The write creates the item and is refused when it already exists. */
  static ExpectedRevision absent() {
    return Absent.INSTANCE;
  }

  /** The write is refused unless the item exists at exactly this revision. */
  static ExpectedRevision exactly(long revision) {
    return new Exactly(revision);
  }

  /** Whether an item currently at {@code currentRevision} (null when missing) meets this. */
  boolean isMetBy(Long currentRevision);

  /** No precondition. */
  enum Any implements ExpectedRevision {
    INSTANCE;

    @Override
    public boolean isMetBy(Long currentRevision) {
      return true;
    }

    @Override
    public String toString() {
      return "any revision";
    }
  }

  /** The item must not exist yet. */
  enum Absent implements ExpectedRevision {
    INSTANCE;

    @Override
    public boolean isMetBy(Long currentRevision) {
      return currentRevision == null;
    }

    @Override
    public String toString() {
      return "no existing item";
    }
  }

  /**
   * The item must exist at this revision.
   *
   * @param revision the revision the writer read, at least 1
   */
  record Exactly(long revision) implements ExpectedRevision {
    public Exactly {
      if (revision < 1) {
        throw new IllegalArgumentException("revisions start at 1, got " + revision);
      }
    }

    @Override
    public boolean isMetBy(Long currentRevision) {
      return currentRevision != null && currentRevision == revision;
    }

    @Override
    public String toString() {
      return "revision " + revision;
    }
  }
}
