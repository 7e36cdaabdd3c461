package io.tributary.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart as {@code helm lint} and {@code helm template} see it, for every named value set under
 * {@code ci/}, and what the rendered manifests say: where Trino reads its rules, the catalog,
 * probes, security contexts, and that no secret is ever a plain value.
 */
class HelmChartTest {
  private static final String API = "tributary-api";
  private static final String COORDINATOR = "tributary-trino-coordinator";
  private static final String WORKER = "tributary-trino-worker";
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|secret|token|credential|secret-?key|access-?key).*");
  private static final Pattern SECRET_PROPERTY =
      Pattern.compile("(?i).*(password|secret|service-token|access-key|secret-key|credential)$");

  static Stream<Path> valueSets() {
    return Chart.valueSets().stream();
  }

  @Test
  void thereAreValueSetsForEveryCatalogAndEngine() {
    assertThat(Chart.valueSets())
        .extracting(path -> path.getFileName().toString())
        .contains("glue-values.yaml", "jdbc-values.yaml", "autoscaling-values.yaml");
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void lintsStrictlyWithEveryValueSet(Path valueSet, @TempDir Path copy) throws IOException {
    // helm lint takes no values file: lint a copy of the chart whose values are this set's.
    Path chart = copy.resolve("tributary");
    copyTree(Chart.directory(), chart);
    Files.writeString(
        chart.resolve("values.yaml"), Chart.YAML.writeValueAsString(Chart.mergedValues(valueSet)));
    LintResult result = new Helm(chart).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void rendersWithEveryValueSet(Path valueSet) {
    Chart.Manifests manifests = Chart.render(valueSet);
    assertThat(manifests.get("Deployment", API)).isNotNull();
    assertThat(manifests.get("Service", API)).isNotNull();
    assertThat(manifests.get("ConfigMap", API)).isNotNull();
    boolean trino = Chart.mergedValues(valueSet).path("trino").path("enabled").asBoolean();
    assertThat(manifests.has("Deployment", COORDINATOR)).isEqualTo(trino);
    assertThat(manifests.has("Deployment", WORKER)).isEqualTo(trino);
    for (JsonNode manifest : manifests.all()) {
      assertThat(
              manifest.path("metadata").path("labels").path("app.kubernetes.io/instance").asText())
          .as("labels of %s", manifest.path("metadata").path("name"))
          .isEqualTo(Chart.RELEASE);
    }
  }

  @Test
  void trinoReadsItsRulesFromTheApiWithTheSecretFromTheEnvironment() {
    Chart.Manifests manifests = Chart.render(Chart.valueSet("glue"));
    String rulesUrl =
        "http://tributary-api.data.svc:8081/api/v1/engine/trino/rules"
            + "?secret=${ENV:TRIBUTARY_TRINO_RULES_SECRET}";
    for (String node : List.of(COORDINATOR, WORKER)) {
      Properties accessControl = manifests.properties(node, "access-control.properties");
      assertThat(accessControl.getProperty("access-control.name")).isEqualTo("file");
      assertThat(accessControl.getProperty("security.config-file")).isEqualTo(rulesUrl);
      assertThat(accessControl.getProperty("security.refresh-period")).isEqualTo("5s");
      // Trino logs the URL, secret included, at each refresh at INFO.
      assertThat(
              manifests
                  .properties(node, "log.properties")
                  .getProperty("io.trino.plugin.base.security.FileBasedSystemAccessControlModule"))
          .isEqualTo("WARN");
      JsonNode trino = container(manifests.get("Deployment", node), "trino");
      assertThat(secretKeyOf(trino, "TRIBUTARY_TRINO_RULES_SECRET"))
          .isEqualTo("tributary-secrets/trino-rules-secret");
    }
    Properties groups = manifests.properties(COORDINATOR, "group-provider.properties");
    assertThat(groups.getProperty("group-provider.name")).isEqualTo("file");
    assertThat(groups.getProperty("file.group-file")).isEqualTo("/var/lib/trino-groups/groups.txt");

    JsonNode coordinator = manifests.get("Deployment", COORDINATOR);
    JsonNode sync = container(coordinator, "group-sync");
    assertThat(env(sync, "GROUPS_URL"))
        .isEqualTo("http://tributary-api.data.svc:8081/api/v1/engine/trino/groups");
    assertThat(env(sync, "GROUPS_FILE")).isEqualTo("/var/lib/trino-groups/groups.txt");
    assertThat(secretKeyOf(sync, "TRIBUTARY_TRINO_RULES_SECRET"))
        .isEqualTo("tributary-secrets/trino-rules-secret");
    assertThat(sync.path("command").toString()).contains("/opt/tributary/GroupFileSync.java");
    JsonNode firstCopy = initContainer(coordinator, "groups-first-copy");
    assertThat(firstCopy.path("command").toString()).contains("--once");
    assertThat(
            manifests
                .get("ConfigMap", "tributary-trino-group-sync")
                .path("data")
                .path("GroupFileSync.java")
                .asText())
        .isEqualTo(readString(Chart.directory().resolve("files/GroupFileSync.java")));

    Properties api =
        properties(
            manifests.get("ConfigMap", API).path("data").path("application.properties").asText());
    assertThat(api.getProperty("tributary.trino.service-user")).isEqualTo("tributary");
    assertThat(
            secretKeyOf(
                container(manifests.get("Deployment", API), "api"), "TRIBUTARY_TRINO_RULES_SECRET"))
        .isEqualTo("tributary-secrets/trino-rules-secret");
  }

  @Test
  void trinoTakesJwtsOfTheIssuerOverHttpsOnly() {
    Chart.Manifests manifests = Chart.render(Chart.valueSet("glue"));
    Properties config = manifests.properties(COORDINATOR, "config.properties");
    assertThat(config.getProperty("http-server.authentication.type")).isEqualTo("JWT");
    assertThat(config.getProperty("http-server.authentication.jwt.key-file"))
        .isEqualTo(
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example/.well-known/jwks.json");
    assertThat(config.getProperty("http-server.authentication.jwt.required-issuer"))
        .isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example");
    assertThat(config.getProperty("http-server.authentication.jwt.required-audience"))
        .isEqualTo("tributary");
    assertThat(config.getProperty("http-server.authentication.jwt.principal-field"))
        .isEqualTo("sub");
    assertThat(config.getProperty("http-server.https.enabled")).isEqualTo("true");
    assertThat(config.getProperty("http-server.https.keystore.path"))
        .isEqualTo("/etc/trino-tls/keystore.pem");
    assertThat(config.getProperty("hide-inaccessible-columns")).isEqualTo("true");
    assertThat(config.stringPropertyNames())
        .noneMatch(name -> name.contains("allow-insecure-over-http"));
    assertThat(config.getProperty("internal-communication.shared-secret"))
        .isEqualTo("${ENV:TRINO_SHARED_SECRET}");
    JsonNode service = manifests.get("Service", "tributary-trino");
    assertThat(service.path("spec").path("type").asText()).isEqualTo("LoadBalancer");
    assertThat(service.path("spec").path("ports").findValuesAsText("name"))
        .containsExactly("https");
    JsonNode keystore = initContainer(manifests.get("Deployment", COORDINATOR), "keystore");
    assertThat(keystore.path("command").toString()).contains("/tls/tls.key /tls/tls.crt");
    assertThat(
            volume(manifests.get("Deployment", COORDINATOR), "tls")
                .path("secret")
                .path("secretName")
                .asText())
        .isEqualTo("trino-tls");

    Properties jdbc =
        Chart.render(Chart.valueSet("jdbc")).properties(COORDINATOR, "config.properties");
    assertThat(jdbc.getProperty("http-server.authentication.jwt.principal-field"))
        .isEqualTo("preferred_username");
  }

  @Test
  void theLakehouseCatalogIsGlueOrJdbcOnPostgresql() {
    Properties glue =
        Chart.render(Chart.valueSet("glue"))
            .properties("tributary-trino-catalog", "lakehouse.properties");
    assertThat(glue)
        .containsEntry("connector.name", "iceberg")
        .containsEntry("iceberg.catalog.type", "glue")
        .containsEntry("hive.metastore.glue.region", "eu-west-1")
        .containsEntry("hive.metastore.glue.catalogid", "123456789012")
        .containsEntry(
            "hive.metastore.glue.default-warehouse-dir", "s3://example-lakehouse/warehouse")
        .containsEntry("fs.native-s3.enabled", "true")
        .containsEntry("s3.region", "eu-west-1");
    assertThat(glue.stringPropertyNames())
        .noneMatch(name -> name.startsWith("iceberg.jdbc-catalog"));

    Chart.Manifests manifests = Chart.render(Chart.valueSet("jdbc"));
    Properties jdbc = manifests.properties("tributary-trino-catalog", "lakehouse.properties");
    assertThat(jdbc)
        .containsEntry("iceberg.catalog.type", "jdbc")
        .containsEntry("iceberg.jdbc-catalog.catalog-name", "lakehouse")
        .containsEntry("iceberg.jdbc-catalog.driver-class", "org.postgresql.Driver")
        .containsEntry(
            "iceberg.jdbc-catalog.connection-url",
            "jdbc:postgresql://postgres.data.svc:5432/iceberg")
        .containsEntry("iceberg.jdbc-catalog.connection-user", "iceberg")
        .containsEntry(
            "iceberg.jdbc-catalog.connection-password", "${ENV:TRIBUTARY_CATALOG_PASSWORD}")
        .containsEntry("iceberg.jdbc-catalog.default-warehouse-dir", "s3://lakehouse/warehouse")
        .containsEntry("iceberg.jdbc-catalog.schema-version", "V1")
        .containsEntry("fs.native-s3.enabled", "true")
        .containsEntry("s3.endpoint", "https://s3.storage.example.com")
        .containsEntry("s3.path-style-access", "true");
    for (String node : List.of(COORDINATOR, WORKER)) {
      assertThat(
              secretKeyOf(
                  container(manifests.get("Deployment", node), "trino"),
                  "TRIBUTARY_CATALOG_PASSWORD"))
          .isEqualTo("tributary-secrets/catalog-password");
    }
    Properties api =
        properties(
            manifests.get("ConfigMap", API).path("data").path("application.properties").asText());
    assertThat(api)
        .containsEntry("tributary.catalog.type", "jdbc")
        .containsEntry("tributary.catalog.uri", "jdbc:postgresql://postgres.data.svc:5432/iceberg")
        .containsEntry("tributary.catalog.user", "iceberg");
    assertThat(api.stringPropertyNames()).doesNotContain("tributary.catalog.password");
    assertThat(
            secretKeyOf(
                container(manifests.get("Deployment", API), "api"), "TRIBUTARY_CATALOG_PASSWORD"))
        .isEqualTo("tributary-secrets/catalog-password");
    assertThat(container(manifests.get("Deployment", API), "api").path("image").asText())
        .isEqualTo(
            "registry.example.com/tributary/tributary-api:0.1.0@sha256:"
                + "0000000000000000000000000000000000000000000000000000000000000000");
  }

  @Test
  void theApiConfigurationIsRenderedFromTypedValues() {
    Properties glue =
        properties(
            Chart.render(Chart.valueSet("glue"))
                .get("ConfigMap", API)
                .path("data")
                .path("application.properties")
                .asText());
    assertThat(glue)
        .containsEntry(
            "quarkus.oidc.auth-server-url",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example")
        .containsEntry(
            "quarkus.oidc.token.issuer",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example")
        .containsEntry("quarkus.oidc.token.audience", "tributary")
        .containsEntry("tributary.admin-group", "platform-admins")
        .containsEntry("tributary.aws.account-id", "123456789012")
        .containsEntry("tributary.aws.region", "eu-west-1")
        .containsEntry("tributary.store.table", "tributary")
        .containsEntry("tributary.catalog.type", "glue")
        .containsEntry("tributary.catalog.name", "lakehouse")
        .containsEntry("tributary.engine.type", "trino")
        .containsEntry(
            "tributary.engine.jdbc-url", "jdbc:trino://trino.example.com:8443/lakehouse?SSL=true")
        .containsEntry("tributary.grants.enforcers", "trino-rules")
        .containsEntry("tributary.provisioner.type", "local");
    Properties athena =
        properties(
            Chart.render(Chart.valueSet("athena"))
                .get("ConfigMap", API)
                .path("data")
                .path("application.properties")
                .asText());
    assertThat(athena)
        .containsEntry("tributary.engine.type", "athena")
        .containsEntry("tributary.grants.enforcers", "lakeformation")
        .containsEntry("tributary.provisioner.type", "terraform");
    Properties autoscaling =
        properties(
            Chart.render(Chart.valueSet("autoscaling"))
                .get("ConfigMap", API)
                .path("data")
                .path("application.properties")
                .asText());
    assertThat(autoscaling)
        .containsEntry("tributary.grants.enforcers", "trino-rules,lakeformation")
        .containsEntry(
            "tributary.engine.jdbc-url",
            "jdbc:trino://tributary-trino.data.svc:8443/lakehouse?SSL=true");

    JsonNode api = Chart.render(Chart.valueSet("glue")).get("Deployment", API);
    assertThat(env(container(api, "api"), "QUARKUS_CONFIG_LOCATIONS"))
        .isEqualTo("/etc/tributary/application.properties");
    assertThat(
            api.path("spec")
                .path("template")
                .path("metadata")
                .path("annotations")
                .has("checksum/config"))
        .isTrue();
  }

  @Test
  void theApiIsProbedOnQuarkusHealth() {
    JsonNode api = container(Chart.render(Chart.valueSet("glue")).get("Deployment", API), "api");
    assertThat(api.path("startupProbe").path("httpGet").path("path").asText())
        .isEqualTo("/q/health/started");
    assertThat(api.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/q/health/live");
    assertThat(api.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/q/health/ready");
    assertThat(api.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
    assertThat(api.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8081);
    assertThat(api.path("resources").path("limits").path("memory").asText()).isEqualTo("768Mi");
    for (String node : List.of(COORDINATOR, WORKER)) {
      JsonNode trino =
          container(Chart.render(Chart.valueSet("glue")).get("Deployment", node), "trino");
      assertThat(trino.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/v1/info");
      assertThat(trino.path("resources").path("limits").path("memory").isMissingNode()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void everyContainerRunsAsNonRootOnAReadOnlyRootFileSystem(Path valueSet) {
    for (JsonNode pod : Chart.render(valueSet).podSpecs()) {
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
      assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
          .isEqualTo("RuntimeDefault");
      List<JsonNode> containers = new ArrayList<>();
      pod.path("initContainers").forEach(containers::add);
      pod.path("containers").forEach(containers::add);
      for (JsonNode container : containers) {
        JsonNode context = container.path("securityContext");
        assertThat(context.path("readOnlyRootFilesystem").asBoolean())
            .as("%s", container.path("name"))
            .isTrue();
        assertThat(context.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(context.path("capabilities").path("drop").toString()).contains("ALL");
        assertThat(context.path("privileged").asBoolean(false)).isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void noSecretIsAPlainValue(Path valueSet) {
    // Values name Secrets and their keys; they never hold a secret.
    List<String> secretLooking = new ArrayList<>();
    collectSecretLookingValues("", Chart.mergedValues(valueSet), secretLooking);
    assertThat(secretLooking)
        .isNotEmpty()
        .allMatch(
            path ->
                path.equals("secrets")
                    || path.startsWith("secrets.")
                    || path.endsWith(".existingSecret"));

    Chart.Manifests manifests = Chart.render(valueSet);
    assertThat(manifests.ofKind("Secret")).as("the chart renders no Secret").isEmpty();
    for (JsonNode pod : manifests.podSpecs()) {
      for (JsonNode container : pod.findValues("env")) {
        for (JsonNode variable : container) {
          if (SECRET_NAME.matcher(variable.path("name").asText()).matches()) {
            assertThat(variable.has("value"))
                .as("%s is set from a Secret", variable.path("name"))
                .isFalse();
            assertThat(variable.path("valueFrom").has("secretKeyRef")).isTrue();
          }
        }
      }
    }
    for (JsonNode configMap : manifests.ofKind("ConfigMap")) {
      configMap
          .path("data")
          .fields()
          .forEachRemaining(
              file -> {
                if (!file.getKey().endsWith(".properties")) {
                  return;
                }
                properties(file.getValue().asText())
                    .forEach(
                        (key, value) -> {
                          if (SECRET_PROPERTY.matcher(key.toString()).matches()) {
                            assertThat(value.toString())
                                .as("%s in %s", key, file.getKey())
                                .matches("\\$\\{ENV:[A-Z_]+}");
                          }
                        });
              });
    }
  }

  @Test
  void resourceGroupsAreReadFromTheDatabaseTheApiWritesTheDomainsLimitsInto() {
    Chart.Manifests manifests = Chart.render(Chart.valueSet("jdbc"));
    String url = "jdbc:postgresql://postgres.data.svc:5432/trino_resource_groups";
    Properties manager = manifests.properties(COORDINATOR, "resource-groups.properties");
    assertThat(manager)
        .containsOnly(
            Map.entry("resource-groups.configuration-manager", "db"),
            Map.entry("resource-groups.config-db-url", url),
            Map.entry("resource-groups.config-db-user", "trino_resource_groups"),
            Map.entry(
                "resource-groups.config-db-password", "${ENV:TRIBUTARY_RESOURCE_GROUPS_PASSWORD}"),
            Map.entry("resource-groups.db-migrations-enabled", "true"),
            Map.entry("resource-groups.refresh-interval", "1s"));
    assertThat(manifests.get("ConfigMap", COORDINATOR).path("data").has("resource-groups.json"))
        .as("no static groups beside the database's")
        .isFalse();
    JsonNode coordinator = container(manifests.get("Deployment", COORDINATOR), "trino");
    assertThat(secretKeyOf(coordinator, "TRIBUTARY_RESOURCE_GROUPS_PASSWORD"))
        .isEqualTo("tributary-secrets/resource-groups-password");
    assertThat(manifests.get("ConfigMap", WORKER).path("data").has("resource-groups.properties"))
        .isFalse();
    assertThat(
            container(manifests.get("Deployment", WORKER), "trino")
                .path("env")
                .findValuesAsText("name"))
        .doesNotContain("TRIBUTARY_RESOURCE_GROUPS_PASSWORD");

    // The API writes into the same tables, the rows of Trino's node.environment.
    Properties api =
        properties(
            manifests.get("ConfigMap", API).path("data").path("application.properties").asText());
    assertThat(api)
        .containsEntry("tributary.trino.resource-groups.jdbc-url", url)
        .containsEntry("tributary.trino.resource-groups.user", "trino_resource_groups")
        .containsEntry(
            "tributary.trino.resource-groups.environment",
            manifests.properties(COORDINATOR, "node.properties").getProperty("node.environment"));
    assertThat(api.stringPropertyNames())
        .doesNotContain("tributary.trino.resource-groups.password");
    assertThat(
            secretKeyOf(
                container(manifests.get("Deployment", API), "api"),
                "TRIBUTARY_TRINO_RESOURCE_GROUPS_PASSWORD"))
        .isEqualTo("tributary-secrets/resource-groups-password");

    Chart.Manifests autoscaling = Chart.render(Chart.valueSet("autoscaling"));
    assertThat(autoscaling.properties(COORDINATOR, "resource-groups.properties"))
        .containsEntry(
            "resource-groups.config-db-url",
            "jdbc:postgresql://resource-groups.example.rds.amazonaws.com:5432/trino?sslmode=require")
        .containsEntry("resource-groups.config-db-user", "tributary")
        .containsEntry("resource-groups.refresh-interval", "5s");

    Properties athena =
        properties(
            Chart.render(Chart.valueSet("athena"))
                .get("ConfigMap", API)
                .path("data")
                .path("application.properties")
                .asText());
    assertThat(athena.stringPropertyNames())
        .as("without Trino there are no resource groups to write")
        .noneMatch(name -> name.startsWith("tributary.trino.resource-groups."));
  }

  @Test
  void resourceGroupsInTheDatabaseNeedAPostgresqlUrl() {
    assertThatThrownBy(
            () ->
                Chart.render(
                    Chart.valueSet("jdbc"), Map.of("trino.resourceGroups.database.url", "")))
        .hasMessageContaining("trino.resourceGroups.database.url is required");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Chart.valueSet("jdbc"),
                    Map.of("trino.resourceGroups.database.url", "jdbc:mysql://mysql:3306/trino")))
        .hasMessageContaining("trino.resourceGroups.database.url");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Chart.valueSet("jdbc"),
                    Map.of("trino.resourceGroups.refreshInterval", "500ms")))
        .hasMessageContaining("refreshInterval");
  }

  @Test
  void resourceGroupsArePerDomainFromValuesWithTheFileManager() throws IOException {
    Chart.Manifests manifests = Chart.render(Chart.valueSet("glue"));
    Properties manager = manifests.properties(COORDINATOR, "resource-groups.properties");
    assertThat(manager)
        .containsEntry("resource-groups.configuration-manager", "file")
        .containsEntry("resource-groups.config-file", "/etc/trino/resource-groups.json");
    JsonNode groups =
        new ObjectMapper()
            .readTree(
                manifests
                    .get("ConfigMap", COORDINATOR)
                    .path("data")
                    .path("resource-groups.json")
                    .asText());
    assertThat(groups.path("rootGroups").findValuesAsText("name"))
        .containsExactly("platform", "domains", "sales", "marketing", "adhoc", "${USER}");
    JsonNode domains = groups.path("rootGroups").get(1);
    assertThat(domains.path("hardConcurrencyLimit").asInt()).isEqualTo(12);
    assertThat(domains.path("maxQueued").asInt()).isEqualTo(70);
    assertThat(domains.path("subGroups").get(0).path("softMemoryLimit").asText()).isEqualTo("30%");
    JsonNode selectors = groups.path("selectors");
    assertThat(selectors.get(0).path("source").asText()).isEqualTo("tributary-platform");
    assertThat(selectors.get(0).path("group").asText()).isEqualTo("platform");
    assertThat(selectors.get(1).path("userGroup").asText())
        .isEqualTo("(sales-owners|sales-analysts)");
    assertThat(selectors.get(1).path("group").asText()).isEqualTo("domains.sales");
    assertThat(selectors.get(3).path("group").asText()).isEqualTo("adhoc.${USER}");
    assertThat(
            Pattern.compile(selectors.get(1).path("userGroup").asText())
                .matcher("sales-owners")
                .matches())
        .isTrue();

    assertThat(manifests.properties(COORDINATOR, "resource-groups.properties"))
        .doesNotContainKey("resource-groups.config-db-url");
    assertThat(
            properties(
                    manifests
                        .get("ConfigMap", API)
                        .path("data")
                        .path("application.properties")
                        .asText())
                .stringPropertyNames())
        .noneMatch(name -> name.startsWith("tributary.trino.resource-groups."));
    assertThat(
            container(manifests.get("Deployment", COORDINATOR), "trino")
                .path("env")
                .findValuesAsText("name"))
        .doesNotContain("TRIBUTARY_RESOURCE_GROUPS_PASSWORD");

    JsonNode withoutDomains =
        new ObjectMapper()
            .readTree(
                Chart.render(
                        Chart.valueSet("autoscaling"),
                        Map.of("trino.resourceGroups.manager", "file"))
                    .get("ConfigMap", COORDINATOR)
                    .path("data")
                    .path("resource-groups.json")
                    .asText());
    assertThat(withoutDomains.path("rootGroups").findValuesAsText("name"))
        .containsExactly("platform", "adhoc", "${USER}");
  }

  @Test
  void workersScaleOnCpuWhenAutoscalingIsOn() {
    Chart.Manifests autoscaling = Chart.render(Chart.valueSet("autoscaling"));
    JsonNode autoscaler = autoscaling.get("HorizontalPodAutoscaler", WORKER);
    assertThat(autoscaler.path("spec").path("scaleTargetRef").path("name").asText())
        .isEqualTo(WORKER);
    assertThat(autoscaler.path("spec").path("minReplicas").asInt()).isEqualTo(3);
    assertThat(autoscaler.path("spec").path("maxReplicas").asInt()).isEqualTo(20);
    assertThat(
            autoscaler.path("spec").path("metrics").get(0).path("resource").path("name").asText())
        .isEqualTo("cpu");
    assertThat(autoscaling.get("Deployment", WORKER).path("spec").has("replicas"))
        .as("the autoscaler owns the replica count")
        .isFalse();
    assertThat(autoscaling.ofKind("NetworkPolicy")).isEmpty();

    Chart.Manifests fixed = Chart.render(Chart.valueSet("glue"));
    assertThat(fixed.ofKind("HorizontalPodAutoscaler")).isEmpty();
    assertThat(fixed.get("Deployment", WORKER).path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(fixed.ofKind("NetworkPolicy")).hasSize(2);
  }

  @Test
  void aMissingRequiredValueIsRefusedNamingIt() {
    assertThatThrownBy(() -> Chart.render(null)).hasMessageContaining("is required");
    assertThatThrownBy(() -> Chart.render(Chart.valueSet("glue"), Map.of("catalog.type", "hive")))
        .hasMessageContaining("catalog.type");
    assertThatThrownBy(() -> Chart.render(Chart.valueSet("jdbc"), Map.of("catalog.jdbc.url", "")))
        .hasMessageContaining("catalog.jdbc.url");
    assertThatThrownBy(
            () -> Chart.render(Chart.valueSet("glue"), Map.of("trino.tls.existingSecret", "")))
        .hasMessageContaining("trino.tls.existingSecret");
    assertThatThrownBy(
            () -> Chart.render(Chart.valueSet("glue"), Map.of("catalog.password", "hunter2")))
        .hasMessageContaining("password");
  }

  @Test
  void trinoIsTheOfficialImagePinnedTo476() {
    JsonNode trino =
        container(Chart.render(Chart.valueSet("glue")).get("Deployment", COORDINATOR), "trino");
    assertThat(trino.path("image").asText()).matches("trinodb/trino:476@sha256:[0-9a-f]{64}");
  }

  private static void collectSecretLookingValues(String path, JsonNode node, List<String> found) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (SECRET_NAME.matcher(field.getKey()).matches()) {
                  found.add(child);
                }
                collectSecretLookingValues(child, field.getValue(), found);
              });
    }
  }

  static JsonNode container(JsonNode deployment, String name) {
    return named(deployment.path("spec").path("template").path("spec").path("containers"), name);
  }

  static JsonNode initContainer(JsonNode deployment, String name) {
    return named(
        deployment.path("spec").path("template").path("spec").path("initContainers"), name);
  }

  static JsonNode volume(JsonNode deployment, String name) {
    return named(deployment.path("spec").path("template").path("spec").path("volumes"), name);
  }

  private static JsonNode named(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (name.equals(item.path("name").asText())) {
        return item;
      }
    }
    throw new AssertionError("No " + name + " in " + list);
  }

  static String env(JsonNode container, String name) {
    JsonNode variable = named(container.path("env"), name);
    assertThat(variable.has("value")).as("%s has a plain value", name).isTrue();
    return variable.path("value").asText();
  }

  static String secretKeyOf(JsonNode container, String name) {
    JsonNode reference = named(container.path("env"), name).path("valueFrom").path("secretKeyRef");
    assertThat(reference.isMissingNode()).as("%s comes from a Secret", name).isFalse();
    return reference.path("name").asText() + "/" + reference.path("key").asText();
  }

  static Properties properties(String text) {
    Properties properties = new Properties();
    try {
      properties.load(new java.io.StringReader(text));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return properties;
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
  }
}
