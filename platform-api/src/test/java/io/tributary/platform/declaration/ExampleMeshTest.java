package io.tributary.platform.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example mesh in {@code data-products/}, which {@code ./tributary up} onboards: every file
 * must be a valid declaration, since a broken example would stop every new user at the first {@code
 * up}.
 */
class ExampleMeshTest {

  /** Tests run in the module's folder; the mesh is at the repository root. */
  private static final Path MESH = Path.of("..", "data-products").toAbsolutePath().normalize();

  private final DeclarationParser parser = new DeclarationParser();

  static Stream<Path> declarationFiles() throws IOException {
    try (Stream<Path> files = Files.walk(MESH)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("declarationFiles")
  void everyFileIsOneValidDeclarationNamedAfterItsPlace(Path file) throws IOException {
    String folder = file.getParent().getFileName().toString();
    String fileName = file.getFileName().toString();

    Declaration declaration = parser.parse(Files.readString(file, StandardCharsets.UTF_8));

    switch (declaration) {
      case Domain domain -> {
        assertThat(fileName).isEqualTo("domain.yaml");
        assertThat(domain.name()).as("the domain's name").isEqualTo(folder);
        assertThat(domain.metadata().title()).isPresent();
        assertThat(domain.metadata().description()).isPresent();
      }
      case DataProduct product -> {
        assertThat(product.metadata().domain()).as("the product's domain").isEqualTo(folder);
        assertThat(product.metadata().name() + ".yaml").isEqualTo(fileName);
        assertThat(product.metadata().title()).isPresent();
        assertThat(product.metadata().description()).isPresent();
        assertThat(product.spec().table().columns())
            .as("every column of %s is documented", product.reference())
            .allSatisfy(column -> assertThat(column.description()).isPresent());
      }
    }
  }

  @Test
  void everyDomainFolderHasItsDomainAndProducts() throws IOException {
    List<Path> folders;
    try (Stream<Path> children = Files.list(MESH)) {
      folders = children.filter(Files::isDirectory).sorted().toList();
    }

    assertThat(folders)
        .extracting(folder -> folder.getFileName().toString())
        .containsExactly("analytics", "customers", "marketing", "sales");
    for (Path folder : folders) {
      assertThat(folder.resolve("domain.yaml")).isRegularFile();
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.filter(file -> !file.endsWith("domain.yaml")).count())
            .as("products of %s", folder.getFileName())
            .isPositive();
      }
    }
  }

  @Test
  void personalDataIsClassified() throws IOException {
    DataProduct profiles =
        parser.parseDataProduct(Files.readString(MESH.resolve("customers/profiles.yaml")));

    assertThat(profiles.spec().table().columns())
        .filteredOn(column -> column.classification().isPresent())
        .extracting(Column::name)
        .containsExactly("email", "phone", "full_name");
    assertThat(profiles.spec().access().visibility()).isEqualTo(Visibility.DISCOVERABLE);
  }

  @Test
  void everyExampleDomainGetsATrinoResourceGroup() throws IOException {
    List<io.tributary.policies.trino.ResourceGroups.DomainGroup> domains =
        new java.util.ArrayList<>();
    for (String name : List.of("customers", "marketing", "sales")) {
      Domain domain = parser.parseDomain(Files.readString(MESH.resolve(name + "/domain.yaml")));
      Domain.TrinoLimits limits = domain.spec().costs().trino();
      domains.add(
          new io.tributary.policies.trino.ResourceGroups.DomainGroup(
              domain.name(),
              domain.spec().owners(),
              new io.tributary.policies.trino.ResourceGroupLimits(
                  limits.maxConcurrentQueries(),
                  limits.maxQueuedQueries(),
                  limits.softMemoryLimit())));
    }

    var configuration =
        io.tributary.policies.trino.ResourceGroups.withDefaultLimits("tributary").compile(domains);

    assertThat(configuration.selectors())
        .extracting(io.tributary.policies.trino.ResourceGroups.Selector::group)
        .contains("global.domains.customers", "global.domains.marketing", "global.domains.sales");
    assertThat(domains.get(1).limits())
        .isEqualTo(new io.tributary.policies.trino.ResourceGroupLimits(4, 40, "30%"));
  }
}
