package io.tributary.platform.declaration;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may read which columns and rows of a product, until when, for what purpose.
 *
 * <pre>
 * - principal: group:finance                       # required: group:NAME or user:NAME
 *   columns: {include: [order_id, amount]}         # optional, default all; or {exclude: [...]}
 *   masks: {customer_email: hash}                  # optional: redact | hash | null
 *   rowFilter: "amount > 100"                      # optional; parsed by the policies module
 *   expires: 2027-01-01T00:00:00Z                  # optional ISO-8601 instant with a zone
 *   purpose: quarterly revenue report              # optional
 * </pre>
 *
 * @param masks column to mask kind, in declared order; a mask on a column the grant does not show
 *     has no effect
 * @param rowFilter kept as text: the row-filter language belongs to the policies module
 */
public record Grant(
    Principal principal,
    ColumnSelection columns,
    Map<String, MaskKind> masks,
    Optional<String> rowFilter,
    Optional<Instant> expires,
    Optional<String> purpose) {

  public Grant {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(columns, "columns");
    masks = Collections.unmodifiableMap(new LinkedHashMap<>(masks));
    Objects.requireNonNull(rowFilter, "rowFilter");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(purpose, "purpose");
  }
}
