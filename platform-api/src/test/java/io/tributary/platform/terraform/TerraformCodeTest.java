package io.tributary.platform.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code terraform/} code: formatted, laid out as terraform-aws-modules are, and
 * the provider-free naming module passing its own {@code terraform test}. Runs the real terraform
 * binary ({@code TRIBUTARY_TERRAFORM}, else {@code terraform} on the {@code PATH}) and is aborted
 * without one. The modules that need the aws provider are only checked as text here: no provider
 * binary can be downloaded where this runs.
 */
class TerraformCodeTest {
  private static final Path TERRAFORM_ROOT = repositoryRoot().resolve("terraform");
  private static final List<String> MODULE_FILES =
      List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md");

  /** Modules without a provider: terraform can init and test them offline. */
  private static final List<String> PROVIDER_FREE_MODULES = List.of("modules/naming");

  private static final Pattern VARIABLE_BLOCK =
      Pattern.compile("^variable \"([^\"]+)\" \\{\\n(.*?)^\\}", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern OBJECT_ATTRIBUTE =
      Pattern.compile("^\\s+([a-z_]+)\\s+=", Pattern.MULTILINE);

  private static String terraform;

  @BeforeAll
  static void findTerraform() {
    terraform = terraformBinary().orElse(null);
    if (terraform == null) {
      Assumptions.abort(
          "No terraform binary: install Terraform 1.6 or newer (https://developer.hashicorp.com/"
              + "terraform/install, or the HashiCorp apt repository's 'terraform' package) and put"
              + " it on the PATH, or point TRIBUTARY_TERRAFORM at it.");
    }
  }

  @Test
  void everyFileIsFormatted() {
    Result fmt = run(TERRAFORM_ROOT, "fmt", "-check", "-recursive", "-diff", ".");

    assertThat(fmt.exitCode()).as("terraform fmt -check -recursive:%n%s", fmt.output()).isZero();
  }

  @Test
  void providerFreeModulesPassTheirTerraformTests() throws IOException {
    Path work = Paths.get("target", "terraform-code-test").toAbsolutePath();
    deleteRecursively(work);
    for (String module : PROVIDER_FREE_MODULES) {
      // A copy, so init's .terraform folder never lands in the source tree.
      Path copy = work.resolve(module);
      copyRecursively(TERRAFORM_ROOT.resolve(module), copy);
      assertThat(Files.list(copy.resolve("tests")).map(Path::toString))
          .as("%s has terraform test files", module)
          .anyMatch(name -> name.endsWith(".tftest.hcl"));

      Result init = run(copy, "init", "-backend=false", "-input=false", "-no-color");
      assertThat(init.exitCode()).as("terraform init in %s:%n%s", module, init.output()).isZero();

      Result test = run(copy, "test", "-no-color");
      assertThat(test.exitCode()).as("terraform test in %s:%n%s", module, test.output()).isZero();
      assertThat(test.output()).as("terraform test in %s", module).contains("0 failed");
      assertThat(test.output()).doesNotContain(" 0 passed");
    }
  }

  @Test
  void everyModuleAndRootHasTheStandardFiles() {
    for (Path module : modulesAndRoots()) {
      for (String file : MODULE_FILES) {
        assertThat(module.resolve(file)).as("%s/%s", relative(module), file).isRegularFile();
      }
    }
  }

  @Test
  void everyVariableIsTypedAndDescribed() {
    for (Path module : modulesAndRoots()) {
      Map<String, String> variables = variableBlocks(read(module.resolve("variables.tf")));
      assertThat(variables).as("variables of %s", relative(module)).isNotEmpty();
      variables.forEach(
          (name, body) -> {
            assertThat(body)
                .as("variable %s in %s has a type", name, relative(module))
                .containsPattern("(?m)^  type\\s+=");
            assertThat(body)
                .as("variable %s in %s has a description", name, relative(module))
                .containsPattern("(?m)^  description\\s+=\\s+\"\\S");
          });
    }
  }

  @Test
  void versionsArePinned() {
    for (Path module : modulesAndRoots()) {
      String versions = read(module.resolve("versions.tf"));
      assertThat(versions)
          .as("%s/versions.tf pins required_version", relative(module))
          .containsPattern("required_version\\s+=\\s+\">= 1\\.6\"");
      boolean usesAws = terraformText(module).matches("(?s).*(resource|data) \"aws_.*");
      if (usesAws) {
        assertThat(versions)
            .as("%s/versions.tf pins the aws provider", relative(module))
            .containsPattern("source\\s+=\\s+\"hashicorp/aws\"")
            .containsPattern("version\\s+=\\s+\"~> 5\\.\\d+\"");
      }
    }
  }

  @Test
  void theProviderFreeModulesUseNoProvider() {
    for (String module : PROVIDER_FREE_MODULES) {
      String text = terraformText(TERRAFORM_ROOT.resolve(module));
      assertThat(text).as(module).doesNotContainPattern("(resource|data) \"aws_");
      assertThat(text).as(module).doesNotContain("required_providers");
    }
  }

  @Test
  void thePlatformRootsOutputIsTheDomainRootsPlatformVariable() {
    String platformOutputs = read(TERRAFORM_ROOT.resolve("platform/outputs.tf"));
    Matcher output =
        Pattern.compile("(?s)output \"platform\" \\{.*?value = \\{(.*?)\\n  \\}")
            .matcher(platformOutputs);
    assertThat(output.find()).as("platform/outputs.tf has output \"platform\"").isTrue();

    String domainVariables = read(TERRAFORM_ROOT.resolve("domain/variables.tf"));
    String platformVariable = variableBlocks(domainVariables).get("platform");
    assertThat(platformVariable).as("domain/variables.tf has variable \"platform\"").isNotNull();
    Matcher object = Pattern.compile("(?s)object\\(\\{(.*?)\\}\\)").matcher(platformVariable);
    assertThat(object.find()).as("the platform variable is an object").isTrue();

    assertThat(attributes(output.group(1))).isNotEmpty().isEqualTo(attributes(object.group(1)));
  }

  @Test
  void theDomainRootKeepsEachWorkspacesStateApart() {
    String versions = read(TERRAFORM_ROOT.resolve("domain/versions.tf"));
    assertThat(versions).containsPattern("backend \"s3\" \\{\\}");
    assertThat(read(TERRAFORM_ROOT.resolve("domain/main.tf")))
        .contains("terraform.workspace == var.domain");
  }

  private static TreeSet<String> attributes(String objectBody) {
    TreeSet<String> names = new TreeSet<>();
    Matcher attribute = OBJECT_ATTRIBUTE.matcher(objectBody);
    while (attribute.find()) {
      names.add(attribute.group(1));
    }
    return names;
  }

  private static Map<String, String> variableBlocks(String text) {
    Map<String, String> blocks = new TreeMap<>();
    Matcher block = VARIABLE_BLOCK.matcher(text);
    while (block.find()) {
      blocks.put(block.group(1), block.group(2));
    }
    return blocks;
  }

  private static List<Path> modulesAndRoots() {
    List<Path> modules = new ArrayList<>();
    modules.add(TERRAFORM_ROOT.resolve("platform"));
    modules.add(TERRAFORM_ROOT.resolve("domain"));
    try (Stream<Path> children = Files.list(TERRAFORM_ROOT.resolve("modules"))) {
      children.filter(Files::isDirectory).sorted().forEach(modules::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(modules).hasSizeGreaterThanOrEqualTo(6);
    return modules;
  }

  private static String terraformText(Path module) {
    try (Stream<Path> files = Files.list(module)) {
      StringBuilder text = new StringBuilder();
      files
          .filter(file -> file.toString().endsWith(".tf"))
          .sorted()
          .forEach(file -> text.append(read(file)).append('\n'));
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String relative(Path module) {
    return TERRAFORM_ROOT.relativize(module).toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path directory, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(terraform);
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    // Offline and quiet: no version check, no CLI configuration that could name a mirror.
    environment.keySet().removeIf(name -> name.startsWith("TF_"));
    environment.put("TF_IN_AUTOMATION", "1");
    environment.put("CHECKPOINT_DISABLE", "1");
    environment.put("TF_INPUT", "0");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("terraform " + String.join(" ", arguments) + " did not finish");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Optional<String> terraformBinary() {
    String configured = System.getenv("TRIBUTARY_TERRAFORM");
    if (configured != null && !configured.isBlank()) {
      return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(java.io.File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, "terraform");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  private static Path repositoryRoot() {
    Path directory = Paths.get("").toAbsolutePath();
    while (directory != null && !Files.isDirectory(directory.resolve("terraform"))) {
      directory = directory.getParent();
    }
    if (directory == null) {
      throw new IllegalStateException(
          "no terraform/ folder above " + Paths.get("").toAbsolutePath());
    }
    return directory;
  }

  private static void copyRecursively(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          if (!path.getFileName().toString().equals(".terraform")) {
            Files.createDirectories(destination);
          }
        } else if (!source.relativize(path).toString().contains(".terraform")) {
          Files.createDirectories(destination.getParent());
          Files.copy(path, destination);
        }
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }
}
