package io.tributary.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.platform.declaration.SemanticVersion;
import io.tributary.platform.quality.CheckResult;
import io.tributary.platform.quality.QualityStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PlatformStore} adapter must do. An adapter's test extends this class and
 * supplies a store; each test works in its own uniquely named domains, so tests share one store and
 * run in any order.
 */
public abstract class PlatformStoreContractTest {

  /** The store under test, shared by all tests of the class. */
  protected abstract PlatformStore store();

  // Domains

  @Test
  void createsReadsAndUpdatesADomainWithRisingRevisions() {
    String domain = uniqueName("sales");
    Actor alice = new Actor("alice", "request-1");

    DomainRecord created =
        store()
            .putDomain(
                new DomainEntry(domain, "{\"v\":1}", List.of("sales-owners"), List.of()),
                ExpectedRevision.absent(),
                alice);

    assertThat(created.revision()).isEqualTo(1);
    assertThat(created.createdBy()).isEqualTo("alice");
    assertThat(store().getDomain(domain)).contains(created);

    DomainRecord updated =
        store()
            .putDomain(
                new DomainEntry(
                    domain, "{\"v\":2}", List.of("sales-owners"), List.of("sales-analysts")),
                ExpectedRevision.exactly(1),
                new Actor("bob", "request-2"));

    assertThat(updated.revision()).isEqualTo(2);
    assertThat(updated.document()).isEqualTo("{\"v\":2}");
    assertThat(updated.memberGroups()).containsExactly("sales-analysts");
    assertThat(updated.createdBy()).isEqualTo("alice");
    assertThat(updated.createdAt()).isEqualTo(created.createdAt());
    assertThat(updated.updatedBy()).isEqualTo("bob");
    assertThat(store().getDomain(domain)).contains(updated);

    DomainRecord unconditional =
        store()
            .putDomain(
                new DomainEntry(domain, "{\"v\":3}", List.of("sales-owners"), List.of()),
                ExpectedRevision.any(),
                alice);
    assertThat(unconditional.revision()).isEqualTo(3);
  }

  @Test
  void refusesAStaleDomainWriteAndKeepsTheStoredDomain() {
    String domain = onboardDomain();
    DomainRecord second =
        store()
            .putDomain(
                new DomainEntry(domain, "{\"v\":2}", List.of("owners"), List.of()),
                ExpectedRevision.exactly(1),
                actor());

    assertThatThrownBy(
            () ->
                store()
                    .putDomain(
                        new DomainEntry(domain, "{\"lost\":true}", List.of("owners"), List.of()),
                        ExpectedRevision.exactly(1),
                        actor()))
        .isInstanceOfSatisfying(
            StaleRevisionException.class,
            stale -> {
              assertThat(stale.currentRevision()).hasValue(2);
              assertThat(stale.httpStatus()).isEqualTo(412);
              assertThat(stale.code()).isEqualTo("registry.stale_revision");
            });
    assertThat(store().getDomain(domain)).contains(second);
  }

  @Test
  void refusesToCreateADomainThatExists() {
    String domain = onboardDomain();
    DomainRecord stored = store().getDomain(domain).orElseThrow();

    assertThatThrownBy(
            () ->
                store()
                    .putDomain(
                        new DomainEntry(domain, "{\"again\":true}", List.of("x"), List.of()),
                        ExpectedRevision.absent(),
                        actor()))
        .isInstanceOfSatisfying(
            StaleRevisionException.class, stale -> assertThat(stale.currentRevision()).hasValue(1));
    assertThat(store().getDomain(domain)).contains(stored);
  }

  @Test
  void refusesToUpdateADomainThatDoesNotExist() {
    String domain = uniqueName("missing");

    assertThatThrownBy(
            () ->
                store()
                    .putDomain(
                        new DomainEntry(domain, "{}", List.of("owners"), List.of()),
                        ExpectedRevision.exactly(1),
                        actor()))
        .isInstanceOfSatisfying(
            StaleRevisionException.class, stale -> assertThat(stale.currentRevision()).isEmpty());
    assertThat(store().getDomain(domain)).isEmpty();
  }

  @Test
  void concurrentReadModifyWritesLoseNoUpdate() throws Exception {
    String domain = onboardDomain();
    int writers = 4;
    int changesPerWriter = 5;
    ExecutorService executor = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Integer>> refusals = new ArrayList<>();
      for (int writer = 0; writer < writers; writer++) {
        String owner = "writer-" + writer;
        refusals.add(
            executor.submit(
                () -> {
                  int refused = 0;
                  for (int change = 0; change < changesPerWriter; ) {
                    DomainRecord read = store().getDomain(domain).orElseThrow();
                    List<String> owners = new ArrayList<>(read.ownerGroups());
                    owners.add(owner);
                    try {
                      store()
                          .putDomain(
                              new DomainEntry(domain, read.document(), owners, List.of()),
                              ExpectedRevision.exactly(read.revision()),
                              actor());
                      change++;
                    } catch (StaleRevisionException stale) {
                      refused++;
                    }
                  }
                  return refused;
                }));
      }
      for (Future<Integer> refused : refusals) {
        refused.get(60, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }

    DomainRecord result = store().getDomain(domain).orElseThrow();
    // Every accepted change built on the one before: none was overwritten.
    assertThat(result.revision()).isEqualTo(1 + writers * changesPerWriter);
    assertThat(result.ownerGroups()).hasSize(1 + writers * changesPerWriter);
    assertThat(auditEventCount(domain)).isEqualTo(1 + writers * changesPerWriter);
  }

  @Test
  void auditsDomainChanges() {
    String domain = onboardDomain();
    store()
        .putDomain(
            new DomainEntry(domain, "{\"v\":2}", List.of("owners"), List.of()),
            ExpectedRevision.exactly(1),
            new Actor("carol", "request-42"));

    List<AuditEvent> events = store().listAuditEvents(domain, PageRequest.first(10)).items();

    assertThat(events)
        .extracting(AuditEvent::action)
        .containsExactly("domain.update", "domain.create");
    assertThat(events.get(0))
        .satisfies(
            event -> {
              assertThat(event.user()).isEqualTo("carol");
              assertThat(event.requestId()).isEqualTo("request-42");
              assertThat(event.target()).isEqualTo("domain " + domain);
              assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
              assertThat(event.domain()).isEqualTo(domain);
            });
  }

  @Test
  void listsDomainsPageByPage() {
    Set<String> mine = Set.of(onboardDomain(), onboardDomain(), onboardDomain());

    List<String> seen = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      Page<DomainRecord> page = store().listDomains(new PageRequest(2, token));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().stream().map(DomainRecord::name).filter(mine::contains).forEach(seen::add);
      token = page.nextPageToken();
    } while (token.isPresent());

    assertThat(seen).containsExactlyElementsOf(mine.stream().sorted().toList());
  }

  // Products

  @Test
  void keepsEveryProductVersionAndListsThemInVersionOrder() {
    String domain = onboardDomain();
    List<String> declared = List.of("1.0.0", "1.2.0", "1.9.0", "1.10.0", "2.0.0", "10.0.0");
    long revision = 0;
    for (String version : declared) {
      revision = declare(domain, "orders", version, revision).revision();
    }

    List<ProductVersionRecord> versions = store().listProductVersions(domain, "orders");

    assertThat(versions)
        .extracting(version -> version.version().toString())
        .containsExactlyElementsOf(declared);
    assertThat(versions)
        .extracting(ProductVersionRecord::status)
        .containsExactly(
            ProductStatus.SUPERSEDED,
            ProductStatus.SUPERSEDED,
            ProductStatus.SUPERSEDED,
            ProductStatus.SUPERSEDED,
            ProductStatus.SUPERSEDED,
            ProductStatus.ACTIVE);
    assertThat(versions.get(3).document()).isEqualTo(document("1.10.0"));
    assertThat(store().getProductVersion(domain, "orders", SemanticVersion.parse("1.2.0")))
        .hasValueSatisfying(version -> assertThat(version.document()).isEqualTo(document("1.2.0")));
  }

  @Test
  void theCurrentPointerFollowsTheLatestDeclarationWithARevision() {
    String domain = onboardDomain();

    ProductRecord first = declare(domain, "orders", "1.0.0", 0);
    ProductRecord second = declare(domain, "orders", "1.1.0", 1);

    assertThat(first.revision()).isEqualTo(1);
    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.currentVersion()).hasToString("1.1.0");
    assertThat(second.document()).isEqualTo(document("1.1.0"));
    assertThat(second.status()).isEqualTo(ProductStatus.ACTIVE);
    assertThat(second.createdAt()).isEqualTo(first.createdAt());
    assertThat(store().getProduct(domain, "orders")).contains(second);
  }

  @Test
  void refusesARedeclaredVersionAndWritesNothing() {
    String domain = onboardDomain();
    ProductRecord stored = declare(domain, "orders", "1.0.0", 0);
    int auditEvents = auditEventCount(domain);

    assertThatThrownBy(
            () ->
                store()
                    .putProductVersion(
                        new ProductVersionEntry(
                            domain, "orders", SemanticVersion.parse("1.0.0"), "{\"changed\":1}"),
                        ExpectedRevision.exactly(1),
                        actor()))
        .isInstanceOf(VersionExistsException.class);

    assertThat(store().getProduct(domain, "orders")).contains(stored);
    assertThat(store().listProductVersions(domain, "orders"))
        .singleElement()
        .satisfies(version -> assertThat(version.document()).isEqualTo(document("1.0.0")));
    assertThat(auditEventCount(domain)).isEqualTo(auditEvents);
  }

  @Test
  void aRefusedMultiItemChangeLeavesNothingHalfWritten() {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);
    ProductRecord current = declare(domain, "orders", "1.1.0", 1);
    int auditEvents = auditEventCount(domain);

    // The write would add version 2.0.0, supersede 1.1.0, move the pointer and audit: all refused.
    assertThatThrownBy(
            () ->
                store()
                    .putProductVersion(
                        new ProductVersionEntry(
                            domain, "orders", SemanticVersion.parse("2.0.0"), document("2.0.0")),
                        ExpectedRevision.exactly(1),
                        actor()))
        .isInstanceOfSatisfying(
            StaleRevisionException.class, stale -> assertThat(stale.currentRevision()).hasValue(2));

    assertThat(store().getProduct(domain, "orders")).contains(current);
    assertThat(store().getProductVersion(domain, "orders", SemanticVersion.parse("2.0.0")))
        .isEmpty();
    assertThat(store().listProductVersions(domain, "orders"))
        .extracting(version -> version.version() + " " + version.status())
        .containsExactly("1.0.0 SUPERSEDED", "1.1.0 ACTIVE");
    assertThat(auditEventCount(domain)).isEqualTo(auditEvents);
  }

  @Test
  void refusesAProductOfADomainNotOnboarded() {
    String domain = uniqueName("nobody");

    assertThatThrownBy(() -> declare(domain, "orders", "1.0.0", 0))
        .isInstanceOfSatisfying(
            RegistryNotFoundException.class,
            missing -> assertThat(missing.httpStatus()).isEqualTo(404));
    assertThat(store().getProduct(domain, "orders")).isEmpty();
    assertThat(store().listProductVersions(domain, "orders")).isEmpty();
  }

  @Test
  void refusesToCreateAProductThatExists() {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);

    assertThatThrownBy(
            () ->
                store()
                    .putProductVersion(
                        new ProductVersionEntry(
                            domain, "orders", SemanticVersion.parse("1.1.0"), "{}"),
                        ExpectedRevision.absent(),
                        actor()))
        .isInstanceOf(StaleRevisionException.class);
    assertThat(store().listProductVersions(domain, "orders")).hasSize(1);
  }

  @Test
  void retiresAProductAndItsCurrentVersion() {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);
    declare(domain, "orders", "1.1.0", 1);

    ProductRecord retired =
        store().retireProduct(domain, "orders", ExpectedRevision.exactly(2), actor());

    assertThat(retired.status()).isEqualTo(ProductStatus.RETIRED);
    assertThat(retired.revision()).isEqualTo(3);
    assertThat(store().getProduct(domain, "orders")).contains(retired);
    assertThat(store().listProductVersions(domain, "orders"))
        .extracting(ProductVersionRecord::status)
        .containsExactly(ProductStatus.SUPERSEDED, ProductStatus.RETIRED);
    assertThat(store().listAuditEvents(domain, PageRequest.first(1)).items())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.action()).isEqualTo("product.retire");
              assertThat(event.target()).isEqualTo(domain + ".orders@1.1.0");
            });

    assertThat(store().retireProduct(domain, "orders", ExpectedRevision.any(), actor()))
        .isEqualTo(retired);
    assertThatThrownBy(
            () -> store().retireProduct(domain, "orders", ExpectedRevision.exactly(2), actor()))
        .isInstanceOf(StaleRevisionException.class);
    assertThatThrownBy(
            () -> store().retireProduct(domain, "customers", ExpectedRevision.any(), actor()))
        .isInstanceOf(RegistryNotFoundException.class);

    ProductRecord revived = declare(domain, "orders", "2.0.0", 3);
    assertThat(revived.status()).isEqualTo(ProductStatus.ACTIVE);
    assertThat(store().listProductVersions(domain, "orders"))
        .extracting(ProductVersionRecord::status)
        .containsExactly(ProductStatus.SUPERSEDED, ProductStatus.RETIRED, ProductStatus.ACTIVE);
  }

  @Test
  void listsADomainsProductsInNameOrder() {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);
    declare(domain, "customers", "1.0.0", 0);
    declare(domain, "orders_daily", "1.0.0", 0);

    assertThat(store().listProducts(domain))
        .extracting(ProductRecord::product)
        .containsExactly("customers", "orders", "orders_daily");
  }

  @Test
  void discoversProductsOfEveryDomainPageByPage() {
    String first = onboardDomain();
    String second = onboardDomain();
    declare(first, "orders", "1.0.0", 0);
    declare(first, "customers", "1.0.0", 0);
    declare(second, "invoices", "1.0.0", 0);
    declare(second, "payments", "1.0.0", 0);
    declare(second, "refunds", "1.0.0", 0);
    Set<String> mine = Set.of(first, second);

    List<String> seen = new ArrayList<>();
    Optional<String> token = Optional.empty();
    int pages = 0;
    do {
      Page<ProductRecord> page = store().discoverProducts(new PageRequest(2, token));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().stream()
          .filter(product -> mine.contains(product.domain()))
          .forEach(product -> seen.add(product.domain() + "." + product.product()));
      token = page.nextPageToken();
      pages++;
    } while (token.isPresent());

    assertThat(pages).isGreaterThanOrEqualTo(3);
    List<String> expected =
        new ArrayList<>(
            List.of(
                first + ".customers",
                first + ".orders",
                second + ".invoices",
                second + ".payments",
                second + ".refunds"));
    expected.sort(
        (left, right) -> {
          // Ordered by domain, then product.
          String[] leftParts = left.split("\\.");
          String[] rightParts = right.split("\\.");
          int byDomain = leftParts[0].compareTo(rightParts[0]);
          return byDomain != 0 ? byDomain : leftParts[1].compareTo(rightParts[1]);
        });
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void refusesPageTokensItDidNotIssueForTheListing() {
    String domain = onboardDomain();
    String other = onboardDomain();
    for (int index = 0; index < 3; index++) {
      store().recordAuditEvent(domain, actor(), "test.event", "t" + index, AuditOutcome.SUCCEEDED);
      store().recordAuditEvent(other, actor(), "test.event", "t" + index, AuditOutcome.SUCCEEDED);
    }
    String otherToken =
        store().listAuditEvents(other, PageRequest.first(1)).nextPageToken().orElseThrow();

    assertThatThrownBy(() -> store().listAuditEvents(domain, PageRequest.after(1, otherToken)))
        .isInstanceOfSatisfying(
            InvalidPageTokenException.class,
            invalid -> assertThat(invalid.httpStatus()).isEqualTo(400));
    assertThatThrownBy(() -> store().listRuns(other, PageRequest.after(1, otherToken)))
        .isInstanceOf(InvalidPageTokenException.class);
    assertThatThrownBy(() -> store().discoverProducts(PageRequest.after(1, otherToken)))
        .isInstanceOf(InvalidPageTokenException.class);
    assertThatThrownBy(() -> store().listAuditEvents(domain, PageRequest.after(1, "garbage!")))
        .isInstanceOf(InvalidPageTokenException.class);
  }

  // Provisioning runs

  @Test
  void recordsARunThroughItsLife() {
    String domain = onboardDomain();

    ProvisioningRun created = store().createRun(domain, "domain.create");
    assertThat(created.status()).isEqualTo(RunStatus.PENDING);
    assertThat(created.id().domain()).isEqualTo(domain);
    assertThat(created.finishedAt()).isNull();
    assertThat(RunId.parse(created.id().toString())).isEqualTo(created.id());

    ProvisioningRun running =
        store().updateRun(created.id(), RunStatus.RUNNING, "{\"add\":2,\"change\":0}", null);
    assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(running.planSummary()).isEqualTo("{\"add\":2,\"change\":0}");
    assertThat(running.finishedAt()).isNull();

    store().appendRunLog(created.id(), List.of("plan: 2 to add", "applying namespace"));
    store().appendRunLog(created.id(), List.of("applying table orders"));

    ProvisioningRun failed =
        store().updateRun(created.id(), RunStatus.FAILED, null, "table orders: access denied");
    assertThat(failed.finishedAt()).isNotNull();
    assertThat(failed.planSummary()).isEqualTo("{\"add\":2,\"change\":0}");

    assertThat(store().getRun(RunId.parse(created.id().toString())))
        .hasValueSatisfying(
            run -> {
              assertThat(run.status()).isEqualTo(RunStatus.FAILED);
              assertThat(run.trigger()).isEqualTo("domain.create");
              assertThat(run.error()).isEqualTo("table orders: access denied");
              assertThat(run.startedAt()).isEqualTo(created.startedAt());
              assertThat(run.log())
                  .containsExactly("plan: 2 to add", "applying namespace", "applying table orders");
            });
  }

  @Test
  void refusesToChangeAFinishedRunOrAnUnknownOne() {
    String domain = onboardDomain();
    ProvisioningRun run = store().createRun(domain, "domain.create");
    store().updateRun(run.id(), RunStatus.SUCCEEDED, "{}", null);
    RunId unknown = new RunId(domain, "01HZZZZZZZZZZZZZZZZZZZZZZZ");

    assertThatThrownBy(() -> store().updateRun(run.id(), RunStatus.RUNNING, null, null))
        .isInstanceOf(RunFinishedException.class);
    assertThat(store().getRun(run.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThatThrownBy(() -> store().updateRun(unknown, RunStatus.RUNNING, null, null))
        .isInstanceOf(RegistryNotFoundException.class);
    assertThatThrownBy(() -> store().appendRunLog(unknown, List.of("line")))
        .isInstanceOf(RegistryNotFoundException.class);
    assertThat(store().getRun(unknown)).isEmpty();
  }

  @Test
  void listsADomainsRunsNewestFirst() {
    String domain = onboardDomain();
    List<RunId> created = new ArrayList<>();
    for (int index = 0; index < 5; index++) {
      created.add(store().createRun(domain, "run " + index).id());
    }

    List<RunId> listed = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      Page<ProvisioningRun> page = store().listRuns(domain, new PageRequest(2, token));
      page.items().forEach(run -> listed.add(run.id()));
      token = page.nextPageToken();
    } while (token.isPresent());

    assertThat(listed).containsExactlyElementsOf(created.reversed());
  }

  // Audit and users

  @Test
  void appendsAndListsAuditEventsNewestFirst() {
    String domain = onboardDomain();
    store()
        .recordAuditEvent(
            domain,
            new Actor("mallory", "request-7"),
            "product.declare",
            "x.y",
            AuditOutcome.DENIED);
    AuditEvent last =
        store()
            .recordAuditEvent(
                domain, new Actor("bob", "request-8"), "domain.read", "x", AuditOutcome.FAILED);

    List<AuditEvent> events = store().listAuditEvents(domain, PageRequest.first(10)).items();

    assertThat(events)
        .extracting(AuditEvent::action)
        .containsExactly("domain.read", "product.declare", "domain.create");
    assertThat(events.get(0)).isEqualTo(last);
    assertThat(events.get(1).outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(events.get(1).user()).isEqualTo("mallory");
  }

  @Test
  void remembersTheLatestGroupsOfEachUser() {
    String alice = uniqueName("alice");
    String bob = uniqueName("bob");

    store().recordUserGroups(alice, List.of("sales-owners", "analysts"));
    store().recordUserGroups(bob, List.of());
    store().recordUserGroups(alice, List.of("analysts"));

    List<UserGroups> users =
        store().allUserGroups().stream()
            .filter(user -> user.user().equals(alice) || user.user().equals(bob))
            .toList();
    assertThat(users)
        .extracting(UserGroups::user)
        .containsExactlyElementsOf(List.of(alice, bob).stream().sorted().toList());
    assertThat(users)
        .filteredOn(user -> user.user().equals(alice))
        .singleElement()
        .satisfies(
            user -> {
              assertThat(user.groups()).containsExactly("analysts");
              assertThat(user.lastSeen()).isNotNull();
            });
    assertThat(users)
        .filteredOn(user -> user.user().equals(bob))
        .singleElement()
        .satisfies(user -> assertThat(user.groups()).isEmpty());
  }

  // Access requests

  @Test
  void recordsAPendingAccessRequestFoundByIdDomainAndRequester() {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);
    String requester = uniqueName("carol");

    AccessRequestRecord created =
        store()
            .createAccessRequest(
                new AccessRequestEntry(
                    domain,
                    "orders",
                    requester,
                    Optional.of(List.of("id", "amount")),
                    "churn analysis",
                    Duration.ofDays(30)),
                new Actor(requester, "request-1"));

    assertThat(created.id().domain()).isEqualTo(domain);
    assertThat(created.status()).isEqualTo(AccessRequestStatus.PENDING);
    assertThat(created.columns()).contains(List.of("id", "amount"));
    assertThat(created.duration()).isEqualTo(Duration.ofDays(30));
    assertThat(created.revision()).isEqualTo(1);
    assertThat(created.expiresAt()).isNull();
    assertThat(store().getAccessRequest(created.id())).contains(created);
    assertThat(store().listAccessRequests(domain)).containsExactly(created);
    assertThat(store().listAccessRequestsBy(requester)).containsExactly(created);
    assertThat(store().listAuditEvents(domain, PageRequest.first(10)).items())
        .anySatisfy(
            event -> {
              assertThat(event.action()).isEqualTo("access-request.create");
              assertThat(event.user()).isEqualTo(requester);
            });
  }

  @Test
  void refusesARequestForAProductThatIsNotDeclared() {
    String domain = onboardDomain();

    assertThatThrownBy(
            () ->
                store()
                    .createAccessRequest(
                        new AccessRequestEntry(
                            domain,
                            "orders",
                            "carol",
                            Optional.empty(),
                            "analysis",
                            Duration.ofDays(1)),
                        actor()))
        .isInstanceOf(RegistryNotFoundException.class);
  }

  @Test
  void listsARequestersRequestsAcrossDomainsNewestFirstAndNoOneElses() {
    String sales = onboardDomain();
    String finance = onboardDomain();
    declare(sales, "orders", "1.0.0", 0);
    declare(finance, "ledger", "1.0.0", 0);
    String carol = uniqueName("carol");
    String other = carol + "#x";

    AccessRequestRecord first = request(sales, "orders", carol);
    AccessRequestRecord second = request(finance, "ledger", carol);
    request(sales, "orders", other);

    assertThat(store().listAccessRequestsBy(carol)).containsExactly(second, first);
    assertThat(store().listAccessRequests(sales))
        .extracting(AccessRequestRecord::requester)
        .containsExactlyInAnyOrder(carol, other);
    assertThat(store().listAccessRequests(finance)).containsExactly(second);
    // The id names its domain: the same ULID under another domain is another (missing) request.
    assertThat(store().getAccessRequest(new AccessRequestId(finance, first.id().ulid()))).isEmpty();
  }

  @Test
  void approvesOnceStampingTheExpiryThenRevokesAndAuditsEachDecision() {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);
    AccessRequestRecord pending = request(domain, "orders", uniqueName("carol"));

    AccessRequestRecord approved =
        store()
            .decideAccessRequest(
                pending.id(),
                AccessRequestStatus.APPROVED,
                "ok",
                ExpectedRevision.exactly(1),
                new Actor("sam", "request-2"));

    assertThat(approved.status()).isEqualTo(AccessRequestStatus.APPROVED);
    assertThat(approved.revision()).isEqualTo(2);
    assertThat(approved.decidedBy()).isEqualTo("sam");
    assertThat(approved.reason()).isEqualTo("ok");
    assertThat(approved.expiresAt()).isEqualTo(approved.decidedAt().plus(Duration.ofDays(7)));
    assertThat(approved.grantsAccessAt(approved.decidedAt())).isTrue();
    assertThat(approved.effectiveStatus(approved.expiresAt())).isEqualTo("expired");
    assertThat(store().getAccessRequest(pending.id())).contains(approved);

    assertThatThrownBy(
            () ->
                store()
                    .decideAccessRequest(
                        pending.id(),
                        AccessRequestStatus.APPROVED,
                        null,
                        ExpectedRevision.any(),
                        actor()))
        .isInstanceOf(AccessRequestDecisionException.class)
        .satisfies(
            failure -> assertThat(((RegistryException) failure).httpStatus()).isEqualTo(409));
    assertThatThrownBy(
            () ->
                store()
                    .decideAccessRequest(
                        pending.id(),
                        AccessRequestStatus.REVOKED,
                        null,
                        ExpectedRevision.exactly(1),
                        actor()))
        .isInstanceOf(StaleRevisionException.class);

    AccessRequestRecord revoked =
        store()
            .decideAccessRequest(
                pending.id(), AccessRequestStatus.REVOKED, null, ExpectedRevision.any(), actor());
    assertThat(revoked.status()).isEqualTo(AccessRequestStatus.REVOKED);
    assertThat(revoked.grantsAccessAt(revoked.decidedAt())).isFalse();
    assertThat(store().listAuditEvents(domain, PageRequest.first(10)).items())
        .extracting(AuditEvent::action)
        .startsWith("access-request.revoke", "access-request.approve", "access-request.create");
  }

  @Test
  void rejectsWithAReasonAndRefusesAnyLaterDecision() {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);
    AccessRequestRecord pending = request(domain, "orders", uniqueName("carol"));

    AccessRequestRecord rejected =
        store()
            .decideAccessRequest(
                pending.id(),
                AccessRequestStatus.REJECTED,
                "no purpose given",
                ExpectedRevision.any(),
                actor());

    assertThat(rejected.reason()).isEqualTo("no purpose given");
    assertThat(rejected.expiresAt()).isNull();
    for (AccessRequestStatus next : AccessRequestStatus.values()) {
      if (next == AccessRequestStatus.PENDING) {
        continue;
      }
      assertThatThrownBy(
              () ->
                  store()
                      .decideAccessRequest(
                          pending.id(), next, null, ExpectedRevision.any(), actor()))
          .isInstanceOf(AccessRequestDecisionException.class);
    }
    assertThatThrownBy(
            () ->
                store()
                    .decideAccessRequest(
                        new AccessRequestId(domain, pending.id().ulid().replace('0', '1')),
                        AccessRequestStatus.APPROVED,
                        null,
                        ExpectedRevision.any(),
                        actor()))
        .isInstanceOf(RegistryNotFoundException.class);
  }

  @Test
  void twoConcurrentApprovalsOfOneRequestLetExactlyOneWin() throws Exception {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);
    AccessRequestRecord pending = request(domain, "orders", uniqueName("carol"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AccessRequestRecord>> decisions = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        decisions.add(
            pool.submit(
                () ->
                    store()
                        .decideAccessRequest(
                            pending.id(),
                            AccessRequestStatus.APPROVED,
                            null,
                            ExpectedRevision.exactly(1),
                            actor())));
      }
      int won = 0;
      int refused = 0;
      for (Future<AccessRequestRecord> decision : decisions) {
        try {
          decision.get(30, TimeUnit.SECONDS);
          won++;
        } catch (java.util.concurrent.ExecutionException failure) {
          assertThat(failure.getCause())
              .isInstanceOfAny(StaleRevisionException.class, AccessRequestDecisionException.class);
          refused++;
        }
      }
      assertThat(won).isEqualTo(1);
      assertThat(refused).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store().getAccessRequest(pending.id()).orElseThrow().revision()).isEqualTo(2);
  }

  private AccessRequestRecord request(String domain, String product, String requester) {
    return store()
        .createAccessRequest(
            new AccessRequestEntry(
                domain, product, requester, Optional.empty(), "analysis", Duration.ofDays(7)),
            new Actor(requester, "request-" + UUID.randomUUID()));
  }

  // Tenancy

  @Test
  void aDomainsListingsNeverHoldAnotherDomainsItems() {
    String sales = onboardDomain();
    String finance = onboardDomain();
    declare(sales, "orders", "1.0.0", 0);
    declare(finance, "ledger", "1.0.0", 0);
    ProvisioningRun salesRun = store().createRun(sales, "sales run");
    store().createRun(finance, "finance run");

    assertThat(store().listProducts(sales)).extracting(ProductRecord::domain).containsOnly(sales);
    assertThat(store().listProducts(sales))
        .extracting(ProductRecord::product)
        .containsExactly("orders");
    assertThat(store().getProduct(finance, "orders")).isEmpty();
    assertThat(store().listProductVersions(finance, "orders")).isEmpty();
    assertThat(store().listRuns(sales, PageRequest.first(100)).items())
        .extracting(ProvisioningRun::domain)
        .containsOnly(sales);
    assertThat(store().listAuditEvents(sales, PageRequest.first(100)).items())
        .extracting(AuditEvent::domain)
        .containsOnly(sales);
    // A run id names its domain: the same ULID under another domain is another (missing) run.
    assertThat(store().getRun(new RunId(finance, salesRun.id().ulid()))).isEmpty();
  }

  // Quality evaluations

  @Test
  void keepsEveryQualityEvaluationNewestFirstAndTheLatestBesideTheProduct() {
    String domain = onboardDomain();
    declare(domain, "orders", "1.0.0", 0);
    declare(domain, "orders_v2", "1.0.0", 0);

    QualityEvaluation first =
        store()
            .recordQualityEvaluation(
                evaluation(domain, "orders", 11L, QualityStatus.OK, "ingestion"));
    QualityEvaluation second =
        store()
            .recordQualityEvaluation(
                evaluation(domain, "orders", 12L, QualityStatus.FAILING, "schedule"));
    QualityEvaluation other =
        store()
            .recordQualityEvaluation(
                evaluation(domain, "orders_v2", null, QualityStatus.WARN, "manual"));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(second.evaluatedAt()).isAfterOrEqualTo(first.evaluatedAt());
    assertThat(store().latestQualityEvaluation(domain, "orders")).contains(second);
    assertThat(store().latestQualityEvaluation(domain, "returns")).isEmpty();
    assertThat(store().latestQualityEvaluations(domain))
        .containsOnlyKeys("orders", "orders_v2")
        .containsEntry("orders", second)
        .containsEntry("orders_v2", other);

    Page<QualityEvaluation> newest =
        store().listQualityEvaluations(domain, "orders", PageRequest.first(1));
    assertThat(newest.items()).containsExactly(second);
    assertThat(
            store()
                .listQualityEvaluations(
                    domain, "orders", PageRequest.after(1, newest.nextPageToken().orElseThrow()))
                .items())
        .containsExactly(first);
    QualityEvaluation stored = store().latestQualityEvaluation(domain, "orders_v2").orElseThrow();
    assertThat(stored.snapshotId()).isNull();
    assertThat(stored.committedAt()).isNull();
    assertThat(stored.results()).isEqualTo(other.results());
  }

  @Test
  void aQualityEvaluationOfAnotherDomainIsNeverListed() {
    String domain = onboardDomain();
    String other = onboardDomain();
    store().recordQualityEvaluation(evaluation(other, "orders", 1L, QualityStatus.OK, "manual"));

    assertThat(store().latestQualityEvaluations(domain)).isEmpty();
    assertThat(store().listQualityEvaluations(domain, "orders", PageRequest.first(10)).items())
        .isEmpty();
  }

  private static QualityEvaluationEntry evaluation(
      String domain, String product, Long snapshotId, QualityStatus status, String trigger) {
    return new QualityEvaluationEntry(
        domain,
        product,
        snapshotId,
        snapshotId == null ? null : java.time.Instant.parse("2026-11-27T10:00:00Z"),
        trigger,
        status,
        List.of(
            new CheckResult(
                "accepted_values:status",
                "error",
                status == QualityStatus.OK,
                "2",
                "0",
                "2 rows have a status outside [placed]"),
            new CheckResult("freshness", "warn", true, "PT1M", null, "fresh")));
  }

  // Usage

  @Test
  void listsTheUsageOfAPeriodOldestFirstAndOnlyTheDomains() {
    String domain = onboardDomain();
    String other = onboardDomain();
    java.time.Instant start = java.time.Instant.parse("2025-03-01T10:00:00Z");
    store().recordUsage(usage(domain, "orders", "ana", start.minusMillis(1), "q0"), RETENTION);
    store().recordUsage(usage(domain, "orders", "ana", start, "q1"), RETENTION);
    store().recordUsage(usage(domain, "profiles", "mia", start.plusSeconds(90), "q2"), RETENTION);
    store().recordUsage(usage(domain, "orders", "mia", start.plusSeconds(3600), "q3"), RETENTION);
    store().recordUsage(usage(other, "orders", "ana", start.plusSeconds(10), "q4"), RETENTION);

    List<UsageRecord> period = store().listUsage(domain, start, start.plusSeconds(3600));

    assertThat(period).extracting(UsageRecord::queryId).containsExactly("q1", "q2");
    assertThat(period.getFirst()).isEqualTo(usage(domain, "orders", "ana", start, "q1"));
    assertThat(store().listUsage(domain, start.plusSeconds(3600), start)).isEmpty();
  }

  private static final java.time.Duration RETENTION = java.time.Duration.ofDays(400);

  private static UsageRecord usage(
      String domain, String product, String consumer, java.time.Instant at, String queryId) {
    return new UsageRecord(domain, product, consumer, at, queryId, 2, 1000, 2000, 30, 40, 50);
  }

  // Helpers

  /** A name no other test uses, valid as a domain, product or user name. */
  // Refreshes of SQL-derived products

  @Test
  void recordsARefreshWhenItStartsAndReplacesItWhenItFinishesNewestFirstPerProduct() {
    String domain = onboardDomain();
    Ulid ulid = new Ulid(java.time.Clock.systemUTC());
    java.time.Instant started = java.time.Instant.parse("2026-01-02T03:04:05Z");
    java.util.Map<String, Long> inputs = new java.util.LinkedHashMap<>();
    inputs.put("sales.orders", 7_000_000_000_000_000_001L);
    inputs.put("sales.products", null);
    String firstId = ulid.next();
    store()
        .putRefreshRun(
            new RefreshRun(
                domain,
                "revenue",
                firstId,
                "declared",
                RunStatus.RUNNING,
                inputs,
                null,
                0,
                0,
                started,
                null,
                null));
    RefreshRun finished =
        new RefreshRun(
            domain,
            "revenue",
            firstId,
            "declared",
            RunStatus.SUCCEEDED,
            inputs,
            42L,
            3,
            3,
            started,
            started.plusMillis(1500),
            null);
    store().putRefreshRun(finished);
    String secondId = ulid.next();
    RefreshRun failed =
        new RefreshRun(
            domain,
            "revenue",
            secondId,
            "manual",
            RunStatus.FAILED,
            inputs,
            null,
            0,
            0,
            started.plusSeconds(60),
            started.plusSeconds(61),
            "Trino said no");
    store().putRefreshRun(failed);
    // Another product whose name starts like this one's: never in this one's history.
    store()
        .putRefreshRun(
            new RefreshRun(
                domain,
                "revenue_v2",
                ulid.next(),
                "manual",
                RunStatus.RUNNING,
                inputs,
                null,
                0,
                0,
                started,
                null,
                null));

    Page<RefreshRun> history = store().listRefreshRuns(domain, "revenue", PageRequest.first(10));

    assertThat(history.items()).containsExactly(failed, finished);
    assertThat(history.items().get(1).inputSnapshots())
        .containsEntry("sales.orders", 7_000_000_000_000_000_001L)
        .containsEntry("sales.products", null);
    assertThat(history.items().get(1).duration()).isEqualTo(Duration.ofMillis(1500));
    Page<RefreshRun> first = store().listRefreshRuns(domain, "revenue", PageRequest.first(1));
    assertThat(first.items()).containsExactly(failed);
    assertThat(
            store()
                .listRefreshRuns(
                    domain, "revenue", PageRequest.after(1, first.nextPageToken().get()))
                .items())
        .containsExactly(finished);
    assertThat(store().listRefreshRuns(onboardDomain(), "revenue", PageRequest.first(10)).items())
        .isEmpty();
  }

  protected static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** A new domain at revision 1. */
  protected String onboardDomain() {
    String domain = uniqueName("domain");
    store()
        .putDomain(
            new DomainEntry(domain, "{\"name\":\"" + domain + "\"}", List.of("owners"), List.of()),
            ExpectedRevision.absent(),
            actor());
    return domain;
  }

  protected static Actor actor() {
    return new Actor("alice", "request-" + UUID.randomUUID());
  }

  private ProductRecord declare(String domain, String product, String version, long revision) {
    return store()
        .putProductVersion(
            new ProductVersionEntry(
                domain, product, SemanticVersion.parse(version), document(version)),
            revision == 0 ? ExpectedRevision.absent() : ExpectedRevision.exactly(revision),
            actor());
  }

  private static String document(String version) {
    return "{\"version\":\"" + version + "\"}";
  }

  private int auditEventCount(String domain) {
    return store().listAuditEvents(domain, PageRequest.first(1000)).items().size();
  }
}
