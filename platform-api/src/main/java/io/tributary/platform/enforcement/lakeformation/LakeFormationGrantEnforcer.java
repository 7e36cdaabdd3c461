package io.tributary.platform.enforcement.lakeformation;

import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.enforcement.AccessSnapshot;
import io.tributary.platform.enforcement.GrantEnforcer;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.ProductName;
import io.tributary.policies.lakeformation.LakeFormationCompileException;
import io.tributary.policies.lakeformation.LakeFormationCompiler;
import io.tributary.policies.lakeformation.LakeFormationInputs;
import io.tributary.policies.lakeformation.LakeFormationPlan;
import io.tributary.policies.lakeformation.ProductInput;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;

/**
 * The {@code lakeformation} grant enforcer: compiles the registry's products and grants with {@link
 * LakeFormationCompiler} (principals mapped to IAM roles by {@link PrincipalRoles}) and reconciles
 * Lake Formation with {@link LakeFormationEnforcer}: LF-Tags on tables and columns, data cells
 * filters for row filters, {@code SELECT} grants, and revokes of what is no longer granted.
 *
 * <p>Lake Formation only knows tables that exist, so a product whose table the catalog does not
 * hold yet is left out with a log line; the publish after its provisioning run applies its grants.
 * A retired product's table stays, with every grant revoked. A product the compiler refuses (a
 * grant Lake Formation cannot express) is left out with its problems logged, so it cannot block the
 * others; its table keeps what it had until the declaration is fixed.
 */
public final class LakeFormationGrantEnforcer implements GrantEnforcer, AutoCloseable {
  /** The name {@code tributary.grants.enforcers} selects it by. */
  public static final String NAME = "lakeformation";

  private final LakeFormationEnforcer enforcer;
  private final PrincipalRoles roles;
  private final Predicate<ProductName> tableExists;
  private final Consumer<String> log;
  private final AutoCloseable client;

  /**
   * @param enforcer reconciles Lake Formation with a plan
   * @param roles maps platform principals to IAM roles, in the Data Catalog's account
   * @param tableExists whether the catalog holds a product's table
   * @param log receives one line per step and per change
   * @param client closed with this enforcer, when it owns one
   */
  public LakeFormationGrantEnforcer(
      LakeFormationEnforcer enforcer,
      PrincipalRoles roles,
      Predicate<ProductName> tableExists,
      Consumer<String> log,
      AutoCloseable client) {
    this.enforcer = Objects.requireNonNull(enforcer, "enforcer");
    this.roles = Objects.requireNonNull(roles, "roles");
    this.tableExists = Objects.requireNonNull(tableExists, "tableExists");
    this.log = Objects.requireNonNull(log, "log");
    this.client = client;
  }

  /**
   * An enforcer with its own Lake Formation client (the URL-connection HTTP client, AWS's default
   * credentials chain).
   *
   * @param region the Data Catalog's region
   * @param endpoint a Lake Formation endpoint override
   * @param roles maps principals to roles; its account is the Data Catalog id
   * @param ignoredPrincipals principals the reconcile never revokes, besides {@code
   *     IAM_ALLOWED_PRINCIPALS}
   * @param tableExists whether the catalog holds a product's table
   * @param log receives one line per step and per change
   */
  public static LakeFormationGrantEnforcer connect(
      String region,
      Optional<URI> endpoint,
      PrincipalRoles roles,
      Set<String> ignoredPrincipals,
      Predicate<ProductName> tableExists,
      Consumer<String> log) {
    var builder =
        LakeFormationClient.builder()
            .region(Region.of(region))
            .httpClient(UrlConnectionHttpClient.create());
    endpoint.ifPresent(builder::endpointOverride);
    LakeFormationClient client = builder.build();
    Set<String> ignored = new LinkedHashSet<>(ignoredPrincipals);
    ignored.add(LakeFormationEnforcer.IAM_ALLOWED_PRINCIPALS);
    return new LakeFormationGrantEnforcer(
        new LakeFormationEnforcer(client, ignored), roles, tableExists, log, client);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void enforce(AccessSnapshot snapshot) {
    List<ProductInput> inputs = new ArrayList<>();
    for (AccessSnapshot.ProductAccess product : snapshot.products()) {
      if (!tableExists.test(product.name())) {
        log.accept(
            "Lake Formation: the table of "
                + product.name()
                + " does not exist yet; its grants apply on the next publish after it is"
                + " provisioned");
        continue;
      }
      inputs.add(input(product, snapshot.grants()));
    }
    for (AccessSnapshot.ProductAccess product : snapshot.retired()) {
      if (tableExists.test(product.name())) {
        inputs.add(input(product, List.of()));
      }
    }
    if (inputs.isEmpty()) {
      log.accept("Lake Formation: no product has a table yet; nothing to reconcile");
      return;
    }
    LakeFormationCompiler compiler =
        new LakeFormationCompiler(
            roles.accountId(), this::roleArn, Clock.fixed(snapshot.now(), ZoneOffset.UTC));
    LakeFormationPlan plan = compile(compiler, inputs);
    if (plan == null) {
      return;
    }
    plan.notes().forEach(note -> log.accept("Lake Formation: " + note));
    LakeFormationReconcileReport report = enforcer.reconcile(plan, log);
    log.accept(
        "Lake Formation reconciled %d products: %d granted, %d revoked, %d filters created, %d"
                .formatted(
                    inputs.size(),
                    report.granted().size(),
                    report.revoked().size(),
                    report.filtersCreated().size(),
                    report.filtersDeleted().size())
            + " filters deleted, %d entries skipped".formatted(report.skipped().size()));
  }

  private static ProductInput input(AccessSnapshot.ProductAccess product, List<Grant> grants) {
    // Iceberg tables list no partition keys in Glue: their partitioning lives in Iceberg metadata.
    return LakeFormationInputs.product(
        product.columns(), product.zone(), product.classifications(), List.of(), grants);
  }

  /** The plan of every product the compiler accepts; null when it accepts none. */
  private LakeFormationPlan compile(LakeFormationCompiler compiler, List<ProductInput> inputs) {
    try {
      return compiler.compile(inputs);
    } catch (LakeFormationCompileException refused) {
      List<ProductInput> accepted = new ArrayList<>();
      for (ProductInput input : inputs) {
        try {
          compiler.compile(List.of(input));
          accepted.add(input);
        } catch (LakeFormationCompileException problems) {
          problems
              .problems()
              .forEach(
                  problem ->
                      log.accept(
                          "Lake Formation: leaving "
                              + input.qualifiedName()
                              + " as it is: "
                              + problem));
        }
      }
      return accepted.isEmpty() ? null : compiler.compile(accepted);
    }
  }

  private String roleArn(String principal) {
    try {
      return roles.roleArn(principal);
    } catch (IllegalArgumentException unmappable) {
      // The compiler reports a principal without a role as a problem of its product.
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    if (client != null) {
      client.close();
    }
  }
}
