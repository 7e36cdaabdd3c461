package io.tributary.platform.declaration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant: a team that owns data products; one Iceberg namespace, one Terraform workspace, one
 * Athena workgroup, one budget.
 *
 * <pre>
 * apiVersion: tributary.io/v1
 * kind: Domain
 * metadata:
 *   name: sales                      # required, [a-z][a-z0-9_]{1,62}
 *   title: Sales                     # optional
 *   description: ...                 # optional
 * spec:
 *   owners: [sales-owners]           # required, at least one OIDC group
 *   members: [sales-analysts]        # optional OIDC groups
 *   costs:                           # required
 *     monthlyBudgetUsd: 500          # required, positive
 *     maxBytesScannedPerQuery: 10737418240   # required, positive whole number
 *     trino:                         # optional: the domain's Trino resource group
 *       maxConcurrentQueries: 10     # optional, 1 to 1000, default 10
 *       maxQueuedQueries: 100        # optional, 0 to 10000, default 100
 *       softMemoryLimit: 20%         # optional, a share of the cluster (1% to 100%) or a size
 *                                    # such as 512MB; default 20%
 *   aws: {accountId: "123456789012", region: eu-west-1}   # optional; both fields required
 * </pre>
 */
public record Domain(Metadata metadata, Spec spec) implements Declaration {

  public static final String KIND = "Domain";

  public Domain {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The domain's name, which is also its Iceberg namespace. */
  public String name() {
    return metadata.name();
  }

  /** Who the domain is. */
  public record Metadata(String name, Optional<String> title, Optional<String> description) {
    public Metadata {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * What the domain is allowed.
   *
   * @param owners OIDC groups whose members change the domain and decide its access requests
   * @param members OIDC groups whose members read the domain's products without a grant
   */
  public record Spec(
      List<String> owners, List<String> members, Costs costs, Optional<AwsAccount> aws) {
    public Spec {
      owners = List.copyOf(owners);
      members = List.copyOf(members);
      Objects.requireNonNull(costs, "costs");
      Objects.requireNonNull(aws, "aws");
    }
  }

  /**
   * The domain's cost limits, enforced by its Athena workgroup and AWS budget, and by its Trino
   * resource group.
   *
   * @param monthlyBudgetUsd the monthly budget in US dollars
   * @param maxBytesScannedPerQuery the per-query scan limit in bytes
   * @param trino the limits of the domain's resource group in Trino
   */
  public record Costs(
      BigDecimal monthlyBudgetUsd, long maxBytesScannedPerQuery, TrinoLimits trino) {
    public Costs {
      Objects.requireNonNull(monthlyBudgetUsd, "monthlyBudgetUsd");
      Objects.requireNonNull(trino, "trino");
    }

    /** Costs with the default Trino limits. */
    public Costs(BigDecimal monthlyBudgetUsd, long maxBytesScannedPerQuery) {
      this(monthlyBudgetUsd, maxBytesScannedPerQuery, TrinoLimits.DEFAULTS);
    }
  }

  /**
   * What the domain's users may hold of a shared Trino at once: its resource group's limits. A
   * query beyond {@code maxConcurrentQueries} waits in the queue; one beyond {@code
   * maxQueuedQueries} as well is refused.
   *
   * @param maxConcurrentQueries how many of the domain's queries run at once
   * @param maxQueuedQueries how many more may wait; 0 refuses every query over the concurrency
   * @param softMemoryLimit a share of the cluster's memory ({@code 20%}) or a size ({@code 512MB});
   *     while the group uses more, its new queries wait
   */
  public record TrinoLimits(
      int maxConcurrentQueries, int maxQueuedQueries, String softMemoryLimit) {
    public static final int DEFAULT_MAX_CONCURRENT_QUERIES = 10;
    public static final int DEFAULT_MAX_QUEUED_QUERIES = 100;
    public static final String DEFAULT_SOFT_MEMORY_LIMIT = "20%";

    /** The limits of a domain that declares none. */
    public static final TrinoLimits DEFAULTS =
        new TrinoLimits(
            DEFAULT_MAX_CONCURRENT_QUERIES, DEFAULT_MAX_QUEUED_QUERIES, DEFAULT_SOFT_MEMORY_LIMIT);

    public TrinoLimits {
      Objects.requireNonNull(softMemoryLimit, "softMemoryLimit");
    }
  }

  /**
   * Where the domain's resources live when it has an AWS account of its own.
   *
   * @param accountId twelve digits, as text (YAML would otherwise read it as a number)
   * @param region such as {@code eu-west-1}
   */
  public record AwsAccount(String accountId, String region) {
    public AwsAccount {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(region, "region");
    }
  }
}
