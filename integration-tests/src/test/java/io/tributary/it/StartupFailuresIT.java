package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.Ports;
import io.tributary.lakehouse.security.TlsCertificate;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up problems end with a message that names the cause, and leave nothing running. */
class StartupFailuresIT {

  @Test
  void busyPortIsNamedWithTheVariableThatMovesIt() throws Exception {
    Tributary stack = Tributary.onFreePorts(Tributary.workFolder("busy-port"));
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(0));
      int port = squatter.getLocalPort();
      Tributary.Result result = stack.with("TRIBUTARY_S3_PORT", Integer.toString(port)).run("up");
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr())
          .contains("Port %d (S3Proxy) is already in use".formatted(port))
          .contains("TRIBUTARY_S3_PORT=<port>");
    }
    assertThat(stack.run("status").stdout()).contains("not running");
  }

  @Test
  void jdkOlderThan24IsRefusedWithTheVersionFound() throws Exception {
    Path fakeJdk = Tributary.workFolder("jdk-17");
    Files.createDirectories(fakeJdk.resolve("bin"));
    for (String tool : new String[] {"java", "javac"}) {
      Path script = fakeJdk.resolve("bin").resolve(tool);
      Files.writeString(script, "#!/bin/sh\necho 'openjdk version \"17.0.15\" 2025-04-15' >&2\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Tributary.Result result =
        Tributary.onFreePorts(Tributary.workFolder("old-jdk"))
            .run(Map.of("TRIBUTARY_JAVA_HOME", fakeJdk.toString()), "up");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("needs a JDK 24 or newer").contains(fakeJdk + ": Java 17");
  }

  @Test
  void componentThatFailsToStartIsNamedWithItsLogAndEverythingElseStops() throws Exception {
    Path state = Tributary.workFolder("broken-trino");
    Tributary stack = Tributary.onFreePorts(state);
    // A key store Trino cannot read beside a valid certificate: Trino fails while starting HTTPS.
    Path tls = state.resolve("tls");
    TlsCertificate.ensure(
        tls.resolve("trino.p12"),
        tls.resolve("trino.pem"),
        tls.resolve("truststore.p12"),
        "secret");
    Files.writeString(tls.resolve("trino.p12"), "not a key store");

    Tributary.Result result = stack.run("up");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("Trino 476 exited with code")
        .contains("(log: " + state.resolve("logs/trino.log") + ")");
    assertThat(Files.readString(state.resolve("logs/trino.log"))).containsIgnoringCase("keystore");
    for (String variable :
        new String[] {"TRIBUTARY_S3_PORT", "TRIBUTARY_H2_PORT", "TRIBUTARY_DYNAMODB_PORT"}) {
      assertThat(Ports.isFree(Integer.parseInt(stack.variable(variable))))
          .as("%s is released after the failed start", variable)
          .isTrue();
    }
    assertThat(stack.run("status").stdout()).contains("not running");
  }
}
