package io.tributary.platform.registry.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.platform.declaration.SemanticVersion;
import io.tributary.platform.registry.ExpectedRevision;
import io.tributary.platform.registry.PageRequest;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.PlatformStoreContractTest;
import io.tributary.platform.registry.ProductVersionEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The registry contract on the DynamoDB adapter, against a real local DynamoDB API (dynalite). */
class DynamoDbPlatformStoreTest extends PlatformStoreContractTest {
  @RegisterExtension static final DynaliteServer DYNALITE = new DynaliteServer();

  private static DynamoDbPlatformStore store;

  @BeforeAll
  static void createTable() {
    store =
        DynamoDbPlatformStore.connect(
            new DynamoDbStoreSettings(
                Optional.of(DYNALITE.endpoint()),
                "us-east-1",
                "registry_" + UUID.randomUUID().toString().replace("-", ""),
                Optional.of(new DynamoDbStoreSettings.StaticCredentials("local", "local"))),
            Clock.systemUTC());
    store.ensureTable();
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @Override
  protected PlatformStore store() {
    return store;
  }

  @Test
  void ensureTableAcceptsAnExistingTable() {
    store.ensureTable();

    assertThat(store.getDomain(uniqueName("absent"))).isEmpty();
  }

  /**
   * Writes, with a raw client, what a writer that died right after its commit point leaves behind:
   * the product item at its new revision, still carrying the version and audit items it was going
   * to write.
   */
  @Test
  void aCommitInterruptedBeforeItsPendingWritesIsFinishedByTheNextReader() {
    String domain = onboardDomain();
    String product = "orders";
    String now = Instant.now().toString();
    Map<String, AttributeValue> version = new HashMap<>();
    version.put("pk", s(domain));
    version.put("sk", s("VERSION#orders#" + SemanticVersion.parse("1.0.0").sortableKey()));
    version.put("domain", s(domain));
    version.put("product", s(product));
    version.put("version", s("1.0.0"));
    version.put("status", s("ACTIVE"));
    version.put("document", s("{\"version\":\"1.0.0\"}"));
    version.put("createdAt", s(now));
    version.put("createdBy", s("alice"));
    version.put("committedAtRevision", AttributeValue.fromN("1"));
    Map<String, AttributeValue> audit = new HashMap<>();
    audit.put("pk", s(domain));
    audit.put("sk", s("AUDIT#01JAAAAAAAAAAAAAAAAAAAAAAA"));
    audit.put("id", s("01JAAAAAAAAAAAAAAAAAAAAAAA"));
    audit.put("domain", s(domain));
    audit.put("at", s(now));
    audit.put("user", s("alice"));
    audit.put("action", s("product.declare"));
    audit.put("target", s(domain + ".orders@1.0.0"));
    audit.put("requestId", s("request-1"));
    audit.put("outcome", s("SUCCEEDED"));
    Map<String, AttributeValue> pointer = new HashMap<>();
    pointer.put("pk", s(domain));
    pointer.put("sk", s("PRODUCT#orders"));
    pointer.put("domain", s(domain));
    pointer.put("product", s(product));
    pointer.put("currentVersion", s("1.0.0"));
    pointer.put("status", s("ACTIVE"));
    pointer.put("document", s("{\"version\":\"1.0.0\"}"));
    pointer.put("revision", AttributeValue.fromN("1"));
    pointer.put("createdAt", s(now));
    pointer.put("createdBy", s("alice"));
    pointer.put("updatedAt", s(now));
    pointer.put("updatedBy", s("alice"));
    pointer.put("discoveryPartition", s("PRODUCT"));
    pointer.put("discoverySort", s(domain + "#orders"));
    pointer.put(
        "pendingWrites",
        AttributeValue.fromL(List.of(AttributeValue.fromM(version), AttributeValue.fromM(audit))));
    try (DynamoDbClient client = rawClient()) {
      client.putItem(request -> request.tableName(store.tableName()).item(pointer));

      assertThat(store.listProductVersions(domain, product))
          .singleElement()
          .satisfies(stored -> assertThat(stored.version()).hasToString("1.0.0"));
      assertThat(store.listAuditEvents(domain, PageRequest.first(10)).items())
          .anySatisfy(event -> assertThat(event.action()).isEqualTo("product.declare"));
      assertThat(
              client
                  .getItem(
                      request ->
                          request
                              .tableName(store.tableName())
                              .key(Map.of("pk", s(domain), "sk", s("PRODUCT#orders")))
                              .consistentRead(true))
                  .item())
          .doesNotContainKey("pendingWrites");
    }
    // The next change commits normally on top of the finished one.
    assertThat(
            store
                .putProductVersion(
                    new ProductVersionEntry(domain, product, SemanticVersion.parse("1.1.0"), "{}"),
                    ExpectedRevision.exactly(1),
                    actor())
                .revision())
        .isEqualTo(2);
  }

  private static DynamoDbClient rawClient() {
    return DynamoDbClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(DYNALITE.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
