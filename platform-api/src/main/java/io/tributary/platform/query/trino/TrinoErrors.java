package io.tributary.platform.query.trino;

import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.QueryDeniedException;
import io.tributary.platform.query.QueryException;
import io.tributary.platform.query.TableNotFoundException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** Turns trino-jdbc's failures into the query port's typed errors. */
final class TrinoErrors {
  /**
   * How Trino refuses: "Access Denied" for a relation the user may see but not read, "Relation not
   * found or not allowed" for one the rules hide from them altogether.
   */
  private static final Pattern DENIAL =
      Pattern.compile("Access Denied|Relation not found or not allowed");

  private static final Pattern MISSING =
      Pattern.compile("(Table|Schema|Catalog) '[^']*' does not exist");

  /** Trino's Iceberg connector spells it "does not exists" in 476; either spelling matches. */
  private static final Pattern UNKNOWN_SNAPSHOT =
      Pattern.compile("snapshot ID does not exist", Pattern.CASE_INSENSITIVE);

  /** trino-jdbc prefixes every failure with the query id, which means nothing to API clients. */
  private static final Pattern QUERY_ID_PREFIX = Pattern.compile("^Query failed \\(#[^)]*\\):\\s*");

  private TrinoErrors() {}

  /**
   * A failure of a query run as the caller: a refusal by the rules is the caller's to fix (403),
   * anything else the engine's.
   */
  static QueryException ofCallerQuery(SQLException failure) {
    String message = message(failure);
    if (DENIAL.matcher(message).find()) {
      return new QueryDeniedException(message, failure);
    }
    return ofServiceQuery(failure);
  }

  /**
   * A failure of a query the platform runs as its service user. A refusal here means the rules do
   * not give the platform what it needs, which is no fault of the caller's: an engine failure.
   */
  static QueryException ofServiceQuery(SQLException failure) {
    String message = message(failure);
    if (MISSING.matcher(message).find()) {
      return new TableNotFoundException(message, failure);
    }
    return new EngineFailureException(message, failure);
  }

  /** Whether the query named a snapshot the table does not have (any more). */
  static boolean isUnknownSnapshot(SQLException failure) {
    return UNKNOWN_SNAPSHOT.matcher(message(failure)).find();
  }

  private static String message(SQLException failure) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return QUERY_ID_PREFIX.matcher(message).replaceFirst("");
  }
}
