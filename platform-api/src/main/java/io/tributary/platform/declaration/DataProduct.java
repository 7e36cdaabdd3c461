package io.tributary.platform.declaration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Iceberg table with its metadata, contract, SLA and grants, declared by a domain and versioned
 * with semver.
 *
 * <pre>
 * apiVersion: tributary.io/v1
 * kind: DataProduct
 * metadata:
 *   domain: sales                 # required, the owning domain
 *   name: orders                  # required, [a-z][a-z0-9_]{1,62}
 *   version: 1.2.0                # required, MAJOR.MINOR.PATCH
 *   title: Orders                 # optional
 *   description: One row per order.   # optional
 *   owners: [sales-owners]        # optional OIDC groups; empty means the domain's owners
 *   tags: [orders, revenue]       # optional
 * spec:
 *   zone: curated                 # required: raw | curated | analytics
 *   table: {...}                  # required, see {@link Table} and {@link Column}
 *   access: {...}                 # optional, see {@link Access} and {@link Grant}
 *   sla: {freshness: PT6H}        # optional, see {@link Sla}
 *   quality: [...]                # optional, see {@link QualityCheck}
 *   source: {type: ingest}        # required, see {@link Source}
 * </pre>
 */
public record DataProduct(Metadata metadata, Spec spec) implements Declaration {

  public static final String KIND = "DataProduct";

  public DataProduct {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** {@code <domain>.<product>}, the name used everywhere on the platform. */
  public ProductReference reference() {
    return new ProductReference(metadata.domain(), metadata.name());
  }

  /** This product at another version, handy for tests and for the registry's bookkeeping. */
  public DataProduct withVersion(SemanticVersion version) {
    return new DataProduct(
        new Metadata(
            metadata.domain(),
            metadata.name(),
            version,
            metadata.title(),
            metadata.description(),
            metadata.owners(),
            metadata.tags()),
        spec);
  }

  /** Who the product is and what it is about: shown in discovery. */
  public record Metadata(
      String domain,
      String name,
      SemanticVersion version,
      Optional<String> title,
      Optional<String> description,
      List<String> owners,
      List<String> tags) {
    public Metadata {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(description, "description");
      owners = List.copyOf(owners);
      tags = List.copyOf(tags);
    }
  }

  /** What the product is: its table and the promises made about it. */
  public record Spec(
      Zone zone,
      Table table,
      Access access,
      Optional<Sla> sla,
      List<QualityCheck> quality,
      Source source) {
    public Spec {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(access, "access");
      Objects.requireNonNull(sla, "sla");
      quality = List.copyOf(quality);
      Objects.requireNonNull(source, "source");
    }
  }
}
