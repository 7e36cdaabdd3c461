package io.tributary.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The chart README's values table is the one generated from {@code values.yaml}, and every value is
 * documented. To regenerate it: {@code ./mvnw -B -ntp -pl helm test -Dtest=ValuesReadmeTest
 * -Dtributary.helm.readme.write=true}.
 */
class ValuesReadmeTest {
  private static final Path VALUES = Chart.directory().resolve("values.yaml");
  private static final Path README = Chart.directory().resolve("README.md");

  @Test
  void theReadmeTableIsGeneratedFromTheValues() throws IOException {
    String readme = Files.readString(README);
    String generated = ValuesDocumentation.regenerate(readme, VALUES);
    if (Boolean.getBoolean("tributary.helm.readme.write")) {
      Files.writeString(README, generated);
      readme = generated;
    }
    assertThat(readme)
        .as(
            "helm/tributary/README.md is stale; regenerate it with ./mvnw -B -ntp -pl helm test"
                + " -Dtest=ValuesReadmeTest -Dtributary.helm.readme.write=true")
        .isEqualTo(generated);
  }

  @Test
  void everyLeafValueIsDocumented() {
    List<ValuesDocumentation.Value> documented = ValuesDocumentation.read(VALUES);
    Set<String> keys = new TreeSet<>();
    documented.forEach(value -> keys.add(value.key()));
    Set<String> undocumented = new TreeSet<>();
    collectLeaves("", Chart.readYaml(VALUES), keys, undocumented);
    assertThat(undocumented).as("values without a '# --' comment").isEmpty();
  }

  @Test
  void theGeneratorReadsTypesDefaultsAndNesting() throws IOException {
    Path values = Files.createTempFile("values", ".yaml");
    Files.writeString(
        values,
        """
        # not documentation
        top:
          # -- The port | with a pipe.
          port: 8081
          nested:
            # -- Whether it is on.
            enabled: false
        # -- Names.
        names: [a, b]
        """);
    assertThat(ValuesDocumentation.read(values))
        .containsExactly(
            new ValuesDocumentation.Value("top.port", "int", "8081", "The port | with a pipe."),
            new ValuesDocumentation.Value(
                "top.nested.enabled", "bool", "false", "Whether it is on."),
            new ValuesDocumentation.Value("names", "list", "[\"a\",\"b\"]", "Names."));
    assertThat(ValuesDocumentation.table(ValuesDocumentation.read(values)))
        .contains("| `top.port` | int | `8081` | The port \\| with a pipe. |");
    Files.delete(values);
  }

  private static void collectLeaves(
      String path,
      com.fasterxml.jackson.databind.JsonNode node,
      Set<String> documented,
      Set<String> undocumented) {
    if (documented.contains(path)) {
      return;
    }
    if (node.isObject() && !node.isEmpty()) {
      node.fields()
          .forEachRemaining(
              field ->
                  collectLeaves(
                      path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                      field.getValue(),
                      documented,
                      undocumented));
      return;
    }
    undocumented.add(path);
  }
}
