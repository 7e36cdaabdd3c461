package io.tributary.platform.query.trino;

import io.tributary.policies.trino.ResourceGroups;
import io.trino.jdbc.TrinoDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * trino-jdbc connections as the platform's service user for the platform's own jobs (refreshes,
 * quality checks): each names the job as its {@code source} in Trino's query list and carries the
 * domain's client tag, so the domain's resource group runs and limits it, as it does the domain's
 * reads.
 */
public final class ServiceConnections implements AutoCloseable {
  private final TrinoDriver driver = new TrinoDriver();
  private final String jdbcUrl;
  private final String serviceUser;
  private final ServiceTokens serviceTokens;
  private final String source;

  public ServiceConnections(
      String jdbcUrl, String serviceUser, ServiceTokens serviceTokens, String source) {
    this.jdbcUrl = jdbcUrl;
    this.serviceUser = serviceUser;
    this.serviceTokens = serviceTokens;
    this.source = source;
  }

  /** A connection for work done on behalf of {@code domain}. */
  public Connection connect(String domain) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", serviceUser);
    properties.setProperty("accessToken", serviceTokens.current());
    properties.setProperty("source", source);
    properties.setProperty("clientTags", ResourceGroups.domainTag(domain));
    Connection connection = driver.connect(jdbcUrl, properties);
    if (connection == null) {
      throw new IllegalStateException("Not a trino-jdbc URL: " + jdbcUrl);
    }
    return connection;
  }

  @Override
  public void close() {
    try {
      driver.close();
    } catch (java.io.IOException ignored) {
      // Shutting down: the driver's HTTP client threads end with the JVM.
    }
  }
}
