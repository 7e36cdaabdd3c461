package io.tributary.policies.lakeformation;

import io.tributary.policies.lakeformation.LakeFormationNote.ExpiredGrantOmitted;
import io.tributary.policies.lakeformation.LakeFormationNote.GrantWithoutColumnsOmitted;
import io.tributary.policies.lakeformation.LakeFormationNote.MaskedColumnExcluded;
import io.tributary.policies.rowfilter.ColumnKind;
import io.tributary.policies.rowfilter.RowFilter;
import io.tributary.policies.rowfilter.RowFilterException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compiles products and their grants into what Lake Formation enforces (DESIGN section 5):
 *
 * <ul>
 *   <li>a grant without row filter becomes {@code SELECT} on a {@code TableWithColumns} resource:
 *       the include list as {@code ColumnNames}, all columns or an exclude list as a {@code
 *       ColumnWildcard} with {@code ExcludedColumnNames};
 *   <li>a grant with a row filter becomes a data cells filter with the filter's canonical text and
 *       the same columns, and {@code SELECT} on that filter;
 *   <li>a masked column becomes an excluded column, noted as {@link MaskedColumnExcluded}: Lake
 *       Formation has no masks, and hiding the column is stricter, never looser;
 *   <li>an expired grant is left out, so reconciling revokes it;
 *   <li>tables get the {@code domain} and {@code zone} LF-Tags, classified columns the {@code
 *       classification} LF-Tag.
 * </ul>
 *
 * <p>Anything Lake Formation cannot express as declared is refused with every problem listed, never
 * compiled into something looser.
 */
public final class LakeFormationCompiler {
  /** The LF-Tag key naming a product's domain. */
  public static final String DOMAIN_TAG = "domain";

  /** The LF-Tag key naming a product's zone. */
  public static final String ZONE_TAG = "zone";

  /** The LF-Tag key naming a column's classification. */
  public static final String CLASSIFICATION_TAG = "classification";

  /** The zones, in lifecycle order; every one is a value of the {@code zone} LF-Tag. */
  public static final List<String> ZONES = List.of("raw", "curated", "analytics");

  private final String catalogId;
  private final Function<String, String> principals;
  private final Clock clock;

  /**
   * @param catalogId the AWS account id, which is the Data Catalog id
   * @param principals maps a platform principal ({@code group:NAME}, {@code user:NAME}) to its IAM
   *     role ARN or IAM Identity Center ARN; null when it has none
   * @param clock decides which grants have expired
   */
  public LakeFormationCompiler(String catalogId, Function<String, String> principals, Clock clock) {
    if (!LakeFormationNames.isAccountId(catalogId)) {
      throw new IllegalArgumentException(
          "the catalog id must be a 12-digit AWS account id, not '" + catalogId + "'");
    }
    this.catalogId = catalogId;
    this.principals = Objects.requireNonNull(principals, "principals");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A compiler whose principals come from a map. */
  public LakeFormationCompiler(String catalogId, Map<String, String> principals, Clock clock) {
    this(catalogId, Map.copyOf(principals)::get, clock);
  }

  /**
   * The plan for these products.
   *
   * @throws LakeFormationCompileException listing every problem of every product
   */
  public LakeFormationPlan compile(List<ProductInput> products) {
    Instant now = clock.instant();
    Compilation compilation = new Compilation();
    Set<String> seen = new HashSet<>();
    for (ProductInput product : products) {
      if (!seen.add(product.qualifiedName())) {
        compilation.problems.add(product.qualifiedName() + ": the product is listed twice");
        continue;
      }
      compileProduct(product, now, compilation);
    }
    if (!compilation.problems.isEmpty()) {
      throw new LakeFormationCompileException(compilation.problems);
    }
    return compilation.plan(catalogId);
  }

  private void compileProduct(ProductInput product, Instant now, Compilation compilation) {
    String name = product.qualifiedName();
    List<String> problems = compilation.problems;
    int problemsBefore = problems.size();
    if (!LakeFormationNames.isDomainOrProductName(product.domain())) {
      problems.add(name + ": domain '" + product.domain() + "' is not [a-z][a-z0-9_]{1,62}");
    }
    if (!LakeFormationNames.isDomainOrProductName(product.product())) {
      problems.add(name + ": product '" + product.product() + "' is not [a-z][a-z0-9_]{1,62}");
    }
    if (!ZONES.contains(product.zone())) {
      problems.add(name + ": zone '" + product.zone() + "' is not one of raw, curated, analytics");
    }
    Map<String, ColumnInput> columns = new LinkedHashMap<>();
    for (ColumnInput column : product.columns()) {
      if (!LakeFormationNames.isName(column.name())) {
        problems.add(name + ": column name '" + column.name() + "' is not a valid Glue name");
      } else if (columns.putIfAbsent(column.name(), column) != null) {
        problems.add(name + ": column '" + column.name() + "' is declared twice");
      }
      if (column.classification() != null
          && !LakeFormationNames.isTagValue(column.classification())) {
        problems.add(
            name
                + ": classification '"
                + column.classification()
                + "' of column '"
                + column.name()
                + "' is not a valid LF-Tag value (1 to 256 letters, digits, spaces or _.:*/=+-@%)");
      }
    }
    if (columns.isEmpty()) {
      problems.add(name + ": the product has no columns");
    }
    for (String partition : product.partitionColumns()) {
      if (!columns.containsKey(partition)) {
        problems.add(name + ": partition column '" + partition + "' is not a column");
      }
    }
    if (problems.size() > problemsBefore) {
      return;
    }

    TableResource table = new TableResource(catalogId, product.domain(), product.product());
    compilation.tagTable(table, product, columns.values());

    Set<String> principalsSeen = new HashSet<>();
    for (GrantInput grant : product.grants()) {
      compileGrant(product, table, columns, grant, now, principalsSeen, compilation);
    }
  }

  private void compileGrant(
      ProductInput product,
      TableResource table,
      Map<String, ColumnInput> columns,
      GrantInput grant,
      Instant now,
      Set<String> principalsSeen,
      Compilation compilation) {
    String where = product.qualifiedName() + " grant to " + grant.principal() + ": ";
    List<String> problems = compilation.problems;
    int problemsBefore = problems.size();
    if (!LakeFormationNames.isPlatformPrincipal(grant.principal())) {
      problems.add(where + "the principal must be group:NAME or user:NAME");
      return;
    }
    if (grant.expires() != null && !grant.expires().isAfter(now)) {
      compilation.notes.add(
          new ExpiredGrantOmitted(product.qualifiedName(), grant.principal(), grant.expires()));
      return;
    }
    if (!principalsSeen.add(grant.principal())) {
      problems.add(
          where
              + "the product has another live grant to this principal; Lake Formation keeps one"
              + " column set per principal and table, so merge them into one grant");
      return;
    }
    String arn = principals.apply(grant.principal());
    if (arn == null || arn.isBlank()) {
      problems.add(
          where
              + "no IAM role or Identity Center ARN is mapped for "
              + grant.principal()
              + "; add it to the principal mapping");
    } else if (!LakeFormationNames.isPrincipalArn(arn)) {
      problems.add(
          where
              + "'"
              + arn
              + "' is not an ARN of at most 255 characters, which Lake Formation needs as"
              + " DataLakePrincipalIdentifier");
    }

    List<String> declared =
        switch (grant.columns()) {
          case ColumnSelection.All all -> List.of();
          case ColumnSelection.Include include -> include.columns();
          case ColumnSelection.Exclude exclude -> exclude.columns();
        };
    for (String column : declared) {
      if (!columns.containsKey(column)) {
        problems.add(where + "column '" + column + "' is not a column of the product");
      }
    }
    for (String column : new TreeSet<>(grant.masks().keySet())) {
      if (!columns.containsKey(column)) {
        problems.add(where + "masked column '" + column + "' is not a column of the product");
      }
    }

    RowFilter filter = null;
    if (grant.rowFilter() != null) {
      filter = rowFilter(where, grant.rowFilter(), product, columns, problems);
    }
    if (problems.size() > problemsBefore) {
      return;
    }

    Set<String> visible = new LinkedHashSet<>();
    switch (grant.columns()) {
      case ColumnSelection.All all -> visible.addAll(columns.keySet());
      case ColumnSelection.Include include -> visible.addAll(include.columns());
      case ColumnSelection.Exclude exclude -> {
        visible.addAll(columns.keySet());
        exclude.columns().forEach(visible::remove);
      }
    }
    for (Map.Entry<String, Mask> mask : new TreeMap<>(grant.masks()).entrySet()) {
      if (visible.remove(mask.getKey())) {
        compilation.notes.add(
            new MaskedColumnExcluded(
                product.qualifiedName(), grant.principal(), mask.getKey(), mask.getValue()));
      }
    }
    if (visible.isEmpty()) {
      compilation.notes.add(
          new GrantWithoutColumnsOmitted(product.qualifiedName(), grant.principal()));
      return;
    }
    ColumnSpec spec;
    if (grant.columns() instanceof ColumnSelection.Include) {
      spec = ColumnSpec.only(List.copyOf(visible));
    } else {
      List<String> hidden = new ArrayList<>(columns.keySet());
      hidden.removeAll(visible);
      spec = ColumnSpec.allExcept(hidden);
    }

    String id = LakeFormationNames.entryId(product.domain(), product.product(), grant.principal());
    PermissionResource resource;
    if (filter == null) {
      resource = new PermissionResource.TableColumns(table, spec);
    } else {
      String expression = filter.toSqlText();
      DataCellsFilter cells =
          new DataCellsFilter(
              table,
              LakeFormationNames.dataCellsFilter(grant.principal(), expression, spec),
              expression,
              spec);
      compilation.filters.add(cells);
      resource = cells.resource();
    }
    compilation.grants.add(LakeFormationPermission.select(id, arn, resource));
  }

  private static RowFilter rowFilter(
      String where,
      String text,
      ProductInput product,
      Map<String, ColumnInput> columns,
      List<String> problems) {
    RowFilter filter;
    try {
      filter = RowFilter.parse(text);
    } catch (RowFilterException e) {
      problems.add(where + "row filter: " + e.getMessage());
      return null;
    }
    Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    columns.forEach(
        (name, column) -> kinds.put(name, ColumnKind.ofIcebergType(column.icebergType())));
    List<String> found = new ArrayList<>();
    filter.check(kinds).forEach(problem -> found.add("row filter: " + problem));
    if (found.isEmpty()) {
      LakeFormationRowFilters.problems(filter, columns, Set.copyOf(product.partitionColumns()))
          .forEach(problem -> found.add(problem));
    }
    found.forEach(problem -> problems.add(where + problem));
    return found.isEmpty() ? filter : null;
  }

  /** What the products compile to so far. */
  private static final class Compilation {
    final List<String> problems = new ArrayList<>();
    final List<LakeFormationNote> notes = new ArrayList<>();
    final List<LakeFormationPermission> grants = new ArrayList<>();
    final List<DataCellsFilter> filters = new ArrayList<>();
    final List<LfTagAssignment> assignments = new ArrayList<>();
    final SortedMap<String, Set<String>> tagValues = new TreeMap<>();

    void tagTable(TableResource table, ProductInput product, Iterable<ColumnInput> columns) {
      SortedMap<String, String> tableTags = new TreeMap<>();
      tableTags.put(DOMAIN_TAG, product.domain());
      tableTags.put(ZONE_TAG, product.zone());
      assignments.add(new LfTagAssignment(table, List.of(), tableTags));
      tagValues.computeIfAbsent(DOMAIN_TAG, key -> new TreeSet<>()).add(product.domain());
      tagValues.computeIfAbsent(ZONE_TAG, key -> new TreeSet<>()).addAll(ZONES);

      SortedMap<String, List<String>> byClassification = new TreeMap<>();
      for (ColumnInput column : columns) {
        if (column.classification() != null) {
          byClassification
              .computeIfAbsent(column.classification(), key -> new ArrayList<>())
              .add(column.name());
        }
      }
      byClassification.forEach(
          (classification, names) -> {
            assignments.add(
                new LfTagAssignment(
                    table, names, new TreeMap<>(Map.of(CLASSIFICATION_TAG, classification))));
            tagValues
                .computeIfAbsent(CLASSIFICATION_TAG, key -> new TreeSet<>())
                .add(classification);
          });
    }

    LakeFormationPlan plan(String catalogId) {
      List<LfTag> tags = new ArrayList<>();
      tagValues.forEach((key, values) -> tags.add(new LfTag(key, List.copyOf(values))));
      return new LakeFormationPlan(
          catalogId,
          filters.stream()
              .sorted(
                  Comparator.comparing(DataCellsFilter::table).thenComparing(DataCellsFilter::name))
              .toList(),
          grants.stream().sorted(Comparator.comparing(LakeFormationPermission::id)).toList(),
          tags,
          assignments.stream().sorted(Comparator.comparing(LfTagAssignment::key)).toList(),
          notes);
    }
  }
}
