package io.tributary.lakehouse.mesh;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Generated rows for one product of the example mesh.
 *
 * @param rows each a map from column name to value (see {@link DeclaredType} for the Java types); a
 *     column a row does not mention is null
 */
public record SampleTable(String domain, String product, List<Map<String, Object>> rows) {

  public SampleTable {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(product, "product");
    // Rows hold nulls, which List.copyOf and Map.copyOf refuse.
    rows = Collections.unmodifiableList(rows);
  }

  /** {@code sales.orders}. */
  public String qualifiedName() {
    return domain + "." + product;
  }
}
