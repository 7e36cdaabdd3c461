package io.tributary.lakehouse.component;

import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** S3Proxy serving the state folder's {@code s3/} as the S3 API, bucket {@code lakehouse}. */
public final class S3ProxyServer extends ProcessComponent {
  private final LakehouseSettings settings;
  private final Secrets secrets;

  public S3ProxyServer(LakehouseSettings settings, Secrets secrets) {
    super(settings.layout());
    this.settings = settings;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "s3proxy";
  }

  @Override
  public String description() {
    return "S3Proxy (S3 API on " + layout.s3Data() + ")";
  }

  @Override
  public String url() {
    return settings.s3Endpoint();
  }

  @Override
  public List<PortUse> ports() {
    return List.of(new PortUse(settings.s3Port(), "S3Proxy", "TRIBUTARY_S3_PORT"));
  }

  @Override
  public Duration startTimeout() {
    return Duration.ofSeconds(60);
  }

  private Path propertiesFile() {
    return layout.root().resolve("s3proxy.properties");
  }

  @Override
  protected void prepare() throws IOException {
    Files.createDirectories(layout.s3Data());
    Properties properties = new Properties();
    properties.setProperty("s3proxy.endpoint", settings.s3Endpoint());
    properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    properties.setProperty("s3proxy.identity", secrets.s3AccessKey());
    properties.setProperty("s3proxy.credential", secrets.s3SecretKey());
    // Recent AWS SDKs send headers S3Proxy does not know; without this it refuses their list calls.
    properties.setProperty("s3proxy.ignore-unknown-headers", "true");
    properties.setProperty("jclouds.provider", "filesystem-nio2");
    properties.setProperty("jclouds.filesystem.basedir", layout.s3Data().toString());
    try (Writer writer = Files.newBufferedWriter(propertiesFile())) {
      properties.store(writer, "Written by the local lakehouse at every start");
    }
    io.tributary.lakehouse.Secrets.restrictToOwner(propertiesFile());
  }

  @Override
  protected List<String> command() {
    return List.of(
        javaExecutable(),
        "-Xmx512m",
        "-jar",
        settings.s3ProxyJar().toString(),
        "--properties",
        propertiesFile().toString());
  }

  @Override
  protected Path workingDirectory() {
    return layout.root();
  }

  @Override
  public Health probe() {
    return HttpProbe.answers(settings.s3Endpoint() + "/");
  }
}
