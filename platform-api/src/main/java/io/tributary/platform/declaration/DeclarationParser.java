package io.tributary.platform.declaration;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads declarations from YAML or JSON, strictly: unknown fields, missing required fields, wrong
 * JSON types, bad names, bad types and expressions, and references to columns that do not exist are
 * all reported together, each with the JSON pointer of the offending value (see {@link Problem}).
 * The field set of each declaration is documented on {@link Domain}, {@link DataProduct} and the
 * records they hold.
 *
 * <p>A text whose first non-blank character is <code>{</code> or <code>[</code> is read as JSON,
 * anything else as YAML. Instances are immutable and thread-safe.
 */
public final class DeclarationParser {

  private static final ObjectReader JSON_READER =
      configure(JsonMapper.builder().build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readerFor(JsonNode.class);

  private static final ObjectReader YAML_READER =
      configure(YAMLMapper.builder().build()).readerFor(JsonNode.class);

  private static ObjectMapper configure(ObjectMapper mapper) {
    // A key given twice would otherwise silently keep the last value.
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // Budgets are money: keep the digits as written.
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    return mapper;
  }

  /**
   * Reads one declaration of either kind.
   *
   * @throws DeclarationException listing every problem, when there is any
   */
  public Declaration parse(String text) {
    List<JsonNode> documents = documents(text);
    if (documents.size() != 1) {
      throw new DeclarationException(
          List.of(
              new Problem(
                  "",
                  documents.isEmpty()
                      ? "the declaration is empty"
                      : "expected one declaration but found " + documents.size() + " documents")));
    }
    return read(documents.getFirst());
  }

  /**
   * Reads a stream of declarations, such as a multi-document YAML file ({@code ---} between
   * documents) or a JSON array. Empty documents are skipped. Pointers in the problems are prefixed
   * by the document's index, as if the stream were a JSON array: {@code /1/spec/zone} is in the
   * second document.
   *
   * @throws DeclarationException listing every problem of every document, when there is any
   */
  public List<Declaration> parseAll(String text) {
    List<JsonNode> documents = documents(text);
    if (documents.size() == 1 && documents.getFirst().isArray()) {
      List<JsonNode> elements = new ArrayList<>();
      documents.getFirst().forEach(elements::add);
      documents = elements;
    }
    List<Declaration> declarations = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (int index = 0; index < documents.size(); index++) {
      DeclarationReader reader = new DeclarationReader("/" + index);
      Declaration declaration = reader.read(documents.get(index));
      problems.addAll(reader.problems());
      declarations.add(declaration);
    }
    if (!problems.isEmpty()) {
      throw new DeclarationException(problems);
    }
    return List.copyOf(declarations);
  }

  /**
   * Reads one declaration that must be a {@link Domain}.
   *
   * @throws DeclarationException listing every problem; another kind is a problem at {@code /kind}
   */
  public Domain parseDomain(String text) {
    return expectKind(parse(text), Domain.class, Domain.KIND);
  }

  /**
   * Reads one declaration that must be a {@link DataProduct}.
   *
   * @throws DeclarationException listing every problem; another kind is a problem at {@code /kind}
   */
  public DataProduct parseDataProduct(String text) {
    return expectKind(parse(text), DataProduct.class, DataProduct.KIND);
  }

  /**
   * Reads a declaration already parsed into a tree, such as a JSON request body.
   *
   * @throws DeclarationException listing every problem, when there is any
   */
  public Declaration read(JsonNode document) {
    DeclarationReader reader = new DeclarationReader("");
    Declaration declaration = reader.read(document);
    if (!reader.problems().isEmpty()) {
      throw new DeclarationException(reader.problems());
    }
    return declaration;
  }

  private static <T extends Declaration> T expectKind(
      Declaration declaration, Class<T> expected, String expectedKind) {
    if (!expected.isInstance(declaration)) {
      throw new DeclarationException(
          List.of(
              new Problem(
                  "/kind", "expected kind " + expectedKind + " but found " + declaration.kind())));
    }
    return expected.cast(declaration);
  }

  private static List<JsonNode> documents(String text) {
    String start = text.stripLeading();
    if (start.startsWith("{") || start.startsWith("[")) {
      try {
        return List.of(JSON_READER.readTree(text));
      } catch (JsonProcessingException notJson) {
        // YAML flow style, such as {apiVersion: tributary.io/v1, ...}, also starts with a brace.
        try {
          return yamlDocuments(text);
        } catch (JsonProcessingException notYamlEither) {
          throw unreadable("JSON", notJson);
        }
      }
    }
    try {
      return yamlDocuments(text);
    } catch (JsonProcessingException notYaml) {
      throw unreadable("YAML", notYaml);
    }
  }

  private static List<JsonNode> yamlDocuments(String text) throws JsonProcessingException {
    List<JsonNode> documents = new ArrayList<>();
    try (var iterator = YAML_READER.<JsonNode>readValues(text)) {
      while (iterator.hasNextValue()) {
        JsonNode document = iterator.nextValue();
        if (document != null && !document.isMissingNode() && !document.isNull()) {
          documents.add(document);
        }
      }
    } catch (JsonProcessingException unreadable) {
      throw unreadable;
    } catch (IOException impossible) {
      // Reading from a String never fails for I/O reasons.
      throw new UncheckedIOException(impossible);
    }
    return documents;
  }

  private static DeclarationException unreadable(String format, JsonProcessingException cause) {
    JsonLocation location = cause.getLocation();
    return new DeclarationException(
        List.of(
            new Problem(
                "",
                "not valid "
                    + format
                    + (location == null
                        ? ""
                        : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
                    + ": "
                    + cause.getOriginalMessage())));
  }
}
