package io.tributary.platform.provisioning.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The contract of {@code terraform/domain/variables.tf}, and the provider-free test root built on
 * it: {@code src/test/terraform/domain-root} plus that very {@code variables.tf}, assembled under
 * {@code target/} so the test root can never drift from the real one.
 */
final class DomainRoot {
  private static final Pattern VARIABLE =
      Pattern.compile("^variable\\s+\"([A-Za-z0-9_]+)\"", Pattern.MULTILINE);

  private DomainRoot() {}

  /** The repository's {@code terraform/domain/variables.tf}. */
  static Path variablesFile() {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null
        && !Files.isRegularFile(folder.resolve("terraform/domain/variables.tf"))) {
      folder = folder.getParent();
    }
    if (folder == null) {
      throw new IllegalStateException(
          "No terraform/domain/variables.tf above " + Path.of("").toAbsolutePath());
    }
    return folder.resolve("terraform/domain/variables.tf");
  }

  /** The names of the variables the domain root declares. */
  static Set<String> declaredVariables() {
    try {
      Matcher matcher = VARIABLE.matcher(Files.readString(variablesFile()));
      Set<String> names = new TreeSet<>();
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the test root and the real {@code variables.tf} into {@code target}; returns it. */
  static Path assemble(Path target) {
    Path source = Path.of("src/test/terraform/domain-root").toAbsolutePath();
    try {
      Files.createDirectories(target);
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : files.filter(path -> path.toString().endsWith(".tf")).toList()) {
          Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.copy(
          variablesFile(), target.resolve("variables.tf"), StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The terraform binary: {@code TRIBUTARY_TERRAFORM}, or {@code terraform} on the PATH. */
  static java.util.Optional<String> binary() {
    String configured = System.getenv("TRIBUTARY_TERRAFORM");
    if (configured != null && !configured.isBlank()) {
      return Files.isExecutable(Path.of(configured))
          ? java.util.Optional.of(configured)
          : java.util.Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String folder : path.split(java.io.File.pathSeparator)) {
      if (!folder.isBlank() && Files.isExecutable(Path.of(folder, "terraform"))) {
        return java.util.Optional.of(Path.of(folder, "terraform").toString());
      }
    }
    return java.util.Optional.empty();
  }
}
