package io.tributary.platform.query;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SQL identifiers built from outside text. Only plain names pass, and they are always
 * double-quoted, so a name can never end the identifier and start SQL of its own.
 */
public final class Identifiers {
  /**
   * Iceberg column names as Trino exposes them: Trino folds names to lower case, so an upper-case
   * spelling names the same column.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Identifiers() {}

  /** Whether the text is a plain identifier. */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The name in the engine's spelling (lower case), or an exception naming the parameter. */
  public static String requireValid(String name, String parameter) {
    if (!isValid(name)) {
      throw new InvalidParameterException(
          parameter,
          "'%s' is not a column name: use letters, digits and '_', starting with a letter or '_'"
              .formatted(name));
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * The identifier in double quotes, inner quotes doubled. Names reaching here are validated
   * already; doubling keeps even a name read from the engine's own metadata harmless.
   */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
