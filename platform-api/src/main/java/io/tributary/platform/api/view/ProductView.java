package io.tributary.platform.api.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.PartitionField;
import io.tributary.platform.declaration.SortField;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.service.Documents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A product in full: what a consumer needs to decide to use it, and what the caller may do. Its
 * quality status is {@code product.qualityStatus}, the failed checks behind it {@code
 * statusReasons}, and the latest evaluation {@code quality}.
 */
public record ProductView(
    ProductSummary product,
    List<ColumnView> schema,
    List<String> primaryKey,
    List<String> partitioning,
    List<String> sortOrder,
    Freshness freshness,
    Access access,
    long revision,
    Instant updatedAt,
    String updatedBy,
    String table,
    List<String> lakeFormationNotes,
    JsonNode declaration,
    List<QualityView.Reason> statusReasons,
    QualityView quality) {

  /** One column of the contract. */
  public record ColumnView(
      String name, String type, boolean required, String description, String classification) {
    static ColumnView of(Column column) {
      return new ColumnView(
          column.name(),
          column.type().toString(),
          column.required(),
          column.description().orElse(null),
          column.classification().orElse(null));
    }
  }

  /**
   * How fresh the data is, from the latest Iceberg snapshot's commit time.
   *
   * @param lastCommitAt when the latest snapshot was committed; null when the table is empty
   * @param age how long ago that was
   * @param sla the declared freshness, when there is one
   * @param status {@code fresh}, {@code stale}, or {@code no-data}
   */
  public record Freshness(Instant lastCommitAt, Duration age, Duration sla, String status) {
    public static Freshness of(Instant lastCommitAt, Duration sla, Instant now) {
      if (lastCommitAt == null) {
        return new Freshness(null, null, sla, "no-data");
      }
      Duration age = Duration.between(lastCommitAt, now);
      return new Freshness(
          lastCommitAt, age, sla, sla == null || age.compareTo(sla) <= 0 ? "fresh" : "stale");
    }
  }

  /**
   * What the caller may do with the product.
   *
   * @param role the caller's role in the product's domain: admin, owner, member or none
   * @param read whether the caller may read its rows
   * @param change whether the caller may change or retire it
   * @param visibleColumns the columns the caller sees (their grants' union, or all for the domain)
   * @param maskedColumns the columns the caller sees masked, and how
   * @param rowFilter the rows the caller sees, when a grant limits them
   * @param grants who has access through grants: shown to those who may change the product
   */
  public record Access(
      String role,
      boolean read,
      boolean change,
      List<String> visibleColumns,
      java.util.Map<String, String> maskedColumns,
      String rowFilter,
      List<GrantView> grants) {}

  /**
   * What Lake Formation enforces differently: it has no masks, so a masked column is excluded there
   * for that grantee (stricter, never looser).
   */
  static List<String> lakeFormationNotes(DataProduct product) {
    List<String> notes = new java.util.ArrayList<>();
    for (var grant : product.spec().access().grants()) {
      grant
          .masks()
          .forEach(
              (column, mask) ->
                  notes.add(
                      "On Lake Formation (Athena), %s does not see column %s at all: it is masked"
                              .formatted(grant.principal(), column)
                          + " (%s) on Trino, and Lake Formation has no masks, so it is excluded"
                              .formatted(mask.name().toLowerCase())));
    }
    return notes;
  }

  public static ProductView of(
      ProductRecord record, Freshness freshness, Access access, String table) {
    return of(record, freshness, access, table, null);
  }

  /**
   * @param quality the latest quality evaluation, freshness measured now; null before the first
   */
  public static ProductView of(
      ProductRecord record, Freshness freshness, Access access, String table, QualityView quality) {
    DataProduct product = Documents.storedProduct(record.document());
    var declaredTable = product.spec().table();
    return new ProductView(
        ProductSummary.of(record, quality == null ? null : quality.status()),
        declaredTable.columns().stream().map(ColumnView::of).toList(),
        declaredTable.primaryKey(),
        declaredTable.partitioning().stream().map(PartitionField::toString).toList(),
        declaredTable.sortOrder().stream().map(SortField::toString).toList(),
        freshness,
        access,
        record.revision(),
        record.updatedAt(),
        record.updatedBy(),
        table,
        lakeFormationNotes(product),
        Documents.tree(record.document()),
        quality == null ? List.of() : quality.reasons(),
        quality);
  }
}
