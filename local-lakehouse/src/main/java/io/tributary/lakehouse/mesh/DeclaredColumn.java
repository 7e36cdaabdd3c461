package io.tributary.lakehouse.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column of a product's table as its declaration states it.
 *
 * @param required whether every row must hold a value
 */
public record DeclaredColumn(String name, DeclaredType type, boolean required) {

  public DeclaredColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /**
   * The columns of a {@code DataProduct} document, in declaration order.
   *
   * @throws IllegalArgumentException when the document is not a product or a column type is bad
   */
  public static List<DeclaredColumn> of(DeclarationDocument product) {
    if (!product.isDataProduct()) {
      throw new IllegalArgumentException(product.location() + " is not a DataProduct");
    }
    List<DeclaredColumn> columns = new ArrayList<>();
    for (JsonNode column : product.tree().path("spec").path("table").path("columns")) {
      columns.add(
          new DeclaredColumn(
              column.path("name").asText(),
              DeclaredType.parse(column.path("type").asText()),
              column.path("required").asBoolean(false)));
    }
    return List.copyOf(columns);
  }
}
