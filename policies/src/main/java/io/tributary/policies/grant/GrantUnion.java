package io.tributary.policies.grant;

import io.tributary.policies.rowfilter.RowFilter;
import io.tributary.policies.rowfilter.RowFilterExpression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What several grants on one product give together, the union the {@link AccessEvaluator} defines:
 *
 * <ul>
 *   <li>a column is visible when any grant shows it, hidden when none does;
 *   <li>a visible column is masked only when every grant showing it masks it, and then with the
 *       least restrictive of their masks ({@link Mask#leastRestrictive}: hash, then redact, then
 *       null); one grant showing it as stored is enough to see it as stored;
 *   <li>a row is visible when any grant lets it through; a grant without a row filter lets every
 *       row through, so the union's filter is then none, and otherwise the OR of the distinct
 *       filters.
 * </ul>
 *
 * <p>Columns and rows are united separately, not cell by cell: a column one grant shows and a row
 * only another grant lets through are both visible, together. An engine rule holds one column list
 * and one filter, so this is what Trino can enforce; declare grants with that in mind.
 */
public final class GrantUnion {
  private final ProductColumns table;
  private final List<Grant> grants;
  private final List<String> visibleColumns;
  private final Map<String, Mask> masks;
  private final Optional<RowFilter> rowFilter;

  private GrantUnion(ProductColumns table, List<Grant> grants) {
    this.table = table;
    this.grants = grants;
    List<String> visible = new ArrayList<>();
    Map<String, Mask> masked = new LinkedHashMap<>();
    for (String column : table.names()) {
      List<Grant> showing = grants.stream().filter(grant -> grant.shows(column)).toList();
      if (showing.isEmpty()) {
        continue;
      }
      visible.add(column);
      if (showing.stream().allMatch(grant -> grant.maskOf(column).isPresent())) {
        masked.put(
            column,
            showing.stream()
                .map(grant -> grant.maskOf(column).orElseThrow())
                .reduce(Mask::leastRestrictive)
                .orElseThrow());
      }
    }
    this.visibleColumns = List.copyOf(visible);
    this.masks = Collections.unmodifiableMap(masked);
    this.rowFilter = unitedFilter(grants);
  }

  /**
   * The union of these grants on this product.
   *
   * @throws IllegalArgumentException when there is no grant or a grant is on another product
   */
  public static GrantUnion of(ProductColumns table, Collection<Grant> grants) {
    if (grants.isEmpty()) {
      throw new IllegalArgumentException("a union needs at least one grant");
    }
    for (Grant grant : grants) {
      if (!grant.product().equals(table.product())) {
        throw new IllegalArgumentException(
            "a grant on %s cannot apply to %s".formatted(grant.product(), table.product()));
      }
    }
    return new GrantUnion(table, List.copyOf(grants));
  }

  private static Optional<RowFilter> unitedFilter(List<Grant> grants) {
    if (grants.stream().anyMatch(grant -> grant.rowFilter().isEmpty())) {
      return Optional.empty();
    }
    // Sorted by text and without duplicates, so the same grants give the same rule in any order.
    TreeMap<String, RowFilter> distinct = new TreeMap<>(Comparator.naturalOrder());
    grants.forEach(
        grant -> {
          RowFilter filter = grant.rowFilter().orElseThrow();
          distinct.putIfAbsent(filter.toSqlText(), filter);
        });
    if (distinct.size() == 1) {
      return Optional.of(distinct.firstEntry().getValue());
    }
    List<RowFilterExpression> operands =
        distinct.values().stream().map(RowFilter::expression).toList();
    return Optional.of(RowFilter.of(new RowFilterExpression.Or(operands)));
  }

  public ProductColumns table() {
    return table;
  }

  /** The united grants. */
  public List<Grant> grants() {
    return grants;
  }

  /** The visible columns, in table order. */
  public List<String> visibleColumns() {
    return visibleColumns;
  }

  /** The columns no grant shows, in table order. */
  public List<String> hiddenColumns() {
    return table.names().stream().filter(column -> !visibleColumns.contains(column)).toList();
  }

  /** The masked visible columns and their masks, in table order. */
  public Map<String, Mask> masks() {
    return masks;
  }

  /** The filter rows must pass: empty when every row is visible. */
  public Optional<RowFilter> rowFilter() {
    return rowFilter;
  }
}
