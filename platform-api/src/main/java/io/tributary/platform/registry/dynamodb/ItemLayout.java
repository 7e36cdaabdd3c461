package io.tributary.platform.registry.dynamodb;

import io.tributary.platform.declaration.SemanticVersion;

/**
 * The registry's single-table layout. The partition key {@code pk} is the domain name for every
 * domain's item, so one domain's data is one item collection and a key condition on {@code pk} can
 * never reach another tenant. The sort key {@code sk} says what the item is:
 *
 * <pre>
 * pk          sk                                  item
 * {domain}    DOMAIN                              the domain's declaration and revision
 * {domain}    PRODUCT#{product}                   the product's current pointer and revision
 * {domain}    VERSION#{product}#{sortable semver} one immutable version of a declaration
 * {domain}    RUN#{ULID}                          a provisioning run (newest first by ULID)
 * {domain}    AUDIT#{ULID}                        an audit event (newest first by ULID)
 * {domain}    REQUEST#{ULID}                      an access request to one of the domain's products
 * {domain}    QUALITY#{product}#{ULID}            a quality evaluation (newest first by ULID)
 * {domain}    QUALITY-LATEST#{product}            a copy of the product's latest evaluation
 * {domain}    REFRESH#{product}#{ULID}            a refresh of a SQL-derived product (newest first)
 * {domain}    USAGE#{instant}#{query id}          one query's engine statistics, expiring (TTL)
 * #platform   USER#{user}                         the groups last seen for a user
 * #platform   REQUESTER#{user}#{ULID}             points to a user's access request (its domain)
 * </pre>
 *
 * <p>Platform-wide items live in the {@code #platform} partition: valid domain names never start
 * with {@code #}, so it cannot collide with a domain.
 *
 * <p>One global secondary index, {@code discovery}, lists across domains. It is sparse (only domain
 * and product items carry its keys) with a constant partition per kind: {@code DOMAIN} / {@code
 * {domain}} and {@code PRODUCT} / {@code {domain}#{product}}. A constant partition is a hot key at
 * large scale, but a platform holds thousands of products, not millions, and it gives ordered,
 * paginated listings without a table Scan.
 */
final class ItemLayout {
  static final String PARTITION_KEY = "pk";
  static final String SORT_KEY = "sk";
  static final String DISCOVERY_INDEX = "discovery";
  static final String DISCOVERY_PARTITION = "discoveryPartition";
  static final String DISCOVERY_SORT = "discoverySort";

  static final String PLATFORM_PARTITION = "#platform";
  static final String DOMAIN_SORT_KEY = "DOMAIN";
  static final String PRODUCT_PREFIX = "PRODUCT#";
  static final String VERSION_PREFIX = "VERSION#";
  static final String RUN_PREFIX = "RUN#";
  static final String AUDIT_PREFIX = "AUDIT#";
  static final String USER_PREFIX = "USER#";
  static final String REQUEST_PREFIX = "REQUEST#";
  static final String REQUESTER_PREFIX = "REQUESTER#";
  static final String QUALITY_PREFIX = "QUALITY#";
  static final String QUALITY_LATEST_PREFIX = "QUALITY-LATEST#";
  static final String REFRESH_PREFIX = "REFRESH#";
  static final String USAGE_PREFIX = "USAGE#";

  /** On items that expire: epoch seconds, the table's TTL attribute. */
  static final String EXPIRES_AT = "expiresAt";

  static final String DOMAINS_DISCOVERY_PARTITION = "DOMAIN";
  static final String PRODUCTS_DISCOVERY_PARTITION = "PRODUCT";

  // Attributes of the items that carry a revision (domains, product pointers, access requests).
  static final String REVISION = "revision";

  /**
   * Items this commit still has to write, kept on the revisioned item itself until they are
   * written. See {@link DynamoDbPlatformStore} for why this replaces TransactWriteItems.
   */
  static final String PENDING_WRITES = "pendingWrites";

  /** On items written as part of a commit: the owner's revision that wrote them. */
  static final String COMMITTED_AT_REVISION = "committedAtRevision";

  private ItemLayout() {}

  static String productSortKey(String product) {
    return PRODUCT_PREFIX + product;
  }

  static String versionPrefix(String product) {
    // The trailing separator keeps product "orders" from matching "orders_v2".
    return VERSION_PREFIX + product + "#";
  }

  static String versionSortKey(String product, SemanticVersion version) {
    return versionPrefix(product) + version.sortableKey();
  }

  static String requesterPrefix(String user) {
    // The trailing separator keeps user "ann" from matching "anna".
    return REQUESTER_PREFIX + user + "#";
  }

  static String productDiscoverySortKey(String domain, String product) {
    return domain + "#" + product;
  }

  static String qualityPrefix(String product) {
    // The trailing separator keeps product "orders" from matching "orders_v2".
    return QUALITY_PREFIX + product + "#";
  }

  static String refreshPrefix(String product) {
    // The trailing separator keeps product "orders" from matching "orders_v2".
    return REFRESH_PREFIX + product + "#";
  }

  /**
   * Usage sort keys order by time: the instant at a fixed width (milliseconds, UTC), so text order
   * is time order and a period is one key range.
   */
  static String usageSortKey(java.time.Instant at, String queryId) {
    return usageTimeKey(at) + "#" + queryId;
  }

  static String usageTimeKey(java.time.Instant at) {
    return USAGE_PREFIX + USAGE_TIME.format(at);
  }

  private static final java.time.format.DateTimeFormatter USAGE_TIME =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);
}
