package io.tributary.lakehouse.component;

import io.tributary.lakehouse.LakehouseException;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.h2.tools.Server;

/**
 * The H2 TCP server holding the Iceberg JDBC catalog. It runs inside the supervisor's own JVM and
 * serves local connections only; the database is created on the first start, by an embedded
 * connection, so the server never lets a remote client create one.
 */
public final class H2CatalogServer implements Component {
  private final LakehouseSettings settings;
  private final Secrets secrets;
  private volatile Server server;

  public H2CatalogServer(LakehouseSettings settings, Secrets secrets) {
    this.settings = settings;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public String description() {
    return "H2 catalog database (Iceberg JDBC catalog on " + settings.layout().h2Data() + ")";
  }

  @Override
  public String url() {
    return settings.catalogJdbcUrl();
  }

  @Override
  public List<PortUse> ports() {
    return List.of(new PortUse(settings.h2Port(), "H2 catalog database", "TRIBUTARY_H2_PORT"));
  }

  @Override
  public java.nio.file.Path logFile() {
    return settings.layout().log("supervisor");
  }

  @Override
  public Duration startTimeout() {
    return Duration.ofSeconds(30);
  }

  @Override
  public synchronized void start() {
    try {
      Files.createDirectories(settings.layout().h2Data());
      String embedded =
          "jdbc:h2:file:"
              + settings.layout().h2Data().resolve(LakehouseSettings.CATALOG)
              + ";DATABASE_TO_LOWER=TRUE";
      try (Connection ignored =
          DriverManager.getConnection(embedded, secrets.catalogUser(), secrets.catalogPassword())) {
        // Creates the database with its owner on the first start; opens and closes it later.
      }
      String resourceGroups =
          "jdbc:h2:file:"
              + settings.layout().h2Data().resolve(LakehouseSettings.RESOURCE_GROUPS_DATABASE)
              + ";NON_KEYWORDS=VALUE";
      try (Connection ignored =
          DriverManager.getConnection(
              resourceGroups, secrets.catalogUser(), secrets.catalogPassword())) {
        // The same for the database of Trino's resource groups: the server creates none itself.
      }
      server =
          Server.createTcpServer(
                  "-tcpPort",
                  Integer.toString(settings.h2Port()),
                  "-baseDir",
                  settings.layout().h2Data().toString())
              .start();
    } catch (IOException | SQLException e) {
      throw new LakehouseException(
          "Cannot start the H2 catalog database: " + e.getMessage(), logFile(), e);
    }
  }

  @Override
  public Health probe() {
    try (Connection connection =
        DriverManager.getConnection(
            settings.catalogJdbcUrl(), secrets.catalogUser(), secrets.catalogPassword())) {
      return connection.isValid(2) ? Health.up("accepts JDBC connections") : Health.down("invalid");
    } catch (SQLException e) {
      return Health.down("no connection: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  @Override
  public boolean isAlive() {
    Server current = server;
    return current == null ? probe().healthy() : current.isRunning(false);
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
