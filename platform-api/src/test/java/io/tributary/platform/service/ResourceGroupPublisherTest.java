package io.tributary.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.tributary.policies.trino.ResourceGroupLimits;
import io.tributary.policies.trino.ResourceGroups;
import io.tributary.policies.trino.ResourceGroupsDatabase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The publisher's write at start, on the local lakehouse's resource-group tables: whatever they
 * held (here the group of a domain that does not exist), they come to hold the groups of the
 * current domains. Trino runs no query while its tables hold no group, as on a new PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class ResourceGroupPublisherTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Inject ResourceGroupPublisher publisher;
  @Inject PlatformStore store;

  @Test
  void atStartTheTablesComeToHoldTheCurrentDomainsGroups() throws Exception {
    ResourceGroups.Configuration stale =
        ResourceGroups.withDefaultLimits(LakehouseSettings.SERVICE_USER)
            .compile(
                List.of(
                    new ResourceGroups.DomainGroup(
                        "gone_domain",
                        List.of("gone-owners"),
                        new ResourceGroupLimits(1, 1, "1%"))));
    try (Connection connection = connect()) {
      ResourceGroupsDatabase.replace(connection, LakehouseSettings.TRINO_ENVIRONMENT, stale);
    }
    assertThat(groupNames()).contains("gone_domain");

    publisher.start(new StartupEvent());

    List<String> expected = new ArrayList<>();
    publisher
        .compile(store.allDomains())
        .rootGroups()
        .forEach(group -> collectNames(group, expected));
    Instant deadline = Instant.now().plus(PATIENCE);
    while (groupNames().contains("gone_domain") && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(groupNames())
        .doesNotContain("gone_domain")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void collectNames(ResourceGroups.Group group, List<String> names) {
    names.add(group.name());
    group.subGroups().forEach(child -> collectNames(child, names));
  }

  private static List<String> groupNames() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT name FROM resource_groups WHERE environment = ?")) {
      statement.setString(1, LakehouseSettings.TRINO_ENVIRONMENT);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }

  private static Connection connect() throws SQLException {
    LakehouseSettings settings = LocalLakehouseResource.settings();
    Secrets secrets = Secrets.load(settings.layout());
    return DriverManager.getConnection(
        settings.resourceGroupsJdbcUrl(), secrets.catalogUser(), secrets.catalogPassword());
  }
}
