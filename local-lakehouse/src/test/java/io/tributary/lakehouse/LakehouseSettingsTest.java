package io.tributary.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lakehouse.component.Component.PortUse;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakehouseSettingsTest {
  private static final Path REPOSITORY = Path.of("/work/repo");
  private static final Path DISTRIBUTION =
      Path.of("/work/repo/local-lakehouse/target/distribution");

  @Test
  void defaultsKeepTheStateInTheWorkingCopy() {
    LakehouseSettings settings =
        LakehouseSettings.fromEnvironment(Map.of(), REPOSITORY, DISTRIBUTION);
    assertThat(settings.stateDirectory()).isEqualTo(Path.of("/work/repo/.tributary"));
    assertThat(settings.trinoHttpsPort()).isEqualTo(8443);
    assertThat(settings.trinoJdbcUrl())
        .isEqualTo(
            "jdbc:trino://localhost:8443/lakehouse?SSL=true&SSLTrustStorePath=/work/repo/.tributary/tls/trino.pem");
    assertThat(settings.catalogJdbcUrl())
        .isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/lakehouse;DATABASE_TO_LOWER=TRUE");
  }

  @Test
  void environmentMovesStateAndPorts() {
    LakehouseSettings settings =
        LakehouseSettings.fromEnvironment(
            Map.of(
                "TRIBUTARY_HOME",
                "/tmp/elsewhere",
                "TRIBUTARY_TRINO_PORT",
                "9443",
                "TRIBUTARY_S3_PORT",
                "9900"),
            REPOSITORY,
            DISTRIBUTION);
    assertThat(settings.layout().accessRules())
        .isEqualTo(Path.of("/tmp/elsewhere/trino/rules.json"));
    assertThat(settings.trinoUri()).isEqualTo("https://localhost:9443");
    assertThat(settings.s3Endpoint()).isEqualTo("http://127.0.0.1:9900");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(
            () ->
                LakehouseSettings.fromEnvironment(
                    Map.of("TRIBUTARY_H2_PORT", "70000"), REPOSITORY, DISTRIBUTION))
        .isInstanceOf(LakehouseException.class)
        .hasMessage("TRIBUTARY_H2_PORT=70000 is not a TCP port (1-65535)");
    assertThatThrownBy(
            () ->
                LakehouseSettings.fromEnvironment(
                    Map.of("TRIBUTARY_TRINO_HEAP", "lots"), REPOSITORY, DISTRIBUTION))
        .hasMessageContaining("TRIBUTARY_TRINO_HEAP=lots is not a JVM heap size");
  }

  @Test
  void missingBuildSaysWhatIsMissingAndHowToBuild() {
    LakehouseSettings settings =
        LakehouseSettings.fromEnvironment(
            Map.of(), REPOSITORY, Path.of("/nonexistent/distribution"));
    assertThatThrownBy(settings::requireDistribution)
        .hasMessageContaining("/nonexistent/distribution/trino-server-476/lib is missing")
        .hasMessageContaining("./tributary up");
  }

  @Test
  void oldJdkIsRefusedWithItsVersion() {
    assertThatThrownBy(() -> Jdk.requireTrinoCapable(17, "/usr/lib/jvm/java-17"))
        .hasMessageContaining(
            "needs a JDK 24 or newer, but this is Java 17 (/usr/lib/jvm/java-17)");
    Jdk.requireTrinoCapable(25, "/usr/lib/jvm/temurin-25");
  }

  @Test
  void busyPortIsNamedWithItsPurposeAndVariable() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0)) {
      int port = squatter.getLocalPort();
      assertThat(Ports.isFree(port)).isFalse();
      assertThatThrownBy(
              () -> Ports.requireFree(new PortUse(port, "Trino HTTPS", "TRIBUTARY_TRINO_PORT")))
          .hasMessageContaining("Port %d (Trino HTTPS) is already in use".formatted(port))
          .hasMessageContaining("TRIBUTARY_TRINO_PORT=<port>");
    }
  }
}
