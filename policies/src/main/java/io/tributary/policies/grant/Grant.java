package io.tributary.policies.grant;

import io.tributary.policies.rowfilter.ColumnKind;
import io.tributary.policies.rowfilter.RowFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may read which columns and rows of one product, until when, for what purpose (DESIGN section
 * 4, {@code access.grants}).
 *
 * @param principal the group or user the grant is for
 * @param product the product it opens
 * @param columns which columns it shows
 * @param masks column to mask, in declared order; a mask on a column the grant does not show has no
 *     effect
 * @param rowFilter the rows it shows; empty for every row
 * @param expires the instant from which the grant no longer applies; empty for never
 * @param purpose why the grantee reads the product, for the audit trail
 * @param source the declaration or the approved access request the grant comes from
 */
public record Grant(
    Principal principal,
    ProductName product,
    ColumnSelection columns,
    Map<String, Mask> masks,
    Optional<RowFilter> rowFilter,
    Optional<Instant> expires,
    Optional<String> purpose,
    GrantSource source) {

  public Grant {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(columns, "columns");
    masks.forEach(
        (column, mask) -> {
          Objects.requireNonNull(column, "masked column");
          Objects.requireNonNull(mask, "mask of column " + column);
        });
    masks = Collections.unmodifiableMap(new LinkedHashMap<>(masks));
    Objects.requireNonNull(rowFilter, "rowFilter");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(source, "source");
  }

  /** Starts a grant of every column and row, declared, never expiring. */
  public static Builder to(Principal principal, ProductName product) {
    return new Builder(principal, product);
  }

  /** {@link #to(Principal, ProductName)} from {@code group:NAME} and {@code domain.product}. */
  public static Builder to(String principal, String product) {
    return new Builder(Principal.parse(principal), ProductName.parse(product));
  }

  /** Whether the grant still applies at that instant: it expires at {@link #expires} exactly. */
  public boolean isActiveAt(Instant instant) {
    return expires.map(instant::isBefore).orElse(true);
  }

  /** Whether the grant applies to this caller on this product at that instant. */
  public boolean appliesTo(Caller caller, ProductName product, Instant instant) {
    return this.product.equals(product) && principal.includes(caller) && isActiveAt(instant);
  }

  /** Whether the grant shows the column (whether masked or not). */
  public boolean shows(String column) {
    return columns.shows(column);
  }

  /** The mask the grant puts on a column it shows; empty when it shows it as stored. */
  public Optional<Mask> maskOf(String column) {
    return shows(column) ? Optional.ofNullable(masks.get(column)) : Optional.empty();
  }

  /** Whether the grant lets this row through: always without a row filter. */
  public boolean passes(Map<String, ?> row) {
    return rowFilter.map(filter -> filter.matches(row)).orElse(true);
  }

  /**
   * Every problem with applying this grant to the product: another product, columns the product
   * does not have (in the selection, the masks or the row filter), a row filter that does not fit
   * the columns' types, and {@code hash} on a column that is not a string (where it can only give
   * NULL). Empty when the grant fits.
   */
  public List<String> check(ProductColumns table) {
    List<String> problems = new ArrayList<>();
    if (!table.product().equals(product)) {
      problems.add("the grant is on %s, not on %s".formatted(product, table.product()));
    }
    String selection = columns instanceof ColumnSelection.Include ? "include" : "exclude";
    for (String column : columns.columns()) {
      if (!table.has(column)) {
        problems.add("columns.%s: unknown column '%s'".formatted(selection, column));
      }
    }
    masks.forEach(
        (column, mask) -> {
          Optional<String> type = table.type(column);
          if (type.isEmpty()) {
            problems.add("masks: unknown column '%s'".formatted(column));
          } else if (mask == Mask.HASH
              && ColumnKind.ofIcebergType(type.get()) != ColumnKind.STRING) {
            problems.add(
                ("masks: hash applies to string columns only, and column '%s' is %s;"
                        + " use null or redact")
                    .formatted(column, type.get()));
          }
        });
    rowFilter.ifPresent(
        filter ->
            filter.check(table.kinds()).forEach(problem -> problems.add("rowFilter: " + problem)));
    return problems;
  }

  /**
   * This grant, if it fits the product.
   *
   * @throws IllegalArgumentException listing every problem {@link #check} finds
   */
  public Grant requireValid(ProductColumns table) {
    List<String> problems = check(table);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "grant to %s on %s: %s".formatted(principal, product, String.join("; ", problems)));
    }
    return this;
  }

  /**
   * The first instant after {@code now} at which one of these grants expires: when the compiled
   * rules must be compiled again so that the expiry reaches every engine.
   */
  public static Optional<Instant> nextExpiry(Collection<Grant> grants, Instant now) {
    return grants.stream()
        .flatMap(grant -> grant.expires().stream())
        .filter(now::isBefore)
        .min(Instant::compareTo);
  }

  /** Builds a {@link Grant}; what is not set is the default of the declarations. */
  public static final class Builder {
    private final Principal principal;
    private final ProductName product;
    private ColumnSelection columns = ColumnSelection.all();
    private final Map<String, Mask> masks = new LinkedHashMap<>();
    private RowFilter rowFilter;
    private Instant expires;
    private String purpose;
    private GrantSource source = GrantSource.declared();

    private Builder(Principal principal, ProductName product) {
      this.principal = principal;
      this.product = product;
    }

    public Builder columns(ColumnSelection columns) {
      this.columns = columns;
      return this;
    }

    public Builder mask(String column, Mask mask) {
      masks.put(column, mask);
      return this;
    }

    public Builder rowFilter(RowFilter rowFilter) {
      this.rowFilter = rowFilter;
      return this;
    }

    /** Parses the filter with {@link RowFilter#parse}. */
    public Builder rowFilter(String rowFilter) {
      return rowFilter(RowFilter.parse(rowFilter));
    }

    public Builder expires(Instant expires) {
      this.expires = expires;
      return this;
    }

    public Builder purpose(String purpose) {
      this.purpose = purpose;
      return this;
    }

    public Builder source(GrantSource source) {
      this.source = source;
      return this;
    }

    public Grant build() {
      return new Grant(
          principal,
          product,
          columns,
          masks,
          Optional.ofNullable(rowFilter),
          Optional.ofNullable(expires),
          Optional.ofNullable(purpose),
          source);
    }
  }
}
