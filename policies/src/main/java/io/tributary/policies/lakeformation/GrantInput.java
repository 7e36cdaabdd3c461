package io.tributary.policies.lakeformation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One grant of a product, as declared (DESIGN section 4).
 *
 * @param principal {@code group:NAME} or {@code user:NAME}
 * @param columns which columns the grant declares
 * @param masks masked columns; Lake Formation excludes them instead
 * @param rowFilter the row filter in the portable language, or null for every row
 * @param expires when the grant ends, or null when it does not; an expired grant is absent
 * @param purpose why the grant exists; kept for the record, it changes nothing in Lake Formation
 */
public record GrantInput(
    String principal,
    ColumnSelection columns,
    Map<String, Mask> masks,
    String rowFilter,
    Instant expires,
    String purpose) {
  public GrantInput {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(columns, "columns");
    masks = Map.copyOf(masks == null ? Map.of() : masks);
  }

  /** A grant of these columns, without masks, row filter or expiry. */
  public static GrantInput of(String principal, ColumnSelection columns) {
    return new GrantInput(principal, columns, Map.of(), null, null, null);
  }

  public GrantInput withMasks(Map<String, Mask> masks) {
    return new GrantInput(principal, columns, masks, rowFilter, expires, purpose);
  }

  public GrantInput withRowFilter(String rowFilter) {
    return new GrantInput(principal, columns, masks, rowFilter, expires, purpose);
  }

  public GrantInput withExpiry(Instant expires) {
    return new GrantInput(principal, columns, masks, rowFilter, expires, purpose);
  }

  public GrantInput withPurpose(String purpose) {
    return new GrantInput(principal, columns, masks, rowFilter, expires, purpose);
  }
}
