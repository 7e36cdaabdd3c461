package io.tributary.lakehouse.component;

import io.tributary.lakehouse.LakehouseException;
import io.tributary.lakehouse.LakehouseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The platform's state store: a DynamoDB-compatible server (dynalite, MIT licensed, on LevelDB)
 * keeping its tables in the state folder's {@code dynamodb/}. The platform reaches it with the
 * ordinary AWS SDK DynamoDB client, exactly as it reaches DynamoDB in AWS.
 */
public final class DynamoDbServer extends ProcessComponent {
  private final LakehouseSettings settings;

  public DynamoDbServer(LakehouseSettings settings) {
    super(settings.layout());
    this.settings = settings;
  }

  @Override
  public String name() {
    return "dynamodb";
  }

  @Override
  public String description() {
    return "DynamoDB API (dynalite on " + layout.dynamoDbData() + ")";
  }

  @Override
  public String url() {
    return settings.dynamoDbEndpoint();
  }

  @Override
  public List<PortUse> ports() {
    return List.of(new PortUse(settings.dynamoDbPort(), "DynamoDB", "TRIBUTARY_DYNAMODB_PORT"));
  }

  @Override
  public Duration startTimeout() {
    return Duration.ofSeconds(60);
  }

  @Override
  protected void prepare() throws IOException {
    Files.createDirectories(layout.dynamoDbData());
  }

  @Override
  protected List<String> command() {
    return List.of(
        node(),
        settings.dynamoDbServer().toString(),
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(settings.dynamoDbPort()),
        "--path",
        layout.dynamoDbData().toString(),
        "--createTableMs",
        "0",
        "--deleteTableMs",
        "0",
        "--updateTableMs",
        "0");
  }

  private static String node() {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(folder, "node");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new LakehouseException(
        "The local DynamoDB server needs Node.js 18 or newer, and no 'node' is on the PATH", null);
  }

  @Override
  protected Path workingDirectory() {
    return layout.root();
  }

  @Override
  public Health probe() {
    return HttpProbe.answers(settings.dynamoDbEndpoint() + "/");
  }
}
