package io.tributary.platform.api.view;

import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.service.Documents;
import java.util.List;

/** A product as discovery shows it: metadata only. */
public record ProductSummary(
    String domain,
    String name,
    String version,
    String title,
    String description,
    String zone,
    List<String> tags,
    String visibility,
    String status) {

  public static ProductSummary of(ProductRecord record) {
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
        record.status().name().toLowerCase());
  }
}
