package io.tributary.platform.query;

import java.util.Set;

/**
 * The port to the SQL engine for reading products. Every read runs as the caller, so the engine's
 * access rules (Trino's, or Lake Formation's under Athena) are the one place access is enforced.
 */
public interface QueryEngine {

  /**
   * Opens one page of a table's rows, as the user sees them.
   *
   * @param user the end user the engine runs the query as
   * @param groups the user's groups: an engine that acts through per-principal roles (Athena)
   *     chooses among them; one that impersonates the user (Trino) has its own group file
   * @param table the product's table
   * @param request the validated request
   * @return the page; the caller must close it
   * @throws InvalidParameterException when the request does not fit the table (unknown column, a
   *     page token of another query, a version the table does not have)
   * @throws QueryDeniedException when the engine's rules refuse the user
   * @throws TableNotFoundException when the table does not exist
   * @throws EngineFailureException when the engine fails otherwise
   */
  DataPage read(String user, Set<String> groups, TableReference table, ReadRequest request);
}
