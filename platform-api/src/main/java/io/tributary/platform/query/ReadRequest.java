package io.tributary.platform.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One page's worth of a product's rows, as the client asked for them, validated.
 *
 * @param columns the columns to return, in order; empty for every column the caller may see
 * @param filter the row filter in the portable row-filter language; empty for none
 * @param limit the most rows the page holds
 * @param asOf the table version to read; absent for the current one
 * @param pageToken where to continue a previous read; absent for its first page
 */
public record ReadRequest(
    List<String> columns,
    String filter,
    int limit,
    Optional<AsOf> asOf,
    Optional<PageToken> pageToken) {

  /** The query parameters' names, which errors name. */
  public static final String COLUMNS = "columns";

  public static final String FILTER = "filter";
  public static final String LIMIT = "limit";
  public static final String AS_OF = "asOf";
  public static final String PAGE_TOKEN = "pageToken";

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAXIMUM_LIMIT = 10_000;

  /** Long enough for any sensible filter, short enough that nobody ships a query in a URL. */
  private static final int MAXIMUM_FILTER_LENGTH = 4_096;

  public ReadRequest {
    columns = List.copyOf(columns);
    if (limit < 1 || limit > MAXIMUM_LIMIT) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
  }

  /**
   * Validates the raw query parameters; each may be {@code null} when absent.
   *
   * @throws InvalidParameterException naming the first parameter that is not valid
   */
  public static ReadRequest parse(
      String columns, String filter, String limit, String asOf, String pageToken) {
    return new ReadRequest(
        parseColumns(columns),
        parseFilter(filter),
        parseLimit(limit),
        isAbsent(asOf) ? Optional.empty() : Optional.of(AsOf.parse(asOf.strip())),
        isAbsent(pageToken) ? Optional.empty() : Optional.of(PageToken.decode(pageToken.strip())));
  }

  /**
   * Identifies the rows this read selects, whatever page it is on: the table, columns, filter and
   * version. The limit is left out on purpose: pages continue by offset, so a client may change its
   * page size between pages without skipping or repeating a row.
   */
  public String identity(TableReference table) {
    // Unit and record separators cannot occur in names, and keep a filter from posing as a column.
    return String.join(
        "\u001e",
        table.displayName(),
        String.join("\u001f", columns),
        filter,
        asOf.map(AsOf::canonical).orElse(""));
  }

  private static List<String> parseColumns(String text) {
    if (isAbsent(text)) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String name = Identifiers.requireValid(part.strip(), COLUMNS);
      if (!names.add(name)) {
        duplicates.add(name);
      }
    }
    if (!duplicates.isEmpty()) {
      throw new InvalidParameterException(
          COLUMNS, "names %s more than once".formatted(String.join(", ", duplicates)));
    }
    return List.copyOf(names);
  }

  private static String parseFilter(String text) {
    if (isAbsent(text)) {
      return "";
    }
    if (text.length() > MAXIMUM_FILTER_LENGTH) {
      throw new InvalidParameterException(
          FILTER, "is longer than %d characters".formatted(MAXIMUM_FILTER_LENGTH));
    }
    return text.strip();
  }

  private static int parseLimit(String text) {
    if (isAbsent(text)) {
      return DEFAULT_LIMIT;
    }
    String digits = text.strip();
    if (digits.matches("[0-9]{1,9}")) {
      int limit = Integer.parseInt(digits);
      if (limit >= 1 && limit <= MAXIMUM_LIMIT) {
        return limit;
      }
    }
    throw new InvalidParameterException(
        LIMIT, "'%s' is not a whole number from 1 to %d".formatted(text, MAXIMUM_LIMIT));
  }

  private static boolean isAbsent(String text) {
    return text == null || text.isBlank();
  }
}
