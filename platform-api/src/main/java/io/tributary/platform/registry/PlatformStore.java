package io.tributary.platform.registry;

import io.tributary.platform.declaration.SemanticVersion;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The platform registry: domains, product versions, provisioning runs, the audit log and the groups
 * seen per user. Every item belongs to one domain (the tenant) and is keyed by it; a listing for
 * one domain never returns another's items.
 *
 * <p>Domains and products carry a revision. Each change states what it expects ({@link
 * ExpectedRevision}) and is refused with {@link StaleRevisionException} when the stored revision
 * differs, so no update is ever lost. A change that writes several items (the new state, history,
 * the audit event) is all or nothing. Every successful change appends an audit event naming the
 * {@link Actor}.
 */
public interface PlatformStore {

  // Domains

  /**
   * Creates or replaces a domain's declaration and audits it ({@code domain.create} or {@code
   * domain.update}).
   *
   * @return the stored domain with its new revision
   * @throws StaleRevisionException when the stored revision does not meet {@code expected}
   */
  DomainRecord putDomain(DomainEntry entry, ExpectedRevision expected, Actor actor);

  /** The domain, if onboarded. */
  Optional<DomainRecord> getDomain(String domain);

  /** All domains in name order. */
  Page<DomainRecord> listDomains(PageRequest page);

  /** Every domain, in name order, read page by page. */
  default List<DomainRecord> allDomains() {
    List<DomainRecord> all = new java.util.ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAXIMUM_PAGE_SIZE);
    while (true) {
      Page<DomainRecord> result = listDomains(page);
      all.addAll(result.items());
      if (result.nextPageToken().isEmpty()) {
        return all;
      }
      page = PageRequest.after(PageRequest.MAXIMUM_PAGE_SIZE, result.nextPageToken().get());
    }
  }

  // Products

  /**
   * Stores a new version of a product declaration, makes it the product's current version (the
   * previous one becomes {@link ProductStatus#SUPERSEDED}) and audits it ({@code product.declare}),
   * all or nothing. {@code expected} applies to the product's revision.
   *
   * @return the product with its new revision
   * @throws RegistryNotFoundException when the domain is not onboarded
   * @throws VersionExistsException when this version is already stored
   * @throws StaleRevisionException when the product's revision does not meet {@code expected}
   */
  ProductRecord putProductVersion(
      ProductVersionEntry entry, ExpectedRevision expected, Actor actor);

  /** The product's current state, if declared. */
  Optional<ProductRecord> getProduct(String domain, String product);

  /** One stored version of a product, if declared. */
  Optional<ProductVersionRecord> getProductVersion(
      String domain, String product, SemanticVersion version);

  /** Every stored version of a product, in ascending semantic-version order. */
  List<ProductVersionRecord> listProductVersions(String domain, String product);

  /** The domain's products, in name order. */
  List<ProductRecord> listProducts(String domain);

  /**
   * Retires a product: the product and its current version become {@link ProductStatus#RETIRED},
   * audited as {@code product.retire}, all or nothing. Retiring a retired product changes nothing.
   * Declaring a new version later makes it active again.
   *
   * @throws RegistryNotFoundException when the product is not declared
   * @throws StaleRevisionException when the product's revision does not meet {@code expected}
   */
  ProductRecord retireProduct(
      String domain, String product, ExpectedRevision expected, Actor actor);

  /**
   * Every domain's products, for discovery, ordered by domain then product name. Carries private
   * products too: the caller filters by visibility and rights.
   */
  Page<ProductRecord> discoverProducts(PageRequest page);

  // Provisioning runs

  /** Records a new {@link RunStatus#PENDING} run of the domain. */
  ProvisioningRun createRun(String domain, String trigger);

  /**
   * Moves a run to {@code status}; a final status stamps the finish time. Null {@code planSummary}
   * or {@code error} leave the stored value as it is.
   *
   * @throws RegistryNotFoundException when there is no such run
   * @throws RunFinishedException when the run is already finished
   */
  ProvisioningRun updateRun(RunId id, RunStatus status, String planSummary, String error);

  /**
   * Appends lines to a run's log.
   *
   * @throws RegistryNotFoundException when there is no such run
   */
  void appendRunLog(RunId id, Collection<String> lines);

  /** The run, if recorded. */
  Optional<ProvisioningRun> getRun(RunId id);

  /** The domain's runs, newest first. */
  Page<ProvisioningRun> listRuns(String domain, PageRequest page);

  // Access requests

  /**
   * Records a new {@link AccessRequestStatus#PENDING} request in the product's domain, with a
   * pointer under the requester so {@link #listAccessRequestsBy} finds it without a scan, and
   * audits it ({@code access-request.create}), all or nothing.
   *
   * @throws RegistryNotFoundException when the product is not declared
   */
  AccessRequestRecord createAccessRequest(AccessRequestEntry entry, Actor actor);

  /** The request, if recorded. */
  Optional<AccessRequestRecord> getAccessRequest(AccessRequestId id);

  /**
   * Decides a request: {@link AccessRequestStatus#APPROVED} (the grant then expires at the decision
   * time plus the requested duration), {@link AccessRequestStatus#REJECTED} or {@link
   * AccessRequestStatus#REVOKED}, with an optional reason, audited as {@code
   * access-request.approve}, {@code .reject} or {@code .revoke}, all or nothing.
   *
   * @throws RegistryNotFoundException when there is no such request
   * @throws AccessRequestDecisionException when the request's status does not allow it, such as a
   *     second approval (also when a concurrent decision came first)
   * @throws StaleRevisionException when the request's revision does not meet {@code expected}
   */
  AccessRequestRecord decideAccessRequest(
      AccessRequestId id,
      AccessRequestStatus decision,
      String reason,
      ExpectedRevision expected,
      Actor actor);

  /** Every request on the domain's products, newest first. */
  List<AccessRequestRecord> listAccessRequests(String domain);

  /** Every request the user made, in any domain, newest first. */
  List<AccessRequestRecord> listAccessRequestsBy(String requester);

  // Audit

  /**
   * Appends an event to the domain's audit log, for actions the store does not audit itself, such
   * as denied or failed attempts.
   */
  AuditEvent recordAuditEvent(
      String domain, Actor actor, String action, String target, AuditOutcome outcome);

  /** The domain's audit log, newest first. */
  Page<AuditEvent> listAuditEvents(String domain, PageRequest page);

  // Users

  /** Remembers the groups the user's token carried, replacing what was seen before. */
  void recordUserGroups(String user, Collection<String> groups);

  /** Every user seen, with their latest groups, in user order. */
  List<UserGroups> allUserGroups();

  // Quality evaluations

  /**
   * Stores an evaluation in the product's history and makes it the product's latest, unless a later
   * one is already the latest (evaluations may finish out of order).
   *
   * @return the stored evaluation, with its id and time
   */
  QualityEvaluation recordQualityEvaluation(QualityEvaluationEntry entry);

  /** The product's latest evaluation, if it was ever evaluated. */
  Optional<QualityEvaluation> latestQualityEvaluation(String domain, String product);

  /**
   * The latest evaluation of each of the domain's evaluated products, by product name: one query,
   * so listings show statuses without running checks.
   */
  java.util.Map<String, QualityEvaluation> latestQualityEvaluations(String domain);

  /** The product's evaluations, newest first. */
  Page<QualityEvaluation> listQualityEvaluations(String domain, String product, PageRequest page);

  // Refreshes of SQL-derived products

  /**
   * Records a refresh, or replaces the record of the same refresh (same domain, product and id), so
   * a refresh is written once when it starts and once when it finishes.
   */
  void putRefreshRun(RefreshRun run);

  /** The product's refreshes, newest first. */
  Page<RefreshRun> listRefreshRuns(String domain, String product, PageRequest page);

  // Usage

  /**
   * Records the engine's statistics of one query the platform ran, in the domain of the product it
   * read; the item expires {@code retention} after the query.
   */
  void recordUsage(UsageRecord usage, java.time.Duration retention);

  /** The domain's usage from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
  List<UsageRecord> listUsage(String domain, java.time.Instant from, java.time.Instant to);
}
