package io.tributary.platform.api.view;

import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.service.Documents;
import java.util.List;

/**
 * A product as discovery shows it: metadata only. {@code status} is its lifecycle ({@code active},
 * {@code retired}); {@code qualityStatus} its latest quality ({@code ok}, {@code warn}, {@code
 * failing}, or null before the first evaluation).
 */
public record ProductSummary(
    String domain,
    String name,
    String version,
    String title,
    String description,
    String zone,
    List<String> tags,
    String visibility,
    String status,
    String qualityStatus) {

  public static ProductSummary of(ProductRecord record) {
    return of(record, null);
  }

  /**
   * @param qualityStatus {@code ok}, {@code warn} or {@code failing} from the latest quality
   *     evaluation; null when the product was never evaluated
   */
  public static ProductSummary of(ProductRecord record, String qualityStatus) {
    DataProduct product = Documents.storedProduct(record.document());
    return new ProductSummary(
        record.domain(),
        record.product(),
        record.currentVersion().toString(),
        product.metadata().title().orElse(record.product()),
        product.metadata().description().orElse(null),
        product.spec().zone().toString().toLowerCase(),
        product.metadata().tags(),
        product.spec().access().visibility().toString().toLowerCase(),
        record.status().name().toLowerCase(),
        qualityStatus);
  }
}
