package io.tributary.platform.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.DeclarationException;
import io.tributary.platform.declaration.DeclarationParser;
import io.tributary.platform.declaration.Domain;
import io.tributary.platform.declaration.Problem;
import java.util.List;

/**
 * Declarations as the registry keeps them: the submitted document as JSON, read back through the
 * same strict parser whenever the platform needs the model.
 */
public final class Documents {
  private static final DeclarationParser PARSER = new DeclarationParser();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private Documents() {}

  /** A declaration submitted as YAML or JSON, validated, with its JSON form for the registry. */
  public record Submitted<T>(T declaration, String json) {}

  public static Submitted<Domain> domain(String text) {
    Domain domain = PARSER.parseDomain(text);
    return new Submitted<>(domain, toJson(text));
  }

  public static Submitted<DataProduct> product(String text) {
    DataProduct product = PARSER.parseDataProduct(text);
    return new Submitted<>(product, toJson(text));
  }

  public static Domain storedDomain(String json) {
    return (Domain) PARSER.read(tree(json));
  }

  public static DataProduct storedProduct(String json) {
    return (DataProduct) PARSER.read(tree(json));
  }

  /** The stored document as a tree, to return to clients. */
  public static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The registry holds a document that is not JSON", e);
    }
  }

  private static String toJson(String text) {
    try {
      // YAML is a superset of JSON: one reader takes both, as the parser did a moment ago.
      return JSON.writeValueAsString(YAML.readTree(text));
    } catch (JsonProcessingException e) {
      throw new DeclarationException(
          List.of(new Problem("", "not YAML or JSON: " + e.getOriginalMessage())));
    }
  }
}
