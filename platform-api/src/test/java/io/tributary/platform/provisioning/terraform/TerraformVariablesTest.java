package io.tributary.platform.provisioning.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Domain;
import io.tributary.platform.provisioning.DomainSnapshot;
import io.tributary.platform.service.Documents;
import io.tributary.platform.service.PolicyModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer of the domain root's variables, without Quarkus. */
class TerraformVariablesTest {
  static final PlatformOutputs PLATFORM =
      new PlatformOutputs(
          "tributary",
          "tributary-data",
          "arn:aws:kms:eu-west-1:123456789012:key/data",
          "tributary-athena-results",
          "arn:aws:iam::123456789012:oidc-provider/issuer.example.com",
          "tributary",
          "arn:aws:iam::123456789012:role/tributary-platform");

  private final TerraformVariables renderer =
      new TerraformVariables(
          PLATFORM,
          "eu-west-1",
          new PrincipalRoles("123456789012", "arn:aws:iam::{account}:role/tributary-{kind}-{name}"),
          Map.of("team", "data"),
          Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

  static Domain domain(String extra) {
    return Documents.domain(
            """
            apiVersion: tributary.io/v1
            kind: Domain
            metadata: {name: sales, title: Sales, description: Orders of the web shop.}
            spec:
              owners: [sales-owners]
              members: [sales-analysts]
              costs: {monthlyBudgetUsd: 250.50, maxBytesScannedPerQuery: 10737418240}
            %s
            """
                .formatted(extra))
        .declaration();
  }

  static DataProduct product(String name, String zone, String visibility) {
    return Documents.product(
            """
            apiVersion: tributary.io/v1
            kind: DataProduct
            metadata: {domain: sales, name: %s, version: 1.2.0, title: Orders, tags: [orders, revenue]}
            spec:
              zone: %s
              table:
                columns:
                  - {name: id, type: long, required: true}
                  - {name: region, type: string}
                  - {name: email, type: string, classification: pii}
                primaryKey: [id]
              access:
                visibility: %s
                grants:
                  - {principal: "group:finance", columns: {include: [id, region]}}
                  - {principal: "user:ana", columns: all, rowFilter: "region = 'EU'"}
              source: {type: external}
            """
                .formatted(name, zone, visibility))
        .declaration();
  }

  static DataProduct derived(String name, String schedule, String... inputs) {
    return Documents.product(
            """
            apiVersion: tributary.io/v1
            kind: DataProduct
            metadata: {domain: sales, name: %s, version: 1.0.0, title: Revenue}
            spec:
              zone: analytics
              table:
                columns:
                  - {name: sku, type: string, required: true}
                  - {name: revenue, type: "decimal(14,2)"}
                primaryKey: [sku]
              source:
                type: sql
                inputs: [%s]
                schedule: %s
                query: "SELECT o.sku, sum(o.amount) AS revenue FROM %s o GROUP BY o.sku"
            """
                .formatted(name, String.join(", ", inputs), schedule, inputs[0]))
        .declaration();
  }

  static DomainSnapshot snapshot(Domain domain, DataProduct... products) {
    List<DomainSnapshot.Product> entries = new ArrayList<>();
    for (DataProduct product : products) {
      entries.add(
          new DomainSnapshot.Product(
              product, PolicyModel.columns(product), PolicyModel.declaredGrants(product)));
    }
    return new DomainSnapshot(domain, domain.spec().owners(), domain.spec().members(), entries);
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void rendersExactlyTheVariablesTheDomainRootDeclares() {
    ObjectNode variables =
        renderer.render(
            snapshot(domain(""), product("orders", "curated", "discoverable")), name -> true);

    assertThat(names(variables)).isEqualTo(DomainRoot.declaredVariables());
  }

  @Test
  void rendersTheDomainItsProductsAndThePlatform() {
    ObjectNode variables =
        renderer.render(
            snapshot(
                domain(""),
                product("orders", "curated", "discoverable"),
                product("leads", "raw", "private")),
            name -> false);

    assertThat(variables.path("region").asText()).isEqualTo("eu-west-1");
    assertThat(variables.path("domain").asText()).isEqualTo("sales");
    assertThat(variables.path("title").asText()).isEqualTo("Sales");
    assertThat(variables.path("description").asText()).isEqualTo("Orders of the web shop.");
    assertThat(variables.path("owner_groups").toString()).isEqualTo("[\"sales-owners\"]");
    assertThat(variables.path("member_groups").toString()).isEqualTo("[\"sales-analysts\"]");
    assertThat(variables.path("monthly_budget_usd").decimalValue()).isEqualByComparingTo("250.50");
    assertThat(variables.path("bytes_scanned_cutoff_per_query").asLong())
        .isEqualTo(10_737_418_240L);
    assertThat(variables.path("platform").path("data_bucket").asText()).isEqualTo("tributary-data");
    assertThat(names(variables.path("platform")))
        .containsExactlyInAnyOrder(
            "name_prefix",
            "data_bucket",
            "data_kms_key_arn",
            "athena_results_bucket",
            "oidc_provider_arn",
            "oidc_audience",
            "platform_role_arn",
            "refresh_api_destination_arn",
            "refresh_role_arn");
    assertThat(variables.path("platform").path("refresh_api_destination_arn").asText()).isEmpty();
    assertThat(variables.path("derived_products").isObject()).isTrue();
    assertThat(variables.path("derived_products")).isEmpty();
    assertThat(names(variables.path("products"))).containsExactly("leads", "orders");
    assertThat(variables.path("products").path("leads").toString())
        .isEqualTo(
            "{\"zone\":\"raw\",\"visibility\":\"private\",\"version\":\"1.2.0\","
                + "\"tags\":[\"orders\",\"revenue\"]}");
    assertThat(variables.path("catalog_id").asText()).isEqualTo("123456789012");
    assertThat(variables.path("tags").toString()).isEqualTo("{\"team\":\"data\"}");
  }

  @Test
  void derivedProductsRenderTheirEventBridgeScheduleAndInputs() {
    ObjectNode variables =
        renderer.render(
            snapshot(
                domain(""),
                product("orders", "curated", "discoverable"),
                derived("revenue", "PT1H", "sales.orders", "crm.customers"),
                derived("hourly_top", "PT15M", "sales.revenue")),
            name -> true);

    JsonNode derived = variables.path("derived_products");
    assertThat(names(derived)).containsExactly("hourly_top", "revenue");
    assertThat(derived.path("revenue").toString())
        .isEqualTo(
            "{\"schedule_expression\":\"rate(1 hour)\","
                + "\"inputs\":[\"sales.orders\",\"crm.customers\"]}");
    assertThat(derived.path("hourly_top").path("schedule_expression").asText())
        .isEqualTo("rate(15 minutes)");
    // Derived products are products like any other: their table, grants and tags are rendered too.
    assertThat(names(variables.path("products")))
        .containsExactly("hourly_top", "orders", "revenue");
  }

  /**
   * Declarations refuse such schedules (see {@code DeclarationParserTest}); one stored before that
   * rule still fails its domain's rendering with a clear error.
   */
  @Test
  void aScheduleEventBridgeCannotKeepIsAnErrorNamingTheProduct() {
    assertThatThrownBy(() -> EventBridgeSchedules.rate("sales.revenue", Duration.ofSeconds(90)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sales.revenue")
        .hasMessageContaining("PT1M30S")
        .hasMessageContaining("whole minutes");
  }

  @Test
  void schedulesBecomeRatesInTheLargestUnitThatDividesThem() {
    Map<String, String> rates =
        Map.of(
            "PT1M", "rate(1 minute)",
            "PT15M", "rate(15 minutes)",
            "PT90M", "rate(90 minutes)",
            "PT1H", "rate(1 hour)",
            "PT2H", "rate(2 hours)",
            "PT36H", "rate(36 hours)",
            "P1D", "rate(1 day)",
            "PT48H", "rate(2 days)",
            "P7D", "rate(7 days)");
    rates.forEach(
        (schedule, rate) ->
            assertThat(EventBridgeSchedules.rate("sales.revenue", Duration.parse(schedule)))
                .as(schedule)
                .isEqualTo(rate));
    for (String refused : List.of("PT30S", "PT0.5S", "PT1M30S", "PT59S", "PT1H0.001S")) {
      assertThatThrownBy(() -> EventBridgeSchedules.rate("sales.revenue", Duration.parse(refused)))
          .as(refused)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("sales.revenue: source.schedule ");
    }
  }

  @Test
  void thePlatformsRefreshDestinationReachesEveryDomain() {
    TerraformVariables withRefresh =
        new TerraformVariables(
            new PlatformOutputs(
                "tributary",
                "tributary-data",
                "arn:aws:kms:eu-west-1:123456789012:key/data",
                "tributary-athena-results",
                "arn:aws:iam::123456789012:oidc-provider/issuer.example.com",
                "tributary",
                "arn:aws:iam::123456789012:role/tributary-platform",
                "arn:aws:events:eu-west-1:123456789012:api-destination/tributary-refresh/0a1b",
                "arn:aws:iam::123456789012:role/tributary-refresh-events"),
            "eu-west-1",
            new PrincipalRoles(
                "123456789012", "arn:aws:iam::{account}:role/tributary-{kind}-{name}"),
            Map.of(),
            Clock.systemUTC());

    JsonNode platform = withRefresh.render(snapshot(domain("")), name -> true).path("platform");

    assertThat(platform.path("refresh_api_destination_arn").asText())
        .isEqualTo("arn:aws:events:eu-west-1:123456789012:api-destination/tributary-refresh/0a1b");
    assertThat(platform.path("refresh_role_arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/tributary-refresh-events");
  }

  @Test
  void aRefreshDestinationWithoutItsRoleIsRefused() {
    assertThatThrownBy(
            () ->
                new PlatformOutputs(
                    "tributary",
                    "bucket",
                    "key",
                    "results",
                    "arn",
                    "aud",
                    "role",
                    "arn:aws:events:eu-west-1:123456789012:api-destination/tributary-refresh/0a1b",
                    ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refresh-api-destination-arn")
        .hasMessageContaining("refresh-role-arn");
  }

  @Test
  void aDomainsOwnAccountAndRegionWin() {
    ObjectNode variables =
        renderer.render(
            snapshot(domain("  aws: {accountId: \"210987654321\", region: ap-southeast-2}")),
            name -> true);

    assertThat(variables.path("region").asText()).isEqualTo("ap-southeast-2");
    assertThat(variables.path("catalog_id").asText()).isEqualTo("210987654321");
  }

  @Test
  void lakeFormationCoversOnlyTablesThatExist() {
    DomainSnapshot snapshot =
        snapshot(
            domain(""),
            product("orders", "curated", "discoverable"),
            product("leads", "raw", "private"));

    ObjectNode before = renderer.render(snapshot, "orders"::equals);
    ObjectNode after = renderer.render(snapshot, name -> true);

    assertThat(tables(before)).containsExactly("orders");
    assertThat(tables(after)).containsExactly("leads", "orders");
    assertThat(before).isNotEqualTo(after);
    assertThat(before.path("lakeformation_permissions").toString())
        .contains("arn:aws:iam::123456789012:role/tributary-group-finance")
        .contains("arn:aws:iam::123456789012:role/tributary-user-ana");
    assertThat(before.path("data_cells_filters")).hasSize(1);
    assertThat(before.path("lf_tag_assignments").toString()).contains("\"classification\":\"pii\"");
    // The same input renders the same file, so an unchanged domain is an unchanged plan.
    assertThat(TerraformVariables.text(renderer.render(snapshot, name -> true)))
        .isEqualTo(TerraformVariables.text(after));
  }

  private static Set<String> tables(ObjectNode variables) {
    Set<String> tables = new TreeSet<>();
    for (String name :
        List.of("lakeformation_permissions", "data_cells_filters", "lf_tag_assignments")) {
      variables.path(name).forEach(entry -> tables.add(entry.path("table").asText()));
    }
    return tables;
  }

  @Test
  void missingPlatformOutputsAreNamed() {
    assertThatThrownBy(
            () -> new PlatformOutputs("tributary", "bucket", null, "", "arn", "aud", "role"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tributary.provisioner.terraform.platform.data-kms-key-arn")
        .hasMessageContaining("tributary.provisioner.terraform.platform.athena-results-bucket")
        .hasMessageNotContaining("data-bucket,");
  }

  @Test
  void terraformAcceptsTheRenderedVariablesWithoutWarnings(@TempDir Path folder) throws Exception {
    String terraform =
        DomainRoot.binary()
            .orElseGet(
                () ->
                    Assumptions.abort(
                        "No terraform binary: set TRIBUTARY_TERRAFORM or put terraform on the"
                            + " PATH to type-check the rendered variables"));
    Path root = DomainRoot.assemble(folder.resolve("root"));
    Path variables = folder.resolve(TerraformVariables.FILE_NAME);
    Files.writeString(
        variables,
        TerraformVariables.text(
            renderer.render(
                snapshot(
                    domain(""),
                    product("orders", "curated", "discoverable"),
                    derived("revenue", "PT1H", "sales.orders")),
                name -> true)),
        StandardCharsets.UTF_8);

    String init =
        terraform(
            terraform,
            folder,
            "-chdir=" + root,
            "init",
            "-input=false",
            "-no-color",
            "-backend-config=path=" + folder.resolve("terraform.tfstate"));
    String plan =
        terraform(
            terraform,
            folder,
            "-chdir=" + root,
            "plan",
            "-input=false",
            "-no-color",
            "-var-file=" + variables);

    assertThat(init).contains("Terraform has been successfully initialized");
    assertThat(plan)
        .contains("Plan: ")
        .contains("terraform_data.derived_product[\"revenue\"]")
        .doesNotContainIgnoringCase("undeclared variable");
  }

  private static String terraform(String binary, Path folder, String... arguments)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(binary));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TF_DATA_DIR", folder.resolve(".terraform").toString());
    builder.environment().put("CHECKPOINT_DISABLE", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
