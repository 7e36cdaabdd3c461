package io.tributary.policies.grant;

import io.tributary.policies.trino.DomainAccess;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The meaning of grants, written once: what one caller sees of one product at one instant. Every
 * engine's compiled rules (Trino's, Lake Formation's) are tested against it.
 *
 * <ol>
 *   <li>The owners and members of the product's domain see every column as stored and every row,
 *       whatever the grants say ({@link Basis#DOMAIN}).
 *   <li>Anyone else gets the union of the grants that apply to them: on this product, for their
 *       user or one of their groups, and not expired ({@link Grant#isActiveAt}: a grant expiring at
 *       10:00 no longer applies at 10:00). A column is visible if any of those grants shows it; it
 *       is masked only if every one of them that shows it masks it, then with the least restrictive
 *       of their masks (hash, then redact, then null); a row is visible if any of them lets it
 *       through, and a grant without a row filter lets every row through ({@link GrantUnion}).
 *   <li>Without any applicable grant there is no access at all: no column, no row ({@link
 *       Basis#NONE}).
 * </ol>
 *
 * <p>Row filters read the stored values, never the masked ones, as Trino applies row filters before
 * column masks. Masked values are those of {@link Mask#apply}. The platform's administrators and
 * its service user are not covered: they hold every privilege in every engine.
 *
 * <pre>{@code
 * AccessEvaluator access = AccessEvaluator.evaluate(caller, columns, domain, grants, Instant.now());
 * access.visibleColumns();     // [order_id, amount, customer_email]
 * access.masks();              // {customer_email=HASH}
 * access.apply(row);           // Optional[{order_id=1, amount=10.00, customer_email=5e88...}]
 * }</pre>
 */
public final class AccessEvaluator {

  /** Why the caller sees what they see. */
  public enum Basis {
    /** An owner or member of the product's domain: everything. */
    DOMAIN,
    /** The union of the caller's applicable grants. */
    GRANTS,
    /** No access. */
    NONE
  }

  private final ProductColumns table;
  private final Basis basis;
  private final List<Grant> applicableGrants;
  private final List<String> visibleColumns;
  private final Map<String, Mask> masks;

  private AccessEvaluator(
      ProductColumns table,
      Basis basis,
      List<Grant> applicableGrants,
      List<String> visibleColumns,
      Map<String, Mask> masks) {
    this.table = table;
    this.basis = basis;
    this.applicableGrants = applicableGrants;
    this.visibleColumns = visibleColumns;
    this.masks = masks;
  }

  /**
   * What the caller sees of the product at that instant.
   *
   * @param caller the user and their groups
   * @param table the product and its columns
   * @param domain the owners and members of the product's domain
   * @param grants grants of any product; those on other products, for other principals or expired
   *     at {@code instant} are ignored
   * @param instant when the caller reads
   * @throws IllegalArgumentException when {@code domain} is not the product's domain
   */
  public static AccessEvaluator evaluate(
      Caller caller,
      ProductColumns table,
      DomainAccess domain,
      Collection<Grant> grants,
      Instant instant) {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(instant, "instant");
    if (!domain.domain().equals(table.product().domain())) {
      throw new IllegalArgumentException(
          "%s belongs to domain %s, not %s"
              .formatted(table.product(), table.product().domain(), domain.domain()));
    }
    if (isOwnerOrMember(caller, domain)) {
      return new AccessEvaluator(table, Basis.DOMAIN, List.of(), table.names(), Map.of());
    }
    List<Grant> applicable =
        grants.stream().filter(grant -> grant.appliesTo(caller, table.product(), instant)).toList();
    if (applicable.isEmpty()) {
      return new AccessEvaluator(table, Basis.NONE, List.of(), List.of(), Map.of());
    }
    GrantUnion union = GrantUnion.of(table, applicable);
    return new AccessEvaluator(
        table, Basis.GRANTS, applicable, union.visibleColumns(), union.masks());
  }

  private static boolean isOwnerOrMember(Caller caller, DomainAccess domain) {
    return caller.groups().stream()
        .anyMatch(
            group -> domain.ownerGroups().contains(group) || domain.memberGroups().contains(group));
  }

  public Basis basis() {
    return basis;
  }

  /** Whether the caller may read the product at all. */
  public boolean hasAccess() {
    return basis != Basis.NONE;
  }

  /** The grants that apply to the caller; empty for domain owners and members. */
  public List<Grant> applicableGrants() {
    return applicableGrants;
  }

  /** The columns the caller sees, in table order. */
  public List<String> visibleColumns() {
    return visibleColumns;
  }

  /** The visible columns the caller sees masked, and how. */
  public Map<String, Mask> masks() {
    return masks;
  }

  /** The mask on a column; empty when the column is shown as stored, or not shown at all. */
  public Optional<Mask> maskOf(String column) {
    return Optional.ofNullable(masks.get(column));
  }

  /**
   * Whether the caller sees this row: always for domain owners and members, never without access,
   * and otherwise when any applicable grant lets it through.
   *
   * @param row the stored values by column name, at least every column a row filter reads
   */
  public boolean passes(Map<String, ?> row) {
    return switch (basis) {
      case DOMAIN -> true;
      case NONE -> false;
      case GRANTS -> applicableGrants.stream().anyMatch(grant -> grant.passes(row));
    };
  }

  /**
   * The row as the caller reads it: only the visible columns, in table order, masked values
   * computed; empty when the caller does not see the row. What an engine returns for {@code SELECT
   * *} must equal it.
   *
   * @param row the stored values of every column, by name; null for SQL NULL
   * @throws IllegalArgumentException when the row lacks a visible column
   */
  public Optional<Map<String, Object>> apply(Map<String, ?> row) {
    if (!passes(row)) {
      return Optional.empty();
    }
    Map<String, Object> visible = new LinkedHashMap<>();
    for (String column : visibleColumns) {
      if (!row.containsKey(column)) {
        throw new IllegalArgumentException("the row has no column '" + column + "'");
      }
      Object value = row.get(column);
      Mask mask = masks.get(column);
      visible.put(
          column, mask == null ? value : mask.apply(value, table.type(column).orElseThrow()));
    }
    return Optional.of(visible);
  }
}
