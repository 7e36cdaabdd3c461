package io.tributary.platform.usage;

import com.fasterxml.jackson.annotation.JsonValue;
import io.tributary.platform.registry.UsageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A domain's usage over a period, summed per product or per consumer.
 *
 * @param domain the domain
 * @param from the period's start, inclusive
 * @param to the period's end, exclusive
 * @param groupBy what the lines sum over
 * @param total every query of the period
 * @param lines one per product or consumer, the most bytes read first
 */
public record UsageReport(
    String domain,
    Instant from,
    Instant to,
    GroupBy groupBy,
    UsageTotals total,
    List<UsageLine> lines) {

  /** What a report's lines are per. */
  public enum GroupBy {
    PRODUCT("product", UsageRecord::product),
    CONSUMER("consumer", UsageRecord::consumer);

    private final String parameter;
    private final Function<UsageRecord, String> key;

    GroupBy(String parameter, Function<UsageRecord, String> key) {
      this.parameter = parameter;
      this.key = key;
    }

    /** Its name in the {@code groupBy} parameter and in the report. */
    @JsonValue
    public String parameter() {
      return parameter;
    }

    /** The group-by the parameter names; null when it names none. */
    public static GroupBy fromParameter(String text) {
      for (GroupBy value : values()) {
        if (value.parameter.equals(text)) {
          return value;
        }
      }
      return null;
    }
  }

  /**
   * Sums.
   *
   * @param queries engine queries
   * @param reads uses recorded: data endpoint reads, refreshes and quality evaluations (each may
   *     take several queries)
   */
  public record UsageTotals(
      long reads,
      long queries,
      long bytesRead,
      long processedBytes,
      long cpuMillis,
      long wallMillis,
      long rows) {
    static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0, 0);

    UsageTotals plus(UsageRecord usage) {
      return new UsageTotals(
          reads + 1,
          queries + usage.queries(),
          bytesRead + usage.bytesRead(),
          processedBytes + usage.processedBytes(),
          cpuMillis + usage.cpuMillis(),
          wallMillis + usage.wallMillis(),
          rows + usage.rows());
    }
  }

  /**
   * One product's or consumer's sums.
   *
   * @param key the product's or the consumer's name
   */
  public record UsageLine(String key, UsageTotals usage) {}

  /** Sums these usage items of the domain over the period. */
  public static UsageReport of(
      String domain, Instant from, Instant to, GroupBy groupBy, List<UsageRecord> usage) {
    UsageTotals total = UsageTotals.ZERO;
    Map<String, UsageTotals> byKey = new TreeMap<>();
    for (UsageRecord item : usage) {
      total = total.plus(item);
      byKey.merge(groupBy.key.apply(item), UsageTotals.ZERO.plus(item), UsageReport::sum);
    }
    List<UsageLine> lines = new ArrayList<>();
    byKey.forEach((key, totals) -> lines.add(new UsageLine(key, totals)));
    lines.sort(
        Comparator.comparingLong((UsageLine line) -> line.usage().bytesRead())
            .reversed()
            .thenComparing(UsageLine::key));
    return new UsageReport(domain, from, to, groupBy, total, lines);
  }

  private static UsageTotals sum(UsageTotals left, UsageTotals right) {
    return new UsageTotals(
        left.reads() + right.reads(),
        left.queries() + right.queries(),
        left.bytesRead() + right.bytesRead(),
        left.processedBytes() + right.processedBytes(),
        left.cpuMillis() + right.cpuMillis(),
        left.wallMillis() + right.wallMillis(),
        left.rows() + right.rows());
  }
}
