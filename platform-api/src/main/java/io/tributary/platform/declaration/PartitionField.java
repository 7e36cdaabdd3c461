package io.tributary.platform.declaration;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One partition field, declared as text: a bare column name (identity), {@code identity(c)}, {@code
 * year(c)}, {@code month(c)}, {@code day(c)}, {@code hour(c)}, {@code bucket[N](c)} or {@code
 * truncate[W](c)}. Only top-level columns can be partitioned on.
 *
 * @param transform the Iceberg transform
 * @param argument the bucket count or the truncate width; 0 for the transforms that take none
 * @param column the source column
 */
public record PartitionField(PartitionTransform transform, int argument, String column) {

  private static final Pattern BARE_COLUMN = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");
  private static final Pattern WITHOUT_ARGUMENT =
      Pattern.compile("\\s*([a-z]+)\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*");
  private static final Pattern WITH_ARGUMENT =
      Pattern.compile(
          "\\s*([a-z]+)\\s*\\[\\s*([0-9]{1,9})\\s*]\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*");

  public PartitionField {
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(column, "column");
    if (transform.takesArgument() != (argument > 0)) {
      throw new IllegalArgumentException(
          transform.takesArgument()
              ? transform.declaredName() + " needs a positive number, got " + argument
              : transform.declaredName() + " takes no number");
    }
  }

  /**
   * Reads one partition field's text.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static PartitionField parse(String text) {
    Matcher bare = BARE_COLUMN.matcher(text);
    if (bare.matches()) {
      return new PartitionField(PartitionTransform.IDENTITY, 0, bare.group(1));
    }
    Matcher withoutArgument = WITHOUT_ARGUMENT.matcher(text);
    if (withoutArgument.matches()) {
      PartitionTransform transform = transformNamed(withoutArgument.group(1), text);
      if (transform.takesArgument()) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' needs a number: write "
                + transform.declaredName()
                + "[N]("
                + withoutArgument.group(2)
                + ")");
      }
      return new PartitionField(transform, 0, withoutArgument.group(2));
    }
    Matcher withArgument = WITH_ARGUMENT.matcher(text);
    if (withArgument.matches()) {
      PartitionTransform transform = transformNamed(withArgument.group(1), text);
      if (!transform.takesArgument()) {
        throw new IllegalArgumentException(
            "'" + text + "': " + transform.declaredName() + " takes no number in brackets");
      }
      int argument = Integer.parseInt(withArgument.group(2));
      if (argument < 1) {
        throw new IllegalArgumentException(
            "'" + text + "': " + transform.declaredName() + " needs a number of at least 1");
      }
      return new PartitionField(transform, argument, withArgument.group(3));
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not a partition field; expected a column name or one of year(c), month(c),"
            + " day(c), hour(c), bucket[N](c), truncate[W](c), identity(c)");
  }

  private static PartitionTransform transformNamed(String name, String text) {
    for (PartitionTransform transform : PartitionTransform.values()) {
      if (transform.declaredName().equals(name)) {
        return transform;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' uses unknown partition transform '"
            + name
            + "'; expected identity, year, month, day, hour, bucket[N] or truncate[W]");
  }

  /** The transform as Iceberg names it: {@code day}, {@code bucket[16]}, {@code identity}. */
  public String icebergTransform() {
    return transform.takesArgument()
        ? transform.declaredName() + "[" + argument + "]"
        : transform.declaredName();
  }

  /** The canonical declaration text: {@code order_id}, {@code day(ordered_at)}, ... */
  @Override
  public String toString() {
    return transform == PartitionTransform.IDENTITY
        ? column
        : icebergTransform() + "(" + column + ")";
  }
}
