package io.tributary.platform.provisioning.terraform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Domain;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.provisioning.DomainSnapshot;
import io.tributary.policies.lakeformation.LakeFormationCompiler;
import io.tributary.policies.lakeformation.LakeFormationInputs;
import io.tributary.policies.lakeformation.LakeFormationPlan;
import io.tributary.policies.lakeformation.ProductInput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Renders a domain's declarations into the domain root's variables ({@code
 * terraform/domain/variables.tf} is the contract): domain metadata, owner and member groups, costs,
 * region, the platform's outputs, the active products, the SQL-derived ones with their EventBridge
 * schedule and inputs (the refresh rules), and the Lake Formation permissions, data cells filters,
 * LF-Tags and tag assignments the policies module compiles from the grants.
 *
 * <p>Lake Formation can only tag and grant on tables that exist, so the Lake Formation variables
 * cover only the products whose table exists when rendering; the provisioner renders again once it
 * has created new tables.
 */
public final class TerraformVariables {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The name of the rendered file, loaded like any {@code *.auto.tfvars.json}. */
  public static final String FILE_NAME = "tributary.auto.tfvars.json";

  private final PlatformOutputs platform;
  private final String defaultRegion;
  private final PrincipalRoles principalRoles;
  private final Map<String, String> tags;
  private final Clock clock;

  /**
   * @param platform the platform root's outputs
   * @param defaultRegion the region of domains that declare none ({@code tributary.aws.region})
   * @param principalRoles maps grants' principals to IAM roles; its account is the catalog id of
   *     domains that declare no account of their own
   * @param tags tags added to every resource
   * @param clock decides which grants have expired
   */
  public TerraformVariables(
      PlatformOutputs platform,
      String defaultRegion,
      PrincipalRoles principalRoles,
      Map<String, String> tags,
      Clock clock) {
    this.platform = Objects.requireNonNull(platform, "platform");
    this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
    this.principalRoles = Objects.requireNonNull(principalRoles, "principalRoles");
    this.tags = new TreeMap<>(tags);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The variables, one JSON object member per declared variable.
   *
   * @param snapshot the domain's declarations
   * @param tableExists whether a product's table exists now, by product name
   * @throws io.tributary.policies.lakeformation.LakeFormationCompileException when a grant cannot
   *     be expressed in Lake Formation
   * @throws IllegalArgumentException naming the product when a SQL-derived product's schedule is no
   *     EventBridge rate (under a minute, or not whole minutes)
   */
  public ObjectNode render(DomainSnapshot snapshot, Predicate<String> tableExists) {
    Domain domain = snapshot.domain();
    ObjectNode variables = JSON.createObjectNode();
    variables.put(
        "region", domain.spec().aws().map(Domain.AwsAccount::region).orElse(defaultRegion));
    variables.put("domain", domain.name());
    variables.put("title", domain.metadata().title().orElse(""));
    variables.put("description", domain.metadata().description().orElse(""));
    strings(variables.putArray("owner_groups"), snapshot.ownerGroups());
    strings(variables.putArray("member_groups"), snapshot.memberGroups());
    variables.put("monthly_budget_usd", domain.spec().costs().monthlyBudgetUsd());
    variables.put(
        "bytes_scanned_cutoff_per_query", domain.spec().costs().maxBytesScannedPerQuery());

    variables
        .putObject("platform")
        .put("name_prefix", platform.namePrefix())
        .put("data_bucket", platform.dataBucket())
        .put("data_kms_key_arn", platform.dataKmsKeyArn())
        .put("athena_results_bucket", platform.athenaResultsBucket())
        .put("oidc_provider_arn", platform.oidcProviderArn())
        .put("oidc_audience", platform.oidcAudience())
        .put("platform_role_arn", platform.platformRoleArn())
        .put("refresh_api_destination_arn", platform.refreshApiDestinationArn())
        .put("refresh_role_arn", platform.refreshRoleArn());

    List<DomainSnapshot.Product> products = new ArrayList<>(snapshot.products());
    products.sort(Comparator.comparing(DomainSnapshot.Product::name));
    ObjectNode productsNode = variables.putObject("products");
    for (DomainSnapshot.Product product : products) {
      DataProduct declared = product.declaration();
      ObjectNode node =
          productsNode
              .putObject(product.name())
              .put("zone", declared.spec().zone().toString().toLowerCase())
              .put("visibility", declared.spec().access().visibility().toString().toLowerCase())
              .put("version", declared.metadata().version().toString());
      strings(node.putArray("tags"), declared.metadata().tags());
    }

    ObjectNode derivedProducts = variables.putObject("derived_products");
    for (DomainSnapshot.Product product : products) {
      if (product.declaration().spec().source() instanceof Source.Sql sql) {
        ObjectNode node =
            derivedProducts
                .putObject(product.name())
                .put(
                    "schedule_expression",
                    EventBridgeSchedules.rate(
                        domain.name() + "." + product.name(), sql.schedule()));
        ArrayNode inputs = node.putArray("inputs");
        sql.inputs().forEach(input -> inputs.add(input.toString()));
      }
    }

    String catalogId =
        domain.spec().aws().map(Domain.AwsAccount::accountId).orElse(principalRoles.accountId());
    List<ProductInput> inputs = new ArrayList<>();
    for (DomainSnapshot.Product product : products) {
      if (tableExists.test(product.name())) {
        inputs.add(lakeFormationInput(product));
      }
    }
    LakeFormationPlan plan =
        new LakeFormationCompiler(catalogId, principalRoles::roleArn, clock).compile(inputs);
    ObjectNode lakeFormation = plan.toTerraformVariables();
    variables.put("catalog_id", catalogId);
    for (String name :
        List.of(
            "lakeformation_permissions", "data_cells_filters", "lf_tags", "lf_tag_assignments")) {
      variables.set(name, lakeFormation.get(name));
    }
    ObjectNode tagsNode = variables.putObject("tags");
    tags.forEach(tagsNode::put);
    return variables;
  }

  private static ProductInput lakeFormationInput(DomainSnapshot.Product product) {
    DataProduct declared = product.declaration();
    Map<String, String> classifications = new LinkedHashMap<>();
    for (Column column : declared.spec().table().columns()) {
      column.classification().ifPresent(value -> classifications.put(column.name(), value));
    }
    // Iceberg tables in Glue list no partition keys: Iceberg keeps its partitioning itself.
    return LakeFormationInputs.product(
        product.columns(),
        declared.spec().zone().toString().toLowerCase(),
        classifications,
        List.of(),
        product.grants());
  }

  /** The variables as the file's text, stable for the same input. */
  public static String text(ObjectNode variables) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(variables) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
