package io.tributary.platform.provisioning.terraform;

import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.RunId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A run's log as it grows: lines are appended to the store in batches (every half second, or as
 * soon as 50 are waiting) so a client polling the run sees terraform's progress without one store
 * write per line.
 */
final class RunLog implements Consumer<String>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RunLog.class);
  static final int BATCH_LINES = 50;
  static final long FLUSH_MILLISECONDS = 500;

  private final PlatformStore store;
  private final RunId run;
  private final List<String> pending = new ArrayList<>();
  private final ScheduledFuture<?> ticker;

  RunLog(PlatformStore store, RunId run, ScheduledExecutorService scheduler) {
    this.store = store;
    this.run = run;
    this.ticker =
        scheduler.scheduleWithFixedDelay(
            this::flushQuietly, FLUSH_MILLISECONDS, FLUSH_MILLISECONDS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void accept(String line) {
    boolean full;
    synchronized (pending) {
      pending.add(line);
      full = pending.size() >= BATCH_LINES;
    }
    if (full) {
      flush();
    }
  }

  /** Writes the waiting lines to the store, in order. */
  void flush() {
    // One writer at a time keeps the lines in order across the ticker and the reading thread.
    synchronized (this) {
      List<String> batch;
      synchronized (pending) {
        if (pending.isEmpty()) {
          return;
        }
        batch = List.copyOf(pending);
      }
      store.appendRunLog(run, batch);
      // Lines only ever join at the end, so the batch written is still the head of the queue.
      synchronized (pending) {
        pending.subList(0, batch.size()).clear();
      }
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      // The lines stay queued: the next flush, or the one at the run's end, writes them.
      LOG.debugf(e, "Could not append to the log of run %s yet", run);
    }
  }

  @Override
  public void close() {
    ticker.cancel(false);
    flush();
  }
}
