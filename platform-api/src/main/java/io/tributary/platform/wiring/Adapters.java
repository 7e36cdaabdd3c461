package io.tributary.platform.wiring;

import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.catalog.S3Settings;
import io.tributary.platform.catalog.glue.GlueCatalogs;
import io.tributary.platform.catalog.jdbc.JdbcCatalogs;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.enforcement.GrantEnforcer;
import io.tributary.platform.enforcement.GrantEnforcers;
import io.tributary.platform.enforcement.lakeformation.LakeFormationGrantEnforcer;
import io.tributary.platform.enforcement.trino.TrinoRulesEnforcer;
import io.tributary.platform.events.DecisionEvents;
import io.tributary.platform.events.log.LogDecisionEvents;
import io.tributary.platform.events.webhook.WebhookDecisionEvents;
import io.tributary.platform.provisioning.Provisioner;
import io.tributary.platform.provisioning.local.LocalProvisioner;
import io.tributary.platform.provisioning.terraform.PlatformOutputs;
import io.tributary.platform.provisioning.terraform.TerraformProvisioner;
import io.tributary.platform.provisioning.terraform.TerraformSettings;
import io.tributary.platform.provisioning.terraform.TerraformVariables;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.dynamodb.DynamoDbPlatformStore;
import io.tributary.platform.registry.dynamodb.DynamoDbStoreSettings;
import io.tributary.platform.service.AccessControlPublisher;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.jboss.logging.Logger;

/** The one place that picks each port's adapter from configuration. */
public class Adapters {

  @Produces
  @Singleton
  PlatformStore platformStore(PlatformConfig config) {
    PlatformConfig.Store store = config.store();
    Optional<DynamoDbStoreSettings.StaticCredentials> credentials =
        store.accessKey().isPresent() && store.secretKey().isPresent()
            ? Optional.of(
                new DynamoDbStoreSettings.StaticCredentials(
                    store.accessKey().get(), store.secretKey().get()))
            : Optional.empty();
    DynamoDbPlatformStore dynamoDb =
        DynamoDbPlatformStore.connect(
            new DynamoDbStoreSettings(store.endpoint(), store.region(), store.table(), credentials),
            Clock.systemUTC());
    dynamoDb.ensureTable();
    return dynamoDb;
  }

  void closeStore(@Disposes PlatformStore store) {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing at shutdown; nothing left to do with the failure.
      }
    }
  }

  @Produces
  @Singleton
  DecisionEvents decisionEvents(PlatformConfig config) {
    PlatformConfig.Events events = config.events();
    return switch (events.sink()) {
      case "log" -> new LogDecisionEvents();
      case "webhook" ->
          new WebhookDecisionEvents(
              events
                  .webhookUrl()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "tributary.events.sink is webhook but tributary.events.webhook-url"
                                  + " is not set")),
              events.webhookTimeout());
      default ->
          throw new IllegalStateException(
              "tributary.events.sink must be log or webhook, not '" + events.sink() + "'");
    };
  }

  @Produces
  @Singleton
  Catalog catalog(PlatformConfig config) {
    PlatformConfig.Catalog settings = config.catalog();
    return switch (settings.type()) {
      case "jdbc" ->
          JdbcCatalogs.create(
              settings.name(),
              settings.uri(),
              settings.user(),
              settings.password(),
              storage(settings, config.store().region()));
      case "glue" ->
          GlueCatalogs.create(
              settings.name(),
              new GlueCatalogs.GlueSettings(
                  config.aws().accountId(),
                  config.aws().region(),
                  Optional.ofNullable(config.aws().endpoints().get("glue"))),
              storage(settings, config.aws().region()));
      default ->
          throw new IllegalStateException(
              "tributary.catalog.type must be jdbc or glue, not '" + settings.type() + "'");
    };
  }

  @Produces
  @Singleton
  GrantEnforcers grantEnforcers(PlatformConfig config, Catalog catalog) {
    List<GrantEnforcer> enforcers = new ArrayList<>();
    for (String name : new LinkedHashSet<>(config.grants().enforcers())) {
      enforcers.add(
          switch (name.strip()) {
            case TrinoRulesEnforcer.NAME ->
                new TrinoRulesEnforcer(
                    config.catalog().name(),
                    config.trino().serviceUser(),
                    config.adminGroup(),
                    config.trino().rulesFile(),
                    config.trino().groupsFile());
            case LakeFormationGrantEnforcer.NAME -> lakeFormation(config, catalog);
            default ->
                throw new IllegalStateException(
                    "tributary.grants.enforcers lists '"
                        + name
                        + "'; the enforcers are trino-rules and lakeformation");
          });
    }
    return new GrantEnforcers(enforcers);
  }

  private static GrantEnforcer lakeFormation(PlatformConfig config, Catalog catalog) {
    PlatformConfig.Aws aws = config.aws();
    String accountId =
        aws.accountId()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "tributary.grants.enforcers lists lakeformation but"
                            + " tributary.aws.account-id is not set: the Data Catalog id"));
    Logger log = Logger.getLogger(LakeFormationGrantEnforcer.class);
    return LakeFormationGrantEnforcer.connect(
        aws.region(),
        Optional.ofNullable(aws.endpoints().get("lakeformation")),
        new PrincipalRoles(accountId, aws.principalRoleTemplate()),
        Set.copyOf(config.lakeformation().ignoredPrincipals().orElse(List.of())),
        product -> catalog.tableExists(TableIdentifier.of(product.domain(), product.product())),
        log::info);
  }

  void closeGrantEnforcers(@Disposes GrantEnforcers enforcers) {
    enforcers.close();
  }

  private static S3Settings storage(PlatformConfig.Catalog settings, String region) {
    return new S3Settings(
        settings.warehouse(),
        region,
        settings.s3Endpoint(),
        settings.s3AccessKey(),
        settings.s3SecretKey());
  }

  void closeCatalog(@Disposes Catalog catalog) throws IOException {
    if (catalog instanceof Closeable closeable) {
      closeable.close();
    }
  }

  @Produces
  @Singleton
  Provisioner provisioner(
      PlatformConfig config,
      PlatformStore store,
      Catalog catalog,
      AccessControlPublisher accessControl) {
    return switch (config.provisioner().type()) {
      case "local" -> new LocalProvisioner(store, catalog, accessControl::publish);
      case "terraform" -> terraformProvisioner(config, store, catalog, accessControl);
      default ->
          throw new IllegalStateException(
              "tributary.provisioner.type must be local or terraform, not '"
                  + config.provisioner().type()
                  + "'");
    };
  }

  private static TerraformProvisioner terraformProvisioner(
      PlatformConfig config,
      PlatformStore store,
      Catalog catalog,
      AccessControlPublisher accessControl) {
    PlatformConfig.Terraform terraform = config.provisioner().terraform();
    PlatformConfig.TerraformPlatform platform = terraform.platform();
    PlatformConfig.Aws aws = config.aws();
    PlatformOutputs outputs =
        new PlatformOutputs(
            terraform.namePrefix(),
            platform.dataBucket().orElse(null),
            platform.dataKmsKeyArn().orElse(null),
            platform.athenaResultsBucket().orElse(null),
            platform.oidcProviderArn().orElse(null),
            platform.oidcAudience(),
            platform.platformRoleArn().orElse(null),
            platform.refreshApiDestinationArn().orElse(""),
            platform.refreshRoleArn().orElse(""));
    PrincipalRoles roles =
        new PrincipalRoles(
            aws.accountId()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "tributary.provisioner.type is terraform but tributary.aws.account-id"
                                + " is not set: the Data Catalog id of the Lake Formation"
                                + " variables")),
            aws.principalRoleTemplate());
    TerraformSettings settings =
        new TerraformSettings(
            terraform.binary(),
            terraform.root(),
            terraform
                .workDir()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "tributary-terraform")),
            terraform.backendConfig(),
            terraform.timeout(),
            terraform.environment());
    return new TerraformProvisioner(
        settings,
        new TerraformVariables(outputs, aws.region(), roles, terraform.tags(), Clock.systemUTC()),
        store,
        catalog,
        accessControl::publish);
  }

  void closeProvisioner(@Disposes Provisioner provisioner) {
    if (provisioner instanceof TerraformProvisioner terraform) {
      terraform.close();
    }
  }
}
