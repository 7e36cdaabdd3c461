package io.tributary.platform.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL whose values are {@code ?} placeholders, with the values to bind in order. User
 * text never becomes SQL text: only validated, quoted identifiers and placeholders do.
 *
 * @param sql the SQL text, for example {@code "region" = ?}; empty for no condition
 * @param parameters one value per {@code ?}, in order (may hold {@code null})
 */
public record SqlFragment(String sql, List<Object> parameters) {
  /** No condition at all. */
  public static final SqlFragment EMPTY = new SqlFragment("", List.of());

  public SqlFragment {
    Objects.requireNonNull(sql, "sql");
    // List.copyOf refuses nulls, and SQL NULL is a value a filter may bind.
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  public boolean isEmpty() {
    return sql.isBlank();
  }
}
