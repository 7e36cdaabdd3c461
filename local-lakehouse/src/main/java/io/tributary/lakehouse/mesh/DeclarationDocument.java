package io.tributary.lakehouse.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One declaration as written in a file, with just enough read from it to send it to the right API
 * call. The platform API validates the text itself; this side never second-guesses it, so the
 * problems a user sees come from one place.
 *
 * @param source the file it was read from
 * @param position 1 for the first document of the file, 2 for the one after the first {@code ---}
 * @param kind {@code Domain} or {@code DataProduct}; empty when the document does not say
 * @param domain the domain it belongs to (a domain's own name for a {@code Domain})
 * @param name the domain's or the product's name
 * @param text the document exactly as written, sent as the request body
 * @param tree the document as read, for the sample data and the persona cheat-sheet
 * @param unroutable why the document cannot be sent, when it cannot
 */
public record DeclarationDocument(
    Path source,
    int position,
    String kind,
    String domain,
    String name,
    String text,
    JsonNode tree,
    Optional<String> unroutable) {

  public static final String DOMAIN = "Domain";
  public static final String DATA_PRODUCT = "DataProduct";

  public DeclarationDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(unroutable, "unroutable");
  }

  public boolean isDomain() {
    return kind.equals(DOMAIN);
  }

  public boolean isDataProduct() {
    return kind.equals(DATA_PRODUCT);
  }

  /** {@code sales} for a domain, {@code sales.orders} for a product: the name users know. */
  public String qualifiedName() {
    return isDataProduct() ? domain + "." + name : name;
  }

  /** Where the document is, for messages: the file, and the document's place when not the first. */
  public String location() {
    return source + (position > 1 ? " (document " + position + ")" : "");
  }

  /** Whether the text is JSON rather than YAML, which decides the request's content type. */
  public boolean isJson() {
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }
}
