package io.tributary.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API's container image as the build leaves it: {@code platform-api/target/container} holds the
 * Containerfile and the fast-jar, the whole context {@code podman build} needs; the base image is
 * pinned by tag and digest and the image runs as a non-root user. Runs after platform-api is
 * packaged (Failsafe, {@code verify}); no image is built here, as no registry is reachable.
 */
class ContainerImageIT {
  private static final Path CONTEXT = Chart.repository().resolve("platform-api/target/container");

  @Test
  void theBuildAssemblesTheImageContext() {
    assertThat(CONTEXT.resolve("Containerfile")).isRegularFile();
    assertThat(CONTEXT.resolve("quarkus-app/quarkus-run.jar")).isRegularFile();
    assertThat(CONTEXT.resolve("quarkus-app/lib/main")).isDirectory();
    assertThat(CONTEXT.resolve("quarkus-app/app")).isDirectory();
    assertThat(CONTEXT.resolve("quarkus-app/quarkus/quarkus-application.dat")).isRegularFile();
  }

  @Test
  void theContainerfilePinsItsBaseAndRunsAsNonRoot() throws IOException {
    List<String> lines =
        Files.readAllLines(CONTEXT.resolve("Containerfile")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    List<String> from = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
    assertThat(from).hasSize(1);
    assertThat(from.get(0))
        .matches(
            "FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-21-runtime:[0-9][^@ ]*@sha256:[0-9a-f]{64}");
    List<String> users = lines.stream().filter(line -> line.startsWith("USER ")).toList();
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length()).strip();
    assertThat(user).isNotIn("root", "0", "0:0", "root:root").matches("[0-9]+(:[0-9]+)?");
    assertThat(lines).contains("EXPOSE 8081");
    assertThat(lines)
        .anyMatch(
            line -> line.startsWith("ENTRYPOINT [\"/opt/jboss/container/java/run/run-java.sh\"]"));
    assertThat(lines)
        .anyMatch(line -> line.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""));
    // Every path the image copies is in the assembled context.
    for (String copy : lines.stream().filter(line -> line.startsWith("COPY ")).toList()) {
      String source = copy.split("\\s+")[copy.split("\\s+").length - 2];
      Path resolved = CONTEXT.resolve(source.replace("*.jar", "quarkus-run.jar"));
      assertThat(resolved).as(copy).exists();
    }
    assertThat(CONTEXT.resolve("Containerfile"))
        .hasSameTextualContentAs(
            Chart.repository().resolve("platform-api/src/main/container/Containerfile"));
  }
}
