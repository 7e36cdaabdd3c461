package io.tributary.platform.declaration;

import java.util.Locale;
import java.util.Objects;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortDirection;

/**
 * One sort key, declared as {@code "column [asc|desc] [nulls first|nulls last]"}. Without a
 * direction it is ascending; without a null order it takes Iceberg's default for the direction
 * (nulls first when ascending, nulls last when descending), so {@code "a desc"} and {@code "a desc
 * nulls last"} are the same field.
 */
public record SortField(String column, SortDirection direction, NullOrder nullOrder) {

  public SortField {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(nullOrder, "nullOrder");
  }

  /**
   * Reads one sort key's text.
   *
   * @throws IllegalArgumentException naming the text and the accepted form
   */
  public static SortField parse(String text) {
    String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    String column = text.trim().split("\\s+")[0];
    if (text.isBlank() || !column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw invalid(text);
    }
    SortDirection direction = SortDirection.ASC;
    int next = 1;
    if (next < words.length && (words[next].equals("asc") || words[next].equals("desc"))) {
      direction = words[next].equals("asc") ? SortDirection.ASC : SortDirection.DESC;
      next++;
    }
    NullOrder nullOrder =
        direction == SortDirection.ASC ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
    if (next < words.length) {
      if (words.length != next + 2 || !words[next].equals("nulls")) {
        throw invalid(text);
      }
      nullOrder =
          switch (words[next + 1]) {
            case "first" -> NullOrder.NULLS_FIRST;
            case "last" -> NullOrder.NULLS_LAST;
            default -> throw invalid(text);
          };
    }
    return new SortField(column, direction, nullOrder);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a sort key; expected \"column [asc|desc] [nulls first|nulls last]\"");
  }

  /** The canonical declaration text, always with direction and null order. */
  @Override
  public String toString() {
    return column
        + " "
        + direction.name().toLowerCase(Locale.ROOT)
        + (nullOrder == NullOrder.NULLS_FIRST ? " nulls first" : " nulls last");
  }
}
