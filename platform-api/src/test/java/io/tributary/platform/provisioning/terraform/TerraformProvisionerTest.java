package io.tributary.platform.provisioning.terraform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tributary.platform.testing.LocalLakehouseResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Terraform provisioner through the real API and the real terraform binary, against the
 * provider-free test root (whose {@code variables.tf} is the domain root's own) in a local backend
 * that every domain shares, kept apart only by workspace; tables go to the local lakehouse's
 * Iceberg catalog.
 */
@QuarkusTest
@TestProfile(TerraformProvisionerTest.TerraformProvisioning.class)
@QuarkusTestResource(LocalLakehouseResource.class)
class TerraformProvisionerTest {
  private static final Path FOLDER = Path.of("target/terraform").toAbsolutePath();
  private static final Path ROOT = FOLDER.resolve("domain-root");
  private static final Path WORK = FOLDER.resolve("work");
  private static final Path STATE = FOLDER.resolve("state");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Selects the Terraform provisioner and the test root; the one profile of these tests. */
  public static class TerraformProvisioning implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      deleteRecursively(WORK);
      deleteRecursively(STATE);
      DomainRoot.assemble(ROOT);
      Map<String, String> config = new HashMap<>();
      config.put("tributary.provisioner.type", "terraform");
      config.put("tributary.provisioner.terraform.binary", DomainRoot.binary().orElse("terraform"));
      config.put("tributary.provisioner.terraform.root", ROOT.toString());
      config.put("tributary.provisioner.terraform.work-dir", WORK.toString());
      config.put("tributary.provisioner.terraform.timeout", "PT2M");
      // One local backend for every domain: only the workspace keeps their states apart.
      config.put("tributary.provisioner.terraform.backend-config.workspace_dir", STATE.toString());
      config.put(
          "tributary.provisioner.terraform.backend-config.path",
          STATE.resolve("default.tfstate").toString());
      config.put("tributary.provisioner.terraform.platform.data-bucket", "tributary-data");
      config.put(
          "tributary.provisioner.terraform.platform.data-kms-key-arn",
          "arn:aws:kms:us-east-1:123456789012:key/data");
      config.put(
          "tributary.provisioner.terraform.platform.athena-results-bucket", "tributary-results");
      config.put(
          "tributary.provisioner.terraform.platform.oidc-provider-arn",
          "arn:aws:iam::123456789012:oidc-provider/tributary-local");
      config.put(
          "tributary.provisioner.terraform.platform.platform-role-arn",
          "arn:aws:iam::123456789012:role/tributary-platform");
      config.put("tributary.provisioner.terraform.tags.team", "data-platform");
      config.put("tributary.aws.account-id", "123456789012");
      return config;
    }
  }

  private static String admin() {
    return LocalLakehouseResource.token("root", "platform-admins");
  }

  private static String outsider() {
    return LocalLakehouseResource.token("olga", "elsewhere");
  }

  @Inject Catalog catalog;

  @BeforeAll
  static void needsTerraform() {
    if (DomainRoot.binary().isEmpty()) {
      Assumptions.abort(
          "No terraform binary: set TRIBUTARY_TERRAFORM or put terraform on the PATH to test the"
              + " Terraform provisioner");
    }
  }

  private static String unique(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime()).substring(5);
  }

  private static String owner(String domain) {
    return LocalLakehouseResource.token("sam", domain + "-owners");
  }

  private static String domainYaml(String domain, String title, String budget) {
    return """
        apiVersion: tributary.io/v1
        kind: Domain
        metadata: {name: %1$s, title: %2$s, description: Orders of the web shop.}
        spec:
          owners: [%1$s-owners]
          members: [%1$s-analysts]
          costs: {monthlyBudgetUsd: %3$s, maxBytesScannedPerQuery: 1073741824}
        """
        .formatted(domain, title, budget);
  }

  private static String productYaml(String domain, String product) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %1$s, name: %2$s, version: 1.0.0, title: Orders, tags: [orders]}
        spec:
          zone: curated
          table:
            columns:
              - {name: id, type: long, required: true}
              - {name: region, type: string}
              - {name: email, type: string, classification: pii}
            primaryKey: [id]
          access:
            visibility: discoverable
            grants:
              - {principal: "group:%1$s-partners", columns: {include: [id, region]}}
          source: {type: external}
        """
        .formatted(domain, product);
  }

  private static Response put(String token, String path, String yaml) {
    return given().auth().oauth2(token).contentType("application/yaml").body(yaml).put(path);
  }

  private static JsonPath onboard(String domain, String budget) {
    Response response =
        put(admin(), "/api/v1/domains/" + domain, domainYaml(domain, "Shop", budget));
    response.then().statusCode(201);
    return response.jsonPath();
  }

  private static JsonPath declare(String domain, String product) {
    Response response =
        put(
            owner(domain),
            "/api/v1/domains/%s/products/%s".formatted(domain, product),
            productYaml(domain, product));
    response.then().statusCode(201);
    return response.jsonPath();
  }

  private static JsonPath retry(String token, String run, int status) {
    Response response = given().auth().oauth2(token).post("/api/v1/runs/" + run + "/retry");
    response.then().statusCode(status);
    return response.jsonPath();
  }

  private boolean namespaceExists(String domain) {
    return ((SupportsNamespaces) catalog).namespaceExists(Namespace.of(domain));
  }

  @Test
  void appliesTheWorkspaceThenCreatesTablesAndTagsThemInASecondPhase() throws Exception {
    String domain = unique("tfshop");

    JsonPath onboarded = onboard(domain, "100");
    assertThat(onboarded.getString("run.status")).isEqualTo("succeeded");
    assertThat(onboarded.getList("run.plan.action", String.class)).contains("create-namespace");
    assertThat(onboarded.getInt("run.terraform[0].phase")).isEqualTo(1);
    assertThat(onboarded.getInt("run.terraform[0].add")).isEqualTo(1);
    assertThat(onboarded.getList("run.terraform[0].resourceChanges.address", String.class))
        .contains("terraform_data.domain");
    assertThat(onboarded.getList("run.terraform[0].resourceChanges[0].actions", String.class))
        .containsExactly("create");
    assertThat(namespaceExists(domain)).isTrue();

    JsonPath declared = declare(domain, "orders");
    assertThat(declared.getString("run.status")).isEqualTo("succeeded");
    assertThat(catalog.tableExists(TableIdentifier.of(domain, "orders"))).isTrue();
    assertThat(declared.getList("run.plan.action", String.class)).contains("create-table");
    // The table did not exist at the first plan: its tags and grants come in phase 2.
    assertThat(declared.getList("run.terraform.phase", Integer.class)).containsExactly(1, 2);
    assertThat(declared.getList("run.terraform[0].resourceChanges.address", String.class))
        .contains("terraform_data.product[\"orders\"]")
        .noneMatch(address -> address.contains("lf_tag_assignment"));
    assertThat(declared.getList("run.terraform[1].resourceChanges.address", String.class))
        .anyMatch(address -> address.startsWith("terraform_data.lf_tag_assignment["))
        .anyMatch(address -> address.startsWith("terraform_data.lakeformation_permission["));

    String runId = declared.getString("run.id");
    JsonPath run =
        given()
            .auth()
            .oauth2(owner(domain))
            .get("/api/v1/runs/" + runId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> log = run.getList("log", String.class);
    assertThat(log)
        .contains(
            "phase 1: the domain's resources, and Lake Formation on its existing tables",
            "phase 2: Lake Formation tags and grants on the tables this run created",
            "$ terraform workspace select -or-create=true -no-color " + domain)
        .anyMatch(line -> line.startsWith("$ terraform init -input=false -no-color"))
        .anyMatch(line -> line.startsWith("Apply complete! Resources: "))
        .anyMatch(line -> line.startsWith("Plan: "))
        .noneMatch(line -> line.toLowerCase().contains("undeclared variable"))
        .noneMatch(line -> line.contains("\"format_version\""));
    assertThat(run.getList("terraform.phase", Integer.class)).containsExactly(1, 2);

    // What the run rendered is exactly what the domain root declares.
    JsonNode rendered =
        JSON.readTree(WORK.resolve(domain).resolve(TerraformVariables.FILE_NAME).toFile());
    Set<String> names = new TreeSet<>();
    rendered.fieldNames().forEachRemaining(names::add);
    assertThat(names).isEqualTo(DomainRoot.declaredVariables());
    assertThat(rendered.path("tags").path("team").asText()).isEqualTo("data-platform");
    assertThat(terraform(domain, "output", "-raw", "domain")).isEqualTo("tributary-" + domain);

    // Applying what is applied plans nothing.
    Response again = put(admin(), "/api/v1/domains/" + domain, domainYaml(domain, "Shop", "100"));
    again.then().statusCode(200);
    assertThat(again.jsonPath().getString("run.status")).isEqualTo("succeeded");
    assertThat(again.jsonPath().getList("run.terraform.phase", Integer.class)).containsExactly(1);
    assertThat(again.jsonPath().getInt("run.terraform[0].add")).isZero();
    assertThat(again.jsonPath().getInt("run.terraform[0].change")).isZero();
    assertThat(again.jsonPath().getInt("run.terraform[0].destroy")).isZero();
    assertThat(again.jsonPath().getList("run.terraform[0].resourceChanges")).isEmpty();
  }

  @Test
  void twoDomainsAtOnceEachInItsOwnWorkspaceOfOneBackend() throws Exception {
    String first = unique("tfleft");
    String second = unique("tfright");
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Future<List<String>> left =
          executor.submit(
              () ->
                  List.of(
                      onboard(first, "100").getString("run.status"),
                      declare(first, "orders").getString("run.status")));
      Future<List<String>> right =
          executor.submit(
              () ->
                  List.of(
                      onboard(second, "200").getString("run.status"),
                      declare(second, "invoices").getString("run.status")));
      assertThat(left.get(5, TimeUnit.MINUTES)).containsOnly("succeeded");
      assertThat(right.get(5, TimeUnit.MINUTES)).containsOnly("succeeded");
    } finally {
      executor.shutdownNow();
    }
    assertThat(catalog.tableExists(TableIdentifier.of(first, "orders"))).isTrue();
    assertThat(catalog.tableExists(TableIdentifier.of(second, "invoices"))).isTrue();

    // One backend holds both workspaces...
    assertThat(terraform(first, "workspace", "list")).contains(first).contains(second);
    assertThat(STATE.resolve(first).resolve("terraform.tfstate")).isRegularFile();
    assertThat(STATE.resolve(second).resolve("terraform.tfstate")).isRegularFile();
    // ...and each workspace's state holds only its own domain's resources.
    List<String> firstState = stateList(first);
    List<String> secondState = stateList(second);
    assertThat(firstState)
        .contains("terraform_data.domain", "terraform_data.product[\"orders\"]")
        .noneMatch(address -> address.contains("invoices"));
    assertThat(secondState)
        .contains("terraform_data.domain", "terraform_data.product[\"invoices\"]")
        .noneMatch(address -> address.contains("orders"));
    assertThat(terraform(first, "output", "-raw", "domain")).isEqualTo("tributary-" + first);
    assertThat(terraform(second, "output", "-raw", "domain")).isEqualTo("tributary-" + second);
    assertThat(Files.readString(STATE.resolve(first).resolve("terraform.tfstate")))
        .contains(first)
        .doesNotContain(second);
  }

  @Test
  void aFailingPlanFailsTheRunWithItsCauseAndTouchesNoTable() {
    String domain = unique("tfbudget");

    JsonPath onboarded = onboard(domain, "2000000");
    assertThat(onboarded.getString("run.status")).isEqualTo("failed");
    assertThat(onboarded.getString("run.error"))
        .contains("terraform plan failed (exit code 1)")
        .contains("Resource precondition failed")
        .contains("over 1,000,000 USD");
    assertThat(onboarded.getList("run.log", String.class))
        .anyMatch(line -> line.startsWith("failed: terraform plan failed"))
        .noneMatch(line -> line.startsWith("$ terraform apply"));
    assertThat(namespaceExists(domain)).isFalse();

    JsonPath declared = declare(domain, "orders");
    assertThat(declared.getString("run.status")).isEqualTo("failed");
    assertThat(catalog.tableExists(TableIdentifier.of(domain, "orders"))).isFalse();

    // A retry runs again over what is declared now, so while the cause stays it fails again.
    String failed = onboarded.getString("run.id");
    retry(outsider(), failed, 403);
    JsonPath retried = retry(owner(domain), failed, 201);
    assertThat(retried.getString("trigger")).isEqualTo("retry of " + failed);
    assertThat(retried.getString("status")).isEqualTo("failed");
    assertThat(retried.getString("error")).contains("over 1,000,000 USD");

    // Fixing the declaration converges, with the table declared while it failed.
    Response fixed = put(admin(), "/api/v1/domains/" + domain, domainYaml(domain, "Shop", "100"));
    fixed.then().statusCode(200);
    assertThat(fixed.jsonPath().getString("run.status")).isEqualTo("succeeded");
    assertThat(catalog.tableExists(TableIdentifier.of(domain, "orders"))).isTrue();
    retry(owner(domain), fixed.jsonPath().getString("run.id"), 409);
  }

  @Test
  void aRetryAfterTheCauseIsGoneConvergesAndRetryingAgainPlansNothing() throws IOException {
    String domain = unique("tfretry");
    // A file where the domain's workspace folder belongs: the backend cannot create the workspace.
    Files.createDirectories(STATE);
    Path blocker = STATE.resolve(domain);
    Files.writeString(blocker, "not a folder");

    JsonPath onboarded = onboard(domain, "100");
    String failed = onboarded.getString("run.id");
    assertThat(onboarded.getString("run.status")).isEqualTo("failed");
    assertThat(onboarded.getString("run.error"))
        .startsWith("Terraform failed before applying anything")
        .contains("terraform workspace select failed");
    assertThat(namespaceExists(domain)).isFalse();

    Files.delete(blocker);
    Response retried = given().auth().oauth2(admin()).post("/api/v1/runs/" + failed + "/retry");
    retried.then().statusCode(201);
    JsonPath run = retried.jsonPath();
    assertThat(retried.header("Location")).endsWith("/api/v1/runs/" + run.getString("id"));
    assertThat(run.getString("trigger")).isEqualTo("retry of " + failed);
    assertThat(run.getString("status")).isEqualTo("succeeded");
    assertThat(run.getInt("terraform[0].add")).isEqualTo(1);
    assertThat(namespaceExists(domain)).isTrue();

    JsonPath again = retry(owner(domain), failed, 201);
    assertThat(again.getString("status")).isEqualTo("succeeded");
    assertThat(again.getList("terraform.phase", Integer.class)).containsExactly(1);
    assertThat(again.getInt("terraform[0].add") + again.getInt("terraform[0].change")).isZero();
    assertThat(again.getInt("terraform[0].destroy")).isZero();
    assertThat(again.getList("plan")).isEmpty();

    List<Map<String, Object>> events =
        given()
            .auth()
            .oauth2(admin())
            .get("/api/v1/domains/" + domain + "/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("events");
    assertThat(events)
        .filteredOn(event -> "run.retry".equals(event.get("action")))
        .hasSize(2)
        .allMatch(event -> failed.equals(event.get("target")))
        .allMatch(event -> "SUCCEEDED".equals(event.get("outcome")));
  }

  /** Runs terraform in a domain's working folder and workspace, as the provisioner does. */
  private static String terraform(String domain, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(DomainRoot.binary().orElseThrow());
    command.add("-chdir=" + ROOT);
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TF_DATA_DIR", WORK.resolve(domain).resolve(".terraform").toString());
    builder.environment().put("TF_WORKSPACE", domain);
    builder.environment().put("CHECKPOINT_DISABLE", "1");
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = builder.start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).as("terraform %s: %s", arguments, output).isZero();
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> stateList(String domain) {
    return terraform(domain, "state", "list").lines().toList();
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
