package io.tributary.lakehouse.mesh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads declarations from a file or a folder, in the order they must be applied: a product can only
 * be declared in a domain that exists, so domains go first.
 *
 * <p>A folder is read recursively ({@code .yaml}, {@code .yml} and {@code .json} files): every
 * {@code domain.yaml} first, then the other files, each group sorted by path. Within that, and
 * within a single file, documents keep their order except that every {@code Domain} comes before
 * every {@code DataProduct}. A YAML file may hold several documents separated by {@code ---}; a
 * JSON file may hold one object or an array of them.
 */
public final class DeclarationFiles {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * A line that separates YAML documents: {@code ---}, possibly followed by a comment or content,
   * or the end-of-document marker {@code ...}.
   */
  private static final Pattern DOCUMENT_MARKER =
      Pattern.compile("^(?:---|\\.\\.\\.)(?:[ \\t]+(.*))?$", Pattern.MULTILINE);

  /** What may go into a URL path segment unencoded; the API validates names further. */
  private static final Pattern PATH_SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private DeclarationFiles() {}

  /**
   * Every declaration under {@code path}, in the order to apply them.
   *
   * @throws IllegalArgumentException when the path does not exist or holds no declaration file
   */
  public static List<DeclarationDocument> read(Path path) {
    return read(List.of(path));
  }

  /**
   * Every declaration under these files and folders, in the order to apply them: the domains of all
   * of them before any product.
   *
   * @throws IllegalArgumentException when a path does not exist or holds no declaration file
   */
  public static List<DeclarationDocument> read(List<Path> paths) {
    List<DeclarationDocument> documents = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(path + " does not exist");
      }
      List<Path> files = Files.isDirectory(path) ? filesUnder(path) : List.of(path);
      if (files.isEmpty()) {
        throw new IllegalArgumentException(
            path + " holds no declaration (.yaml, .yml or .json) file");
      }
      for (Path file : files) {
        documents.addAll(readFile(file));
      }
    }
    // Stable: documents of one kind keep their order.
    documents.sort(Comparator.comparing(document -> document.isDomain() ? 0 : 1));
    return inputsFirst(documents);
  }

  /**
   * Moves each SQL-derived product after the products it reads ({@code spec.source.inputs}) that
   * are among the documents, because the API refuses a derived product whose inputs are not
   * declared yet. Otherwise the order is kept; a cycle is left as it is for the API to refuse.
   */
  static List<DeclarationDocument> inputsFirst(List<DeclarationDocument> documents) {
    java.util.Set<String> declared = new java.util.HashSet<>();
    documents.forEach(document -> declared.add(document.qualifiedName()));
    List<DeclarationDocument> pending = new ArrayList<>(documents);
    List<DeclarationDocument> ordered = new ArrayList<>();
    java.util.Set<String> placed = new java.util.HashSet<>();
    while (!pending.isEmpty()) {
      boolean progressed = false;
      for (java.util.Iterator<DeclarationDocument> each = pending.iterator(); each.hasNext(); ) {
        DeclarationDocument document = each.next();
        boolean ready = true;
        for (com.fasterxml.jackson.databind.JsonNode input :
            document.tree().path("spec").path("source").path("inputs")) {
          String name = input.asText("");
          if (declared.contains(name) && !placed.contains(name) && document.isDataProduct()) {
            ready = false;
          }
        }
        if (ready) {
          ordered.add(document);
          placed.add(document.qualifiedName());
          each.remove();
          progressed = true;
        }
      }
      if (!progressed) {
        ordered.addAll(pending);
        break;
      }
    }
    return List.copyOf(ordered);
  }

  /** The declaration files under a folder, {@code domain.yaml} files first, then sorted by path. */
  static List<Path> filesUnder(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(DeclarationFiles::isDeclarationFile)
          .sorted(
              Comparator.comparing((Path file) -> isDomainFile(file) ? 0 : 1)
                  .thenComparing(Comparator.naturalOrder()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files under " + folder, e);
    }
  }

  private static boolean isDeclarationFile(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".")
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  private static boolean isDomainFile(Path file) {
    String name = file.getFileName().toString();
    return name.equals("domain.yaml") || name.equals("domain.yml") || name.equals("domain.json");
  }

  private static List<DeclarationDocument> readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    List<String> parts = new ArrayList<>(documentTexts(text));
    if (parts.size() > 1 && !hasContent(parts.getFirst())) {
      // A file that opens with "---" has nothing before it, not an empty first document.
      parts.removeFirst();
    }
    List<DeclarationDocument> documents = new ArrayList<>();
    for (int index = 0; index < parts.size(); index++) {
      // Positions count every part, even one holding only comments, as a reader of the file does.
      if (hasContent(parts.get(index))) {
        documents.add(route(file, index + 1, parts.get(index)));
      }
    }
    return documents;
  }

  /**
   * The documents of a file as separate texts, each exactly as written so that the API's problems
   * point at what the user wrote. Parts holding only comments are kept, so that positions count as
   * the reader of the file counts.
   */
  static List<String> documentTexts(String text) {
    String start = text.stripLeading();
    if (start.startsWith("[")) {
      try {
        List<String> elements = new ArrayList<>();
        for (JsonNode element : JSON.readTree(text)) {
          elements.add(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(element));
        }
        return elements;
      } catch (JsonProcessingException unreadable) {
        // Sent as it is: the API names what is wrong with it.
        return List.of(text);
      }
    }
    if (start.startsWith("{")) {
      return List.of(text);
    }
    List<String> parts = new ArrayList<>();
    Matcher marker = DOCUMENT_MARKER.matcher(text);
    int documentStart = 0;
    while (marker.find()) {
      parts.add(text.substring(documentStart, marker.start()));
      String rest = marker.group(1) == null ? "" : marker.group(1).strip();
      if (marker.group().startsWith("---") && !rest.isEmpty() && !rest.startsWith("#")) {
        // "--- {kind: Domain, ...}": the document starts on the marker's line.
        documentStart = marker.start(1);
      } else {
        documentStart = Math.min(marker.end() + 1, text.length());
      }
    }
    parts.add(text.substring(documentStart));
    return parts;
  }

  private static boolean hasContent(String document) {
    return document
        .lines()
        .map(String::strip)
        .anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
  }

  private static DeclarationDocument route(Path file, int position, String text) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException unreadable) {
      return unroutable(file, position, text, "not valid YAML: " + unreadable.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      return unroutable(file, position, text, "a declaration must be an object");
    }
    String kind = tree.path("kind").asText("");
    JsonNode metadata = tree.path("metadata");
    String name = metadata.path("name").asText("");
    String domain =
        switch (kind) {
          case DeclarationDocument.DOMAIN -> name;
          case DeclarationDocument.DATA_PRODUCT -> metadata.path("domain").asText("");
          default -> "";
        };
    Optional<String> problem = Optional.empty();
    if (!kind.equals(DeclarationDocument.DOMAIN)
        && !kind.equals(DeclarationDocument.DATA_PRODUCT)) {
      problem =
          Optional.of(
              "kind must be Domain or DataProduct, found "
                  + (kind.isEmpty() ? "none" : "'" + kind + "'"));
    } else if (!PATH_SAFE_NAME.matcher(name).matches()) {
      problem = Optional.of("metadata.name is missing or not a name: '" + name + "'");
    } else if (!PATH_SAFE_NAME.matcher(domain).matches()) {
      problem = Optional.of("metadata.domain is missing or not a name: '" + domain + "'");
    }
    return new DeclarationDocument(file, position, kind, domain, name, text, tree, problem);
  }

  private static DeclarationDocument unroutable(
      Path file, int position, String text, String problem) {
    return new DeclarationDocument(
        file, position, "", "", "", text, MissingNode.getInstance(), Optional.of(problem));
  }
}
