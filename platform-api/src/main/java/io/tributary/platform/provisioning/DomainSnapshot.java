package io.tributary.platform.provisioning;

import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Domain;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.ProductColumns;
import java.util.List;
import java.util.Objects;

/**
 * The registry's declarations behind a desired state, read once per run: what an adapter that
 * manages more than tables (a Terraform workspace) renders its inputs from.
 *
 * @param domain the domain's declaration
 * @param ownerGroups the groups that own the domain
 * @param memberGroups the groups that read every product of the domain
 * @param products the domain's active products, by name order
 */
public record DomainSnapshot(
    Domain domain, List<String> ownerGroups, List<String> memberGroups, List<Product> products) {
  public DomainSnapshot {
    Objects.requireNonNull(domain, "domain");
    ownerGroups = List.copyOf(ownerGroups);
    memberGroups = List.copyOf(memberGroups);
    products = List.copyOf(products);
  }

  /**
   * One active product.
   *
   * @param declaration the product as declared
   * @param columns its columns as the policies module sees them
   * @param grants the grants on it in force now: declared ones and those of approved requests
   */
  public record Product(DataProduct declaration, ProductColumns columns, List<Grant> grants) {
    public Product {
      Objects.requireNonNull(declaration, "declaration");
      Objects.requireNonNull(columns, "columns");
      grants = List.copyOf(grants);
    }

    public String name() {
      return declaration.metadata().name();
    }
  }
}
