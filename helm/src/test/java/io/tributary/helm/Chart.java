package io.tributary.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The chart under test, rendered through helm's own library (helm-java's native helm). */
final class Chart {
  static final String RELEASE = "tributary";
  static final String NAMESPACE = "data";
  static final YAMLMapper YAML = new YAMLMapper();

  private Chart() {}

  static Path repository() {
    String configured = System.getProperty("tributary.repository");
    Path folder = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    while (folder != null && !Files.exists(folder.resolve("helm/tributary/Chart.yaml"))) {
      folder = folder.getParent();
    }
    if (folder == null) {
      throw new IllegalStateException("No helm/tributary/Chart.yaml above " + configured);
    }
    return folder;
  }

  static Path directory() {
    return repository().resolve("helm/tributary");
  }

  /** Every named value set under {@code ci/}, sorted. */
  static List<Path> valueSets() {
    try (Stream<Path> files = Files.list(directory().resolve("ci"))) {
      return files.filter(file -> file.toString().endsWith("-values.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path valueSet(String name) {
    return directory().resolve("ci").resolve(name + "-values.yaml");
  }

  /** {@code helm template} with this value set; each manifest as a tree. */
  static Manifests render(Path values, Map<String, Object> overrides) {
    var command = new Helm(directory()).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (values != null) {
      command = command.withValuesFile(values);
    }
    for (Map.Entry<String, Object> override : overrides.entrySet()) {
      command = command.set(override.getKey(), override.getValue());
    }
    return Manifests.parse(command.call());
  }

  static Manifests render(Path values) {
    return render(values, Map.of());
  }

  /** Reads one YAML file as a tree. */
  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The default values with a value set laid over them, as helm merges them. */
  static ObjectNode mergedValues(Path valueSet) {
    ObjectNode merged = (ObjectNode) readYaml(directory().resolve("values.yaml"));
    merge(merged, readYaml(valueSet));
    return merged;
  }

  private static void merge(ObjectNode target, JsonNode overlay) {
    overlay
        .fields()
        .forEachRemaining(
            field -> {
              JsonNode existing = target.get(field.getKey());
              if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
              } else {
                target.set(field.getKey(), field.getValue());
              }
            });
  }

  /** The rendered manifests. */
  record Manifests(List<JsonNode> all) {
    static Manifests parse(String text) {
      List<JsonNode> manifests = new ArrayList<>();
      try {
        Iterator<JsonNode> documents =
            YAML.readValues(new YAMLFactory().createParser(text), JsonNode.class);
        while (documents.hasNext()) {
          JsonNode document = documents.next();
          if (document != null && !document.isNull() && !document.isEmpty()) {
            manifests.add(document);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("helm template rendered YAML that does not parse", e);
      }
      return new Manifests(manifests);
    }

    List<JsonNode> ofKind(String kind) {
      return all.stream().filter(manifest -> kind.equals(manifest.path("kind").asText())).toList();
    }

    JsonNode get(String kind, String name) {
      return ofKind(kind).stream()
          .filter(manifest -> name.equals(manifest.path("metadata").path("name").asText()))
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "No %s %s among %s"
                          .formatted(
                              kind,
                              name,
                              all.stream()
                                  .map(
                                      manifest ->
                                          manifest.path("kind").asText()
                                              + "/"
                                              + manifest.path("metadata").path("name").asText())
                                  .toList())));
    }

    boolean has(String kind, String name) {
      return ofKind(kind).stream()
          .anyMatch(manifest -> name.equals(manifest.path("metadata").path("name").asText()));
    }

    /** One file of a ConfigMap, read as Java properties. */
    Properties properties(String configMap, String file) {
      String text = get("ConfigMap", configMap).path("data").path(file).asText(null);
      if (text == null) {
        throw new AssertionError("ConfigMap %s has no %s".formatted(configMap, file));
      }
      Properties properties = new Properties();
      try {
        properties.load(new java.io.StringReader(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return properties;
    }

    /** Every pod template: Deployments' {@code spec.template.spec}. */
    List<JsonNode> podSpecs() {
      return ofKind("Deployment").stream()
          .map(deployment -> deployment.path("spec").path("template").path("spec"))
          .toList();
    }
  }
}
