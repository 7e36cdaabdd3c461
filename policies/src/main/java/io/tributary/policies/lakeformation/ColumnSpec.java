package io.tributary.policies.lakeformation;

import java.util.List;
import java.util.TreeSet;

/**
 * Columns as Lake Formation takes them: either a list of column names ({@code ColumnNames}) or
 * every column but some ({@code ColumnWildcard} with {@code ExcludedColumnNames}). Names are kept
 * sorted and distinct, so two specs of the same columns are equal.
 *
 * @param wildcard whether this is a wildcard
 * @param names the excluded columns of a wildcard, or the included columns of a list (never empty)
 */
public record ColumnSpec(boolean wildcard, List<String> names) {
  public ColumnSpec {
    names = List.copyOf(new TreeSet<>(names));
    if (!wildcard && names.isEmpty()) {
      throw new IllegalArgumentException("a column list needs at least one column");
    }
  }

  /** Every column but these. */
  public static ColumnSpec allExcept(List<String> excluded) {
    return new ColumnSpec(true, excluded);
  }

  /** Exactly these columns. */
  public static ColumnSpec only(List<String> included) {
    return new ColumnSpec(false, included);
  }

  /** The included columns of a list; empty for a wildcard. */
  public List<String> columnNames() {
    return wildcard ? List.of() : names;
  }

  /** The excluded columns of a wildcard; empty for a list. */
  public List<String> excludedColumnNames() {
    return wildcard ? names : List.of();
  }
}
