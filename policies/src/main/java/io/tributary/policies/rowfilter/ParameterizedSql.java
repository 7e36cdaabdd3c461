package io.tributary.policies.rowfilter;

import java.util.List;
import java.util.Objects;

/**
 * A row filter as SQL with {@code ?} placeholders, and the values to bind to them in order, so that
 * no text a user wrote is ever concatenated into a statement.
 *
 * @param sql a boolean SQL expression, wrapped in parentheses so it can be joined with other
 *     conditions safely
 * @param parameters one value per placeholder: Long, BigDecimal, String, Boolean, LocalDate or
 *     LocalDateTime, as {@code PreparedStatement.setObject} takes them
 */
public record ParameterizedSql(String sql, List<Object> parameters) {
  public ParameterizedSql {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
  }
}
