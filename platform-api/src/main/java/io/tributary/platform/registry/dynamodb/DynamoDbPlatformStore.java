package io.tributary.platform.registry.dynamodb;

import static io.tributary.platform.registry.dynamodb.ItemLayout.AUDIT_PREFIX;
import static io.tributary.platform.registry.dynamodb.ItemLayout.COMMITTED_AT_REVISION;
import static io.tributary.platform.registry.dynamodb.ItemLayout.DISCOVERY_INDEX;
import static io.tributary.platform.registry.dynamodb.ItemLayout.DISCOVERY_PARTITION;
import static io.tributary.platform.registry.dynamodb.ItemLayout.DISCOVERY_SORT;
import static io.tributary.platform.registry.dynamodb.ItemLayout.DOMAINS_DISCOVERY_PARTITION;
import static io.tributary.platform.registry.dynamodb.ItemLayout.DOMAIN_SORT_KEY;
import static io.tributary.platform.registry.dynamodb.ItemLayout.PARTITION_KEY;
import static io.tributary.platform.registry.dynamodb.ItemLayout.PENDING_WRITES;
import static io.tributary.platform.registry.dynamodb.ItemLayout.PLATFORM_PARTITION;
import static io.tributary.platform.registry.dynamodb.ItemLayout.PRODUCTS_DISCOVERY_PARTITION;
import static io.tributary.platform.registry.dynamodb.ItemLayout.PRODUCT_PREFIX;
import static io.tributary.platform.registry.dynamodb.ItemLayout.REQUEST_PREFIX;
import static io.tributary.platform.registry.dynamodb.ItemLayout.REVISION;
import static io.tributary.platform.registry.dynamodb.ItemLayout.RUN_PREFIX;
import static io.tributary.platform.registry.dynamodb.ItemLayout.SORT_KEY;
import static io.tributary.platform.registry.dynamodb.ItemLayout.USER_PREFIX;

import io.tributary.platform.declaration.SemanticVersion;
import io.tributary.platform.quality.CheckResult;
import io.tributary.platform.quality.QualityStatus;
import io.tributary.platform.registry.AccessRequestDecisionException;
import io.tributary.platform.registry.AccessRequestEntry;
import io.tributary.platform.registry.AccessRequestId;
import io.tributary.platform.registry.AccessRequestRecord;
import io.tributary.platform.registry.AccessRequestStatus;
import io.tributary.platform.registry.Actor;
import io.tributary.platform.registry.AuditEvent;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.ConcurrentChangeException;
import io.tributary.platform.registry.DomainEntry;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.ExpectedRevision;
import io.tributary.platform.registry.Names;
import io.tributary.platform.registry.Page;
import io.tributary.platform.registry.PageRequest;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.registry.ProductVersionEntry;
import io.tributary.platform.registry.ProductVersionRecord;
import io.tributary.platform.registry.ProvisioningRun;
import io.tributary.platform.registry.QualityEvaluation;
import io.tributary.platform.registry.QualityEvaluationEntry;
import io.tributary.platform.registry.RefreshRun;
import io.tributary.platform.registry.RegistryNotFoundException;
import io.tributary.platform.registry.RegistryUnavailableException;
import io.tributary.platform.registry.RunFinishedException;
import io.tributary.platform.registry.RunId;
import io.tributary.platform.registry.RunStatus;
import io.tributary.platform.registry.StaleRevisionException;
import io.tributary.platform.registry.Ulid;
import io.tributary.platform.registry.UsageRecord;
import io.tributary.platform.registry.UserGroups;
import io.tributary.platform.registry.VersionExistsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The registry on DynamoDB, in one table laid out as {@link ItemLayout} describes.
 *
 * <h2>Why no TransactWriteItems</h2>
 *
 * A change that writes several items (a domain or product item, a product version, the previous
 * version's status, an audit event) must be all or nothing. TransactWriteItems would do it on AWS,
 * but the local lakehouse's DynamoDB-compatible server (dynalite 4.0) does not implement the
 * transaction APIs, and the platform runs one code path everywhere. So each change commits with a
 * single conditional PutItem on the item that carries the revision: the new state, plus the other
 * items still to write ({@code pendingWrites}). That one write is the commit point: if its
 * condition fails nothing at all was written. After it succeeds the pending items are written with
 * idempotent puts and the list is removed; if the writer dies in between, the next reader or writer
 * of that item finishes the job (roll forward) before using it, and no new commit starts while a
 * list is pending. A late, repeated roll forward cannot undo a newer one: each pending item is put
 * only if it was not written by a later revision ({@code committedAtRevision}).
 *
 * <p>Reads of revisioned items are strongly consistent; listings across domains go through the
 * {@code discovery} index and so are eventually consistent, as every GSI is.
 */
public final class DynamoDbPlatformStore implements PlatformStore, AutoCloseable {
  private static final int ATTEMPTS_WITHOUT_PRECONDITION = 5;
  private static final int FULL_LISTING_PAGE_SIZE = 500;

  private final DynamoDbClient client;
  private final boolean ownsClient;
  private final String tableName;
  private final Clock clock;
  private final Ulid ulid;

  /** A store on a client the caller owns and closes. */
  public DynamoDbPlatformStore(DynamoDbClient client, String tableName, Clock clock) {
    this(client, false, tableName, clock);
  }

  private DynamoDbPlatformStore(
      DynamoDbClient client, boolean ownsClient, String tableName, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ulid = new Ulid(clock);
  }

  /**
   * A store with its own client (URL-connection HTTP, which starts fast in a Lambda), closed with
   * the store.
   */
  public static DynamoDbPlatformStore connect(DynamoDbStoreSettings settings, Clock clock) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.of(settings.region()));
    settings.endpointOverride().ifPresent(builder::endpointOverride);
    settings
        .credentials()
        .ifPresent(
            credentials ->
                builder.credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                            credentials.accessKeyId(), credentials.secretAccessKey()))));
    return new DynamoDbPlatformStore(builder.build(), true, settings.tableName(), clock);
  }

  /** The table this store uses. */
  public String tableName() {
    return tableName;
  }

  /**
   * Creates the table and its index, on-demand billing, unless it exists; returns once it is
   * active.
   */
  public void ensureTable() {
    call(
        "create table " + tableName,
        () -> {
          try {
            client.describeTable(request -> request.tableName(tableName));
          } catch (ResourceNotFoundException missing) {
            try {
              client.createTable(
                  request ->
                      request
                          .tableName(tableName)
                          .billingMode(BillingMode.PAY_PER_REQUEST)
                          .attributeDefinitions(
                              stringAttribute(PARTITION_KEY),
                              stringAttribute(SORT_KEY),
                              stringAttribute(DISCOVERY_PARTITION),
                              stringAttribute(DISCOVERY_SORT))
                          .keySchema(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
                          .globalSecondaryIndexes(
                              GlobalSecondaryIndex.builder()
                                  .indexName(DISCOVERY_INDEX)
                                  .keySchema(
                                      key(DISCOVERY_PARTITION, KeyType.HASH),
                                      key(DISCOVERY_SORT, KeyType.RANGE))
                                  .projection(
                                      projection -> projection.projectionType(ProjectionType.ALL))
                                  .build()));
            } catch (ResourceInUseException createdMeanwhile) {
              // Another instance created it first: fine, wait for it below.
            }
          }
          client.waiter().waitUntilTableExists(request -> request.tableName(tableName));
          return null;
        });
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  // Domains

  @Override
  public DomainRecord putDomain(DomainEntry entry, ExpectedRevision expected, Actor actor) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actor, "actor");
    Map<String, AttributeValue> key = key(entry.name(), DOMAIN_SORT_KEY);
    String target = "domain " + entry.name();
    for (int attempt = 0; attempt < ATTEMPTS_WITHOUT_PRECONDITION; attempt++) {
      Optional<Map<String, AttributeValue>> current = readRevisioned(key);
      Long currentRevision = current.map(DynamoDbPlatformStore::revisionOf).orElse(null);
      requireExpected(target, expected, currentRevision);
      Instant now = clock.instant();
      long revision = currentRevision == null ? 1 : currentRevision + 1;
      Map<String, AttributeValue> item = new HashMap<>(key);
      item.put("name", string(entry.name()));
      item.put("document", string(entry.document()));
      item.put("ownerGroups", strings(entry.ownerGroups()));
      item.put("memberGroups", strings(entry.memberGroups()));
      item.put(REVISION, number(revision));
      item.put("createdAt", current.map(stored -> stored.get("createdAt")).orElse(time(now)));
      item.put(
          "createdBy", current.map(stored -> stored.get("createdBy")).orElse(string(actor.user())));
      item.put("updatedAt", time(now));
      item.put("updatedBy", string(actor.user()));
      item.put(DISCOVERY_PARTITION, string(DOMAINS_DISCOVERY_PARTITION));
      item.put(DISCOVERY_SORT, string(entry.name()));
      String action = current.isPresent() ? "domain.update" : "domain.create";
      List<Map<String, AttributeValue>> sideItems =
          List.of(auditItem(entry.name(), actor, action, target, AuditOutcome.SUCCEEDED, now));
      if (commit(item, currentRevision, sideItems)) {
        return toDomain(item);
      }
    }
    throw new ConcurrentChangeException(target);
  }

  @Override
  public Optional<DomainRecord> getDomain(String domain) {
    return readRevisioned(key(Names.requireDomain(domain), DOMAIN_SORT_KEY))
        .map(DynamoDbPlatformStore::toDomain);
  }

  @Override
  public Page<DomainRecord> listDomains(PageRequest page) {
    return discoveryPage(DOMAINS_DISCOVERY_PARTITION, page, DynamoDbPlatformStore::toDomain);
  }

  // Products

  @Override
  public ProductRecord putProductVersion(
      ProductVersionEntry entry, ExpectedRevision expected, Actor actor) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actor, "actor");
    String domain = entry.domain();
    String product = entry.product();
    // Domains are never deleted, so checking once before the commit is enough.
    if (getItem(key(domain, DOMAIN_SORT_KEY)).isEmpty()) {
      throw new RegistryNotFoundException("domain " + domain + " is not onboarded");
    }
    Map<String, AttributeValue> key = key(domain, ItemLayout.productSortKey(product));
    String target = "product " + domain + "." + product;
    for (int attempt = 0; attempt < ATTEMPTS_WITHOUT_PRECONDITION; attempt++) {
      Optional<Map<String, AttributeValue>> current = readRevisioned(key);
      Long currentRevision = current.map(DynamoDbPlatformStore::revisionOf).orElse(null);
      requireExpected(target, expected, currentRevision);
      // Versions are only written by commits on the product item, which the revision condition
      // serialises: a version missing now is still missing when the commit succeeds.
      if (getItem(key(domain, ItemLayout.versionSortKey(product, entry.version()))).isPresent()) {
        throw new VersionExistsException(domain, product, entry.version());
      }
      Instant now = clock.instant();
      long revision = currentRevision == null ? 1 : currentRevision + 1;
      Map<String, AttributeValue> item = new HashMap<>(key);
      item.put("domain", string(domain));
      item.put("product", string(product));
      item.put("currentVersion", string(entry.version().toString()));
      item.put("status", string(ProductStatus.ACTIVE.name()));
      item.put("document", string(entry.document()));
      item.put(REVISION, number(revision));
      item.put("createdAt", current.map(stored -> stored.get("createdAt")).orElse(time(now)));
      item.put(
          "createdBy", current.map(stored -> stored.get("createdBy")).orElse(string(actor.user())));
      item.put("updatedAt", time(now));
      item.put("updatedBy", string(actor.user()));
      item.put(DISCOVERY_PARTITION, string(PRODUCTS_DISCOVERY_PARTITION));
      item.put(DISCOVERY_SORT, string(ItemLayout.productDiscoverySortKey(domain, product)));

      List<Map<String, AttributeValue>> sideItems = new ArrayList<>();
      Map<String, AttributeValue> version = new HashMap<>();
      version.put(PARTITION_KEY, string(domain));
      version.put(SORT_KEY, string(ItemLayout.versionSortKey(product, entry.version())));
      version.put("domain", string(domain));
      version.put("product", string(product));
      version.put("version", string(entry.version().toString()));
      version.put("status", string(ProductStatus.ACTIVE.name()));
      version.put("document", string(entry.document()));
      version.put("createdAt", time(now));
      version.put("createdBy", string(actor.user()));
      version.put(COMMITTED_AT_REVISION, number(revision));
      sideItems.add(version);
      current
          .filter(stored -> ProductStatus.ACTIVE.name().equals(stored.get("status").s()))
          .flatMap(
              stored ->
                  getItem(
                      key(
                          domain,
                          ItemLayout.versionSortKey(
                              product, SemanticVersion.parse(stored.get("currentVersion").s())))))
          .ifPresent(
              previous -> sideItems.add(withStatus(previous, ProductStatus.SUPERSEDED, revision)));
      sideItems.add(
          auditItem(
              domain,
              actor,
              "product.declare",
              domain + "." + product + "@" + entry.version(),
              AuditOutcome.SUCCEEDED,
              now));
      if (commit(item, currentRevision, sideItems)) {
        return toProduct(item);
      }
    }
    throw new ConcurrentChangeException(target);
  }

  @Override
  public Optional<ProductRecord> getProduct(String domain, String product) {
    return readRevisioned(
            key(
                Names.requireDomain(domain),
                ItemLayout.productSortKey(Names.requireProduct(product))))
        .map(DynamoDbPlatformStore::toProduct);
  }

  @Override
  public Optional<ProductVersionRecord> getProductVersion(
      String domain, String product, SemanticVersion version) {
    // Finish any interrupted commit on the product first, so its version is visible.
    getProduct(domain, product);
    return getItem(key(domain, ItemLayout.versionSortKey(product, version)))
        .map(DynamoDbPlatformStore::toProductVersion);
  }

  @Override
  public List<ProductVersionRecord> listProductVersions(String domain, String product) {
    getProduct(domain, product);
    return queryAll(domain, ItemLayout.versionPrefix(product)).stream()
        .map(DynamoDbPlatformStore::toProductVersion)
        .sorted(Comparator.comparing(ProductVersionRecord::version))
        .toList();
  }

  @Override
  public List<ProductRecord> listProducts(String domain) {
    return queryAll(Names.requireDomain(domain), PRODUCT_PREFIX).stream()
        .map(item -> item.containsKey(PENDING_WRITES) ? rollForward(item) : item)
        .map(DynamoDbPlatformStore::toProduct)
        .toList();
  }

  @Override
  public ProductRecord retireProduct(
      String domain, String product, ExpectedRevision expected, Actor actor) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actor, "actor");
    Map<String, AttributeValue> key =
        key(Names.requireDomain(domain), ItemLayout.productSortKey(Names.requireProduct(product)));
    String target = "product " + domain + "." + product;
    for (int attempt = 0; attempt < ATTEMPTS_WITHOUT_PRECONDITION; attempt++) {
      Map<String, AttributeValue> current =
          readRevisioned(key)
              .orElseThrow(() -> new RegistryNotFoundException(target + " is not declared"));
      long currentRevision = revisionOf(current);
      requireExpected(target, expected, currentRevision);
      if (ProductStatus.RETIRED.name().equals(current.get("status").s())) {
        return toProduct(current);
      }
      Instant now = clock.instant();
      long revision = currentRevision + 1;
      Map<String, AttributeValue> item = new HashMap<>(current);
      item.put("status", string(ProductStatus.RETIRED.name()));
      item.put(REVISION, number(revision));
      item.put("updatedAt", time(now));
      item.put("updatedBy", string(actor.user()));
      List<Map<String, AttributeValue>> sideItems = new ArrayList<>();
      String currentVersion = current.get("currentVersion").s();
      getItem(
              key(
                  domain,
                  ItemLayout.versionSortKey(product, SemanticVersion.parse(currentVersion))))
          .ifPresent(
              version -> sideItems.add(withStatus(version, ProductStatus.RETIRED, revision)));
      sideItems.add(
          auditItem(
              domain,
              actor,
              "product.retire",
              domain + "." + product + "@" + currentVersion,
              AuditOutcome.SUCCEEDED,
              now));
      if (commit(item, currentRevision, sideItems)) {
        return toProduct(item);
      }
    }
    throw new ConcurrentChangeException(target);
  }

  @Override
  public Page<ProductRecord> discoverProducts(PageRequest page) {
    return discoveryPage(PRODUCTS_DISCOVERY_PARTITION, page, DynamoDbPlatformStore::toProduct);
  }

  // Provisioning runs

  @Override
  public ProvisioningRun createRun(String domain, String trigger) {
    RunId id = new RunId(Names.requireDomain(domain), ulid.next());
    Names.requireText(trigger, "trigger");
    Map<String, AttributeValue> item = new HashMap<>(runKey(id));
    item.put("runId", string(id.toString()));
    item.put("domain", string(domain));
    item.put("status", string(RunStatus.PENDING.name()));
    item.put("trigger", string(trigger));
    item.put("log", strings(List.of()));
    item.put("startedAt", time(clock.instant()));
    call(
        "create run " + id,
        () ->
            client.putItem(
                request ->
                    request
                        .tableName(tableName)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))));
    return toRun(item);
  }

  @Override
  public ProvisioningRun updateRun(RunId id, RunStatus status, String planSummary, String error) {
    Objects.requireNonNull(status, "status");
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#status", "status");
    values.put(":status", string(status.name()));
    values.put(":pending", string(RunStatus.PENDING.name()));
    values.put(":running", string(RunStatus.RUNNING.name()));
    StringBuilder update = new StringBuilder("SET #status = :status");
    if (status.isFinal()) {
      names.put("#finishedAt", "finishedAt");
      values.put(":finishedAt", time(clock.instant()));
      update.append(", #finishedAt = :finishedAt");
    }
    if (planSummary != null) {
      names.put("#planSummary", "planSummary");
      values.put(":planSummary", string(planSummary));
      update.append(", #planSummary = :planSummary");
    }
    if (error != null) {
      names.put("#error", "error");
      values.put(":error", string(error));
      update.append(", #error = :error");
    }
    try {
      Map<String, AttributeValue> updated =
          call(
              "update run " + id,
              () ->
                  client
                      .updateItem(
                          request ->
                              request
                                  .tableName(tableName)
                                  .key(runKey(id))
                                  .updateExpression(update.toString())
                                  // Only unfinished runs change; this also refuses unknown runs.
                                  .conditionExpression("#status IN (:pending, :running)")
                                  .expressionAttributeNames(names)
                                  .expressionAttributeValues(values)
                                  .returnValues(ReturnValue.ALL_NEW))
                      .attributes());
      return toRun(updated);
    } catch (ConditionalCheckFailedException refused) {
      ProvisioningRun stored = getRun(id).orElseThrow(() -> runNotFound(id));
      throw new RunFinishedException(id, stored.status());
    }
  }

  @Override
  public void appendRunLog(RunId id, Collection<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    try {
      call(
          "append to the log of run " + id,
          () ->
              client.updateItem(
                  request ->
                      request
                          .tableName(tableName)
                          .key(runKey(id))
                          .updateExpression(
                              "SET #log = list_append(if_not_exists(#log, :empty), :lines)")
                          .conditionExpression("attribute_exists(#pk)")
                          .expressionAttributeNames(Map.of("#log", "log", "#pk", PARTITION_KEY))
                          .expressionAttributeValues(
                              Map.of(":empty", strings(List.of()), ":lines", strings(lines)))));
    } catch (ConditionalCheckFailedException missing) {
      throw runNotFound(id);
    }
  }

  @Override
  public Optional<ProvisioningRun> getRun(RunId id) {
    return getItem(runKey(id)).map(DynamoDbPlatformStore::toRun);
  }

  @Override
  public Page<ProvisioningRun> listRuns(String domain, PageRequest page) {
    return domainPage(Names.requireDomain(domain), RUN_PREFIX, page, DynamoDbPlatformStore::toRun);
  }

  private static Map<String, AttributeValue> runKey(RunId id) {
    return key(id.domain(), RUN_PREFIX + id.ulid());
  }

  private static RegistryNotFoundException runNotFound(RunId id) {
    return new RegistryNotFoundException("run " + id + " does not exist");
  }

  // Access requests

  @Override
  public AccessRequestRecord createAccessRequest(AccessRequestEntry entry, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    String domain = entry.domain();
    if (getProduct(domain, entry.product()).isEmpty()) {
      throw new RegistryNotFoundException(
          "product " + domain + "." + entry.product() + " is not declared");
    }
    AccessRequestId id = new AccessRequestId(domain, ulid.next());
    Instant now = clock.instant();
    Map<String, AttributeValue> item = new HashMap<>(requestKey(id));
    item.put("requestId", string(id.toString()));
    item.put("domain", string(domain));
    item.put("product", string(entry.product()));
    item.put("requester", string(entry.requester()));
    entry.columns().ifPresent(columns -> item.put("columns", strings(columns)));
    item.put("purpose", string(entry.purpose()));
    item.put("duration", string(entry.duration().toString()));
    item.put("status", string(AccessRequestStatus.PENDING.name()));
    item.put("requestedAt", time(now));
    item.put(REVISION, number(1));
    Map<String, AttributeValue> pointer =
        new HashMap<>(
            key(PLATFORM_PARTITION, ItemLayout.requesterPrefix(entry.requester()) + id.ulid()));
    pointer.put("requester", string(entry.requester()));
    pointer.put("requestId", string(id.toString()));
    List<Map<String, AttributeValue>> sideItems =
        List.of(
            pointer,
            auditItem(
                domain,
                actor,
                "access-request.create",
                id + " " + domain + "." + entry.product(),
                AuditOutcome.SUCCEEDED,
                now));
    if (!commit(item, null, sideItems)) {
      // A fresh ULID cannot be taken already.
      throw new ConcurrentChangeException("access request " + id);
    }
    return toAccessRequest(item);
  }

  @Override
  public Optional<AccessRequestRecord> getAccessRequest(AccessRequestId id) {
    return readRevisioned(requestKey(id)).map(DynamoDbPlatformStore::toAccessRequest);
  }

  @Override
  public AccessRequestRecord decideAccessRequest(
      AccessRequestId id,
      AccessRequestStatus decision,
      String reason,
      ExpectedRevision expected,
      Actor actor) {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actor, "actor");
    Map<String, AttributeValue> key = requestKey(id);
    String target = "access request " + id;
    for (int attempt = 0; attempt < ATTEMPTS_WITHOUT_PRECONDITION; attempt++) {
      Map<String, AttributeValue> current =
          readRevisioned(key)
              .orElseThrow(() -> new RegistryNotFoundException(target + " does not exist"));
      long currentRevision = revisionOf(current);
      requireExpected(target, expected, currentRevision);
      AccessRequestStatus status = AccessRequestStatus.valueOf(current.get("status").s());
      if (!status.mayBecome(decision)) {
        throw new AccessRequestDecisionException(id, status, decision);
      }
      Instant now = clock.instant();
      long revision = currentRevision + 1;
      Map<String, AttributeValue> item = new HashMap<>(current);
      item.put("status", string(decision.name()));
      item.put("decidedBy", string(actor.user()));
      item.put("decidedAt", time(now));
      if (reason != null && !reason.isBlank()) {
        item.put("reason", string(reason));
      } else {
        item.remove("reason");
      }
      if (decision == AccessRequestStatus.APPROVED) {
        item.put("expiresAt", time(now.plus(Duration.parse(current.get("duration").s()))));
      }
      item.put(REVISION, number(revision));
      List<Map<String, AttributeValue>> sideItems =
          List.of(
              auditItem(
                  id.domain(),
                  actor,
                  "access-request." + verb(decision),
                  id + " " + id.domain() + "." + current.get("product").s(),
                  AuditOutcome.SUCCEEDED,
                  now));
      if (commit(item, currentRevision, sideItems)) {
        return toAccessRequest(item);
      }
    }
    throw new ConcurrentChangeException(target);
  }

  private static String verb(AccessRequestStatus decision) {
    return switch (decision) {
      case APPROVED -> "approve";
      case REJECTED -> "reject";
      case REVOKED -> "revoke";
      case PENDING ->
          throw new IllegalArgumentException("a decision cannot make a request pending");
    };
  }

  @Override
  public List<AccessRequestRecord> listAccessRequests(String domain) {
    List<Map<String, AttributeValue>> items =
        new ArrayList<>(queryAll(Names.requireDomain(domain), REQUEST_PREFIX));
    java.util.Collections.reverse(items);
    return items.stream()
        .map(item -> item.containsKey(PENDING_WRITES) ? rollForward(item) : item)
        .map(DynamoDbPlatformStore::toAccessRequest)
        .toList();
  }

  @Override
  public List<AccessRequestRecord> listAccessRequestsBy(String requester) {
    Names.requireText(requester, "requester");
    List<AccessRequestRecord> requests = new ArrayList<>();
    for (Map<String, AttributeValue> pointer :
        queryAll(PLATFORM_PARTITION, ItemLayout.requesterPrefix(requester))) {
      if (!requester.equals(pointer.get("requester").s())) {
        continue; // a user whose name extends this one's past a '#'
      }
      getAccessRequest(AccessRequestId.parse(pointer.get("requestId").s()))
          .ifPresent(requests::add);
    }
    requests.sort(
        Comparator.comparing((AccessRequestRecord request) -> request.id().ulid()).reversed());
    return requests;
  }

  private static Map<String, AttributeValue> requestKey(AccessRequestId id) {
    return key(id.domain(), REQUEST_PREFIX + id.ulid());
  }

  // Audit

  @Override
  public AuditEvent recordAuditEvent(
      String domain, Actor actor, String action, String target, AuditOutcome outcome) {
    Map<String, AttributeValue> item =
        auditItem(
            Names.requireDomain(domain),
            Objects.requireNonNull(actor, "actor"),
            Names.requireText(action, "action"),
            Names.requireText(target, "target"),
            Objects.requireNonNull(outcome, "outcome"),
            clock.instant());
    call(
        "record an audit event",
        () -> client.putItem(request -> request.tableName(tableName).item(item)));
    return toAuditEvent(item);
  }

  @Override
  public Page<AuditEvent> listAuditEvents(String domain, PageRequest page) {
    return domainPage(
        Names.requireDomain(domain), AUDIT_PREFIX, page, DynamoDbPlatformStore::toAuditEvent);
  }

  private Map<String, AttributeValue> auditItem(
      String domain, Actor actor, String action, String target, AuditOutcome outcome, Instant at) {
    String id = ulid.next();
    Map<String, AttributeValue> item = new HashMap<>(key(domain, AUDIT_PREFIX + id));
    item.put("id", string(id));
    item.put("domain", string(domain));
    item.put("at", time(at));
    item.put("user", string(actor.user()));
    item.put("action", string(action));
    item.put("target", string(target));
    item.put("requestId", string(actor.requestId()));
    item.put("outcome", string(outcome.name()));
    return item;
  }

  // Users

  @Override
  public void recordUserGroups(String user, Collection<String> groups) {
    Names.requireText(user, "user");
    Map<String, AttributeValue> item = new HashMap<>(key(PLATFORM_PARTITION, USER_PREFIX + user));
    item.put("user", string(user));
    item.put("groups", strings(new TreeSet<>(groups)));
    item.put("lastSeen", time(clock.instant()));
    call(
        "record the groups of " + user,
        () -> client.putItem(request -> request.tableName(tableName).item(item)));
  }

  @Override
  public List<UserGroups> allUserGroups() {
    return queryAll(PLATFORM_PARTITION, USER_PREFIX).stream()
        .map(
            item ->
                new UserGroups(
                    item.get("user").s(),
                    new LinkedHashSet<>(stringList(item.get("groups"))),
                    Instant.parse(item.get("lastSeen").s())))
        .toList();
  }

  // The commit protocol (see the class comment)

  /**
   * Writes {@code item} if the stored one is still at {@code readRevision} (null: still missing)
   * with nothing pending, then writes the side items. False when another writer came first; nothing
   * was written then.
   */
  private boolean commit(
      Map<String, AttributeValue> item,
      Long readRevision,
      List<Map<String, AttributeValue>> sideItems) {
    Map<String, AttributeValue> committed = new HashMap<>(item);
    committed.remove(PENDING_WRITES);
    if (!sideItems.isEmpty()) {
      committed.put(
          PENDING_WRITES,
          AttributeValue.fromL(sideItems.stream().map(AttributeValue::fromM).toList()));
    }
    Map<String, String> names = new HashMap<>();
    names.put("#pk", PARTITION_KEY);
    Map<String, AttributeValue> values = new HashMap<>();
    String condition;
    if (readRevision == null) {
      condition = "attribute_not_exists(#pk)";
    } else {
      condition = "#revision = :revision AND attribute_not_exists(#pending)";
      names.remove("#pk");
      names.put("#revision", REVISION);
      names.put("#pending", PENDING_WRITES);
      values.put(":revision", number(readRevision));
    }
    try {
      call(
          "write " + describe(item),
          () ->
              client.putItem(
                  request -> {
                    request
                        .tableName(tableName)
                        .item(committed)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names);
                    if (!values.isEmpty()) {
                      request.expressionAttributeValues(values);
                    }
                  }));
    } catch (ConditionalCheckFailedException otherWriterFirst) {
      return false;
    }
    rollForward(committed);
    return true;
  }

  /**
   * Writes the pending items of a committed item, then clears the list; safe to repeat and to run
   * concurrently. Returns the item without its pending list.
   */
  private Map<String, AttributeValue> rollForward(Map<String, AttributeValue> item) {
    AttributeValue pending = item.get(PENDING_WRITES);
    if (pending == null) {
      return item;
    }
    AttributeValue revision = item.get(REVISION);
    for (AttributeValue sideItem : pending.l()) {
      Map<String, AttributeValue> sideValues = sideItem.m();
      try {
        boolean revisioned = sideValues.containsKey(COMMITTED_AT_REVISION);
        call(
            "write " + describe(sideValues),
            () ->
                client.putItem(
                    request -> {
                      request.tableName(tableName).item(sideValues);
                      if (revisioned) {
                        // Never let a late, repeated roll forward undo a newer commit's write.
                        request
                            .conditionExpression(
                                "attribute_not_exists(#written) OR #written <= :revision")
                            .expressionAttributeNames(Map.of("#written", COMMITTED_AT_REVISION))
                            .expressionAttributeValues(
                                Map.of(":revision", sideValues.get(COMMITTED_AT_REVISION)));
                      }
                    }));
      } catch (ConditionalCheckFailedException newerCommitWroteIt) {
        // Nothing to do: a later commit already wrote a newer state of this item.
      }
    }
    try {
      call(
          "finish " + describe(item),
          () ->
              client.updateItem(
                  request ->
                      request
                          .tableName(tableName)
                          .key(key(item.get(PARTITION_KEY).s(), item.get(SORT_KEY).s()))
                          .updateExpression("REMOVE #pending")
                          .conditionExpression("#revision = :revision")
                          .expressionAttributeNames(
                              Map.of("#pending", PENDING_WRITES, "#revision", REVISION))
                          .expressionAttributeValues(Map.of(":revision", revision))));
    } catch (ConditionalCheckFailedException alreadyFinished) {
      // Someone finished this commit and committed again since: nothing left for us to do.
    }
    Map<String, AttributeValue> finished = new HashMap<>(item);
    finished.remove(PENDING_WRITES);
    return finished;
  }

  /** A revisioned item, read consistently, with any interrupted commit on it finished first. */
  private Optional<Map<String, AttributeValue>> readRevisioned(Map<String, AttributeValue> key) {
    return getItem(key).map(this::rollForward);
  }

  private static void requireExpected(String target, ExpectedRevision expected, Long current) {
    if (!expected.isMetBy(current)) {
      throw new StaleRevisionException(
          target, expected, current == null ? OptionalLong.empty() : OptionalLong.of(current));
    }
  }

  private static Map<String, AttributeValue> withStatus(
      Map<String, AttributeValue> version, ProductStatus status, long revision) {
    Map<String, AttributeValue> changed = new HashMap<>(version);
    changed.put("status", string(status.name()));
    changed.put(COMMITTED_AT_REVISION, number(revision));
    return changed;
  }

  // Reading

  private Optional<Map<String, AttributeValue>> getItem(Map<String, AttributeValue> key) {
    return call(
        "read " + describe(key),
        () -> {
          var response =
              client.getItem(request -> request.tableName(tableName).key(key).consistentRead(true));
          return response.hasItem() && !response.item().isEmpty()
              ? Optional.of(response.item())
              : Optional.empty();
        });
  }

  /** Every item of a partition whose sort key starts with the prefix, in sort key order. */
  private List<Map<String, AttributeValue>> queryAll(String partition, String sortKeyPrefix) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response =
          query(
              partitionQuery(partition, sortKeyPrefix)
                  .limit(FULL_LISTING_PAGE_SIZE)
                  .exclusiveStartKey(startKey));
      items.addAll(response.items());
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (startKey != null && !startKey.isEmpty());
    return items;
  }

  /** One page of a domain's items of one kind, newest first (their sort keys are ULIDs). */
  private <T> Page<T> domainPage(
      String domain,
      String sortKeyPrefix,
      PageRequest page,
      Function<Map<String, AttributeValue>, T> mapper) {
    QueryRequest.Builder request =
        partitionQuery(domain, sortKeyPrefix).scanIndexForward(false).limit(page.pageSize());
    page.pageToken()
        .ifPresent(
            token ->
                request.exclusiveStartKey(
                    PageTokens.decode(
                        token,
                        Set.of(PARTITION_KEY, SORT_KEY),
                        values ->
                            values.get(PARTITION_KEY).equals(domain)
                                && values.get(SORT_KEY).startsWith(sortKeyPrefix))));
    return toPage(query(request), mapper);
  }

  /** One page of the discovery index's partition, in sort key order. */
  private <T> Page<T> discoveryPage(
      String partition, PageRequest page, Function<Map<String, AttributeValue>, T> mapper) {
    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(tableName)
            .indexName(DISCOVERY_INDEX)
            .keyConditionExpression("#partition = :partition")
            .expressionAttributeNames(Map.of("#partition", DISCOVERY_PARTITION))
            .expressionAttributeValues(Map.of(":partition", string(partition)))
            .limit(page.pageSize());
    Predicate<Map<String, String>> ownListing =
        values -> values.get(DISCOVERY_PARTITION).equals(partition);
    page.pageToken()
        .ifPresent(
            token ->
                request.exclusiveStartKey(
                    PageTokens.decode(
                        token,
                        Set.of(PARTITION_KEY, SORT_KEY, DISCOVERY_PARTITION, DISCOVERY_SORT),
                        ownListing)));
    return toPage(query(request), mapper);
  }

  private QueryRequest.Builder partitionQuery(String partition, String sortKeyPrefix) {
    return QueryRequest.builder()
        .tableName(tableName)
        .consistentRead(true)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
        .expressionAttributeValues(
            Map.of(":pk", string(partition), ":prefix", string(sortKeyPrefix)));
  }

  private QueryResponse query(QueryRequest.Builder request) {
    QueryRequest built = request.build();
    return call("query " + tableName, () -> client.query(built));
  }

  private static <T> Page<T> toPage(
      QueryResponse response, Function<Map<String, AttributeValue>, T> mapper) {
    return new Page<>(
        response.items().stream().map(mapper).toList(),
        PageTokens.encode(response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null));
  }

  /** Runs a DynamoDB call, turning failures other than a failed condition into a typed error. */
  private <T> T call(String what, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (ConditionalCheckFailedException conditionFailed) {
      throw conditionFailed;
    } catch (SdkException e) {
      throw new RegistryUnavailableException(
          "the registry could not " + what + " in table " + tableName + ": " + e.getMessage(), e);
    }
  }

  // Mapping

  private static DomainRecord toDomain(Map<String, AttributeValue> item) {
    return new DomainRecord(
        item.get("name").s(),
        item.get("document").s(),
        stringList(item.get("ownerGroups")),
        stringList(item.get("memberGroups")),
        revisionOf(item),
        Instant.parse(item.get("createdAt").s()),
        item.get("createdBy").s(),
        Instant.parse(item.get("updatedAt").s()),
        item.get("updatedBy").s());
  }

  private static ProductRecord toProduct(Map<String, AttributeValue> item) {
    return new ProductRecord(
        item.get("domain").s(),
        item.get("product").s(),
        SemanticVersion.parse(item.get("currentVersion").s()),
        ProductStatus.valueOf(item.get("status").s()),
        item.get("document").s(),
        revisionOf(item),
        Instant.parse(item.get("createdAt").s()),
        item.get("createdBy").s(),
        Instant.parse(item.get("updatedAt").s()),
        item.get("updatedBy").s());
  }

  private static ProductVersionRecord toProductVersion(Map<String, AttributeValue> item) {
    return new ProductVersionRecord(
        item.get("domain").s(),
        item.get("product").s(),
        SemanticVersion.parse(item.get("version").s()),
        ProductStatus.valueOf(item.get("status").s()),
        item.get("document").s(),
        Instant.parse(item.get("createdAt").s()),
        item.get("createdBy").s());
  }

  private static ProvisioningRun toRun(Map<String, AttributeValue> item) {
    return new ProvisioningRun(
        RunId.parse(item.get("runId").s()),
        item.get("domain").s(),
        RunStatus.valueOf(item.get("status").s()),
        item.get("trigger").s(),
        optionalString(item, "planSummary"),
        stringList(item.get("log")),
        Instant.parse(item.get("startedAt").s()),
        Optional.ofNullable(optionalString(item, "finishedAt")).map(Instant::parse).orElse(null),
        optionalString(item, "error"));
  }

  private static AccessRequestRecord toAccessRequest(Map<String, AttributeValue> item) {
    return new AccessRequestRecord(
        AccessRequestId.parse(item.get("requestId").s()),
        item.get("product").s(),
        item.get("requester").s(),
        item.containsKey("columns")
            ? Optional.of(stringList(item.get("columns")))
            : Optional.empty(),
        item.get("purpose").s(),
        Duration.parse(item.get("duration").s()),
        AccessRequestStatus.valueOf(item.get("status").s()),
        Instant.parse(item.get("requestedAt").s()),
        optionalString(item, "decidedBy"),
        Optional.ofNullable(optionalString(item, "decidedAt")).map(Instant::parse).orElse(null),
        optionalString(item, "reason"),
        Optional.ofNullable(optionalString(item, "expiresAt")).map(Instant::parse).orElse(null),
        revisionOf(item));
  }

  private static AuditEvent toAuditEvent(Map<String, AttributeValue> item) {
    return new AuditEvent(
        item.get("id").s(),
        item.get("domain").s(),
        Instant.parse(item.get("at").s()),
        item.get("user").s(),
        item.get("action").s(),
        item.get("target").s(),
        item.get("requestId").s(),
        AuditOutcome.valueOf(item.get("outcome").s()));
  }

  // Attribute values

  static Map<String, AttributeValue> key(String partition, String sortKey) {
    return Map.of(PARTITION_KEY, string(partition), SORT_KEY, string(sortKey));
  }

  private static long revisionOf(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get(REVISION).n());
  }

  private static String describe(Map<String, AttributeValue> item) {
    return item.get(PARTITION_KEY).s() + "/" + item.get(SORT_KEY).s();
  }

  private static AttributeValue string(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static AttributeValue time(Instant instant) {
    return AttributeValue.fromS(instant.toString());
  }

  /** A list, not a string set: sets cannot be empty in DynamoDB, and lists keep order. */
  private static AttributeValue strings(Collection<String> values) {
    return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
  }

  private static List<String> stringList(AttributeValue value) {
    return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
  }

  private static String optionalString(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  // Quality evaluations

  @Override
  public QualityEvaluation recordQualityEvaluation(QualityEvaluationEntry entry) {
    Objects.requireNonNull(entry, "entry");
    String id = ulid.next();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", string(id));
    item.put("domain", string(entry.domain()));
    item.put("product", string(entry.product()));
    if (entry.snapshotId() != null) {
      item.put("snapshotId", number(entry.snapshotId()));
    }
    if (entry.committedAt() != null) {
      item.put("committedAt", time(entry.committedAt()));
    }
    item.put("trigger", string(entry.trigger()));
    item.put("evaluatedAt", time(clock.instant()));
    item.put("status", string(entry.status().name()));
    item.put(
        "results",
        AttributeValue.fromL(
            entry.results().stream().map(DynamoDbPlatformStore::resultItem).toList()));
    Map<String, AttributeValue> history = new HashMap<>(item);
    history.putAll(key(entry.domain(), ItemLayout.qualityPrefix(entry.product()) + id));
    call(
        "record a quality evaluation of " + entry.domain() + "." + entry.product(),
        () -> client.putItem(request -> request.tableName(tableName).item(history)));
    Map<String, AttributeValue> latest = new HashMap<>(item);
    latest.putAll(key(entry.domain(), ItemLayout.QUALITY_LATEST_PREFIX + entry.product()));
    try {
      call(
          "record the latest quality of " + entry.domain() + "." + entry.product(),
          () ->
              client.putItem(
                  request ->
                      request
                          .tableName(tableName)
                          .item(latest)
                          // ULIDs rise with time: an older evaluation finishing late stays history.
                          .conditionExpression("attribute_not_exists(#pk) OR #id < :id")
                          .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#id", "id"))
                          .expressionAttributeValues(Map.of(":id", string(id)))));
    } catch (ConditionalCheckFailedException newerIsLatest) {
      // Kept in the history only.
    }
    return toQualityEvaluation(item);
  }

  @Override
  public Optional<QualityEvaluation> latestQualityEvaluation(String domain, String product) {
    return getItem(
            key(
                Names.requireDomain(domain),
                ItemLayout.QUALITY_LATEST_PREFIX + Names.requireText(product, "product")))
        .map(DynamoDbPlatformStore::toQualityEvaluation);
  }

  @Override
  public Map<String, QualityEvaluation> latestQualityEvaluations(String domain) {
    Map<String, QualityEvaluation> latest = new java.util.TreeMap<>();
    for (Map<String, AttributeValue> item :
        queryAll(Names.requireDomain(domain), ItemLayout.QUALITY_LATEST_PREFIX)) {
      QualityEvaluation evaluation = toQualityEvaluation(item);
      latest.put(evaluation.product(), evaluation);
    }
    return latest;
  }

  @Override
  public Page<QualityEvaluation> listQualityEvaluations(
      String domain, String product, PageRequest page) {
    return domainPage(
        Names.requireDomain(domain),
        ItemLayout.qualityPrefix(Names.requireText(product, "product")),
        page,
        DynamoDbPlatformStore::toQualityEvaluation);
  }

  private static AttributeValue resultItem(CheckResult result) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("check", string(result.check()));
    item.put("severity", string(result.severity()));
    item.put("passed", AttributeValue.fromBool(result.passed()));
    if (result.observed() != null) {
      item.put("observed", string(result.observed()));
    }
    if (result.expected() != null) {
      item.put("expected", string(result.expected()));
    }
    item.put("message", string(result.message()));
    return AttributeValue.fromM(item);
  }

  private static QualityEvaluation toQualityEvaluation(Map<String, AttributeValue> item) {
    List<CheckResult> results = new ArrayList<>();
    AttributeValue stored = item.get("results");
    if (stored != null) {
      for (AttributeValue value : stored.l()) {
        Map<String, AttributeValue> result = value.m();
        results.add(
            new CheckResult(
                result.get("check").s(),
                result.get("severity").s(),
                result.get("passed").bool(),
                optionalString(result, "observed"),
                optionalString(result, "expected"),
                result.get("message").s()));
      }
    }
    return new QualityEvaluation(
        item.get("id").s(),
        item.get("domain").s(),
        item.get("product").s(),
        item.containsKey("snapshotId") ? Long.parseLong(item.get("snapshotId").n()) : null,
        Optional.ofNullable(optionalString(item, "committedAt")).map(Instant::parse).orElse(null),
        item.get("trigger").s(),
        Instant.parse(item.get("evaluatedAt").s()),
        QualityStatus.valueOf(item.get("status").s()),
        results);
  }

  // Refreshes of SQL-derived products

  @Override
  public void putRefreshRun(RefreshRun run) {
    Map<String, AttributeValue> item =
        new HashMap<>(
            key(
                Names.requireDomain(run.domain()),
                ItemLayout.refreshPrefix(Names.requireProduct(run.product())) + run.id()));
    item.put("domain", string(run.domain()));
    item.put("product", string(run.product()));
    item.put("refreshId", string(run.id()));
    item.put("trigger", string(run.trigger()));
    item.put("status", string(run.status().name()));
    Map<String, AttributeValue> inputs = new LinkedHashMap<>();
    run.inputSnapshots()
        .forEach(
            (input, snapshot) ->
                inputs.put(
                    input, snapshot == null ? AttributeValue.fromNul(true) : number(snapshot)));
    item.put("inputSnapshots", AttributeValue.fromM(inputs));
    if (run.outputSnapshot() != null) {
      item.put("outputSnapshot", number(run.outputSnapshot()));
    }
    item.put("rowsWritten", number(run.rowsWritten()));
    item.put("rowCount", number(run.rowCount()));
    item.put("startedAt", time(run.startedAt()));
    if (run.finishedAt() != null) {
      item.put("finishedAt", time(run.finishedAt()));
    }
    if (run.error() != null) {
      item.put("error", string(run.error()));
    }
    call(
        "record refresh " + run.domain() + "." + run.product() + " " + run.id(),
        () -> client.putItem(request -> request.tableName(tableName).item(item)));
  }

  @Override
  public Page<RefreshRun> listRefreshRuns(String domain, String product, PageRequest page) {
    return domainPage(
        Names.requireDomain(domain),
        ItemLayout.refreshPrefix(Names.requireProduct(product)),
        page,
        DynamoDbPlatformStore::toRefreshRun);
  }

  private static RefreshRun toRefreshRun(Map<String, AttributeValue> item) {
    Map<String, Long> inputs = new LinkedHashMap<>();
    AttributeValue stored = item.get("inputSnapshots");
    if (stored != null && stored.hasM()) {
      new java.util.TreeMap<>(stored.m())
          .forEach(
              (input, snapshot) ->
                  inputs.put(input, snapshot.n() == null ? null : Long.parseLong(snapshot.n())));
    }
    AttributeValue output = item.get("outputSnapshot");
    return new RefreshRun(
        item.get("domain").s(),
        item.get("product").s(),
        item.get("refreshId").s(),
        item.get("trigger").s(),
        RunStatus.valueOf(item.get("status").s()),
        inputs,
        output == null ? null : Long.parseLong(output.n()),
        Long.parseLong(item.get("rowsWritten").n()),
        Long.parseLong(item.get("rowCount").n()),
        Instant.parse(item.get("startedAt").s()),
        Optional.ofNullable(optionalString(item, "finishedAt")).map(Instant::parse).orElse(null),
        optionalString(item, "error"));
  }

  // Usage

  @Override
  public void recordUsage(UsageRecord usage, java.time.Duration retention) {
    Objects.requireNonNull(usage, "usage");
    String domain = Names.requireDomain(usage.domain());
    Map<String, AttributeValue> item =
        new HashMap<>(
            key(domain, ItemLayout.usageSortKey(usage.at(), usage.queryId() + "#" + ulid.next())));
    item.put("domain", string(domain));
    item.put("product", string(usage.product()));
    item.put("consumer", string(usage.consumer()));
    item.put("at", time(usage.at()));
    item.put("queryId", string(usage.queryId()));
    item.put("queries", number(usage.queries()));
    item.put("bytesRead", number(usage.bytesRead()));
    item.put("processedBytes", number(usage.processedBytes()));
    item.put("cpuMillis", number(usage.cpuMillis()));
    item.put("wallMillis", number(usage.wallMillis()));
    item.put("rows", number(usage.rows()));
    item.put(ItemLayout.EXPIRES_AT, number(usage.at().plus(retention).getEpochSecond()));
    call("record usage", () -> client.putItem(request -> request.tableName(tableName).item(item)));
  }

  @Override
  public List<UsageRecord> listUsage(String domain, Instant from, Instant to) {
    Names.requireDomain(domain);
    List<UsageRecord> usage = new ArrayList<>();
    if (!from.isBefore(to)) {
      return usage;
    }
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response =
          query(
              QueryRequest.builder()
                  .tableName(tableName)
                  .consistentRead(true)
                  .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                  .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                  .expressionAttributeValues(
                      Map.of(
                          ":pk",
                          string(domain),
                          ":from",
                          string(ItemLayout.usageTimeKey(from)),
                          // '#' sorts before every character of a query id: the range ends
                          // before the first key at "to".
                          ":to",
                          string(ItemLayout.usageTimeKey(to))))
                  .limit(FULL_LISTING_PAGE_SIZE)
                  .exclusiveStartKey(startKey));
      for (Map<String, AttributeValue> item : response.items()) {
        if (item.get(SORT_KEY).s().startsWith(ItemLayout.usageTimeKey(to))) {
          continue;
        }
        usage.add(
            new UsageRecord(
                item.get("domain").s(),
                item.get("product").s(),
                item.get("consumer").s(),
                Instant.parse(item.get("at").s()),
                item.get("queryId").s(),
                Integer.parseInt(item.get("queries").n()),
                Long.parseLong(item.get("bytesRead").n()),
                Long.parseLong(item.get("processedBytes").n()),
                Long.parseLong(item.get("cpuMillis").n()),
                Long.parseLong(item.get("wallMillis").n()),
                Long.parseLong(item.get("rows").n())));
      }
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (startKey != null && !startKey.isEmpty());
    return usage;
  }
}
