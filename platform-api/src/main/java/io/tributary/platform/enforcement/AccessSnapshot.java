package io.tributary.platform.enforcement;

import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import io.tributary.policies.trino.DomainAccess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registry's view of access at one instant, read once per publish and handed to every enforcer
 * so they all enforce the same state.
 *
 * @param domains every domain with its owner and member groups
 * @param products the active products
 * @param retired the retired products; their tables stay, but nobody may read them any more
 * @param grants the grants in force: declared ones and those of approved, unexpired requests
 * @param groupsByUser every known user's groups
 * @param now the instant the grants were evaluated at
 */
public record AccessSnapshot(
    List<DomainAccess> domains,
    List<ProductAccess> products,
    List<ProductAccess> retired,
    List<Grant> grants,
    Map<String, Set<String>> groupsByUser,
    Instant now) {
  public AccessSnapshot {
    domains = List.copyOf(domains);
    products = List.copyOf(products);
    retired = List.copyOf(retired);
    grants = List.copyOf(grants);
    groupsByUser = Map.copyOf(groupsByUser);
    Objects.requireNonNull(now, "now");
  }

  /** The active products' columns, as the policies module takes them. */
  public List<ProductColumns> productColumns() {
    return products.stream().map(ProductAccess::columns).toList();
  }

  /**
   * One product as enforcers see it.
   *
   * @param columns its name and columns with their Iceberg types
   * @param zone {@code raw}, {@code curated} or {@code analytics}
   * @param classifications a column's classification (such as {@code pii}), where it has one
   */
  public record ProductAccess(
      ProductColumns columns, String zone, Map<String, String> classifications) {
    public ProductAccess {
      Objects.requireNonNull(columns, "columns");
      Objects.requireNonNull(zone, "zone");
      classifications = Map.copyOf(classifications);
    }

    public ProductName name() {
      return columns.product();
    }
  }
}
