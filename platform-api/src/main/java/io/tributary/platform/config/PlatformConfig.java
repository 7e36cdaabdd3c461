package io.tributary.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The platform's own settings; defaults live here, profiles only override. */
@ConfigMapping(prefix = "tributary")
public interface PlatformConfig {

  /** Members of this OIDC group onboard domains and may act on any of them. */
  @WithDefault("platform-admins")
  String adminGroup();

  /** How SQL clients, and the platform itself, reach the engine. */
  Engine engine();

  /** The platform's state store (DynamoDB). */
  Store store();

  /** The Iceberg catalog the products live in. */
  Catalog catalog();

  /** Trino's file-based access control, which the platform regenerates. */
  Trino trino();

  /** Access requests: what consumers may ask for. */
  AccessRequests accessRequests();

  /** Where decision events go. */
  Events events();

  /** The AWS topology: account, region, endpoints and how platform principals map to IAM roles. */
  Aws aws();

  /** Which grant enforcers apply the registry's grants. */
  Grants grants();

  /** The Lake Formation grant enforcer. */
  LakeFormation lakeformation();

  /** The enforcers that turn the registry's grants into the engines' permissions. */
  interface Grants {
    /**
     * The enforcers every publish runs, in order: {@code trino-rules} (Trino's rules and group
     * file) and {@code lakeformation} (Lake Formation grants, data cells filters and LF-Tags).
     */
    @WithDefault("trino-rules")
    List<String> enforcers();

    /** How long after a failed enforcement the platform tries again. */
    @WithDefault("PT1M")
    Duration retryDelay();
  }

  /** Lake Formation. */
  interface LakeFormation {
    /**
     * Principals (IAM role ARNs) whose permissions the reconcile neither reads nor revokes: the
     * platform's own role and the administrators'. {@code IAM_ALLOWED_PRINCIPALS} always is.
     */
    Optional<List<String>> ignoredPrincipals();
  }

  /** How a domain's desired state is provisioned: directly, or through Terraform. */
  Provisioner provisioner();

  /** The provisioner and its settings. */
  interface Provisioner {
    /**
     * {@code local} applies the plan directly through the Iceberg API; {@code terraform} applies
     * the domain Terraform root in the domain's workspace, then creates or evolves the tables.
     */
    @WithDefault("local")
    String type();

    /** The Terraform provisioner's settings; read only when {@code type} is {@code terraform}. */
    Terraform terraform();
  }

  /** The Terraform provisioner: one workspace of the domain root per domain. */
  interface Terraform {
    /** The terraform executable, a path or a name looked up on the PATH. */
    @WithDefault("terraform")
    String binary();

    /** The domain root folder, relative to the working directory or absolute. */
    @WithDefault("terraform/domain")
    Path root();

    /**
     * Where each domain's working folder lives (its {@code TF_DATA_DIR}, rendered variables and
     * plan file); {@code tributary-terraform} in the system's temporary folder when absent.
     */
    Optional<Path> workDir();

    /**
     * {@code -backend-config} key=value pairs for {@code terraform init} (bucket, key, region,
     * dynamodb_table, ... for S3); empty for the root's own backend settings.
     */
    Map<String, String> backendConfig();

    /** How long one terraform command may run before its process tree is killed. */
    @WithDefault("PT30M")
    Duration timeout();

    /** The prefix of every AWS resource name, the {@code platform.name_prefix} variable. */
    @WithDefault("tributary")
    String namePrefix();

    /** The platform root's outputs the domain builds on: the {@code platform} variable. */
    TerraformPlatform platform();

    /** Tags added to every resource of a domain, the {@code tags} variable. */
    Map<String, String> tags();

    /** Extra environment variables for terraform (credentials profile, proxies, TF_LOG, ...). */
    Map<String, String> environment();
  }

  /** The platform root's outputs; each is required when the provisioner is {@code terraform}. */
  interface TerraformPlatform {
    /** The data bucket holding every domain's tables. */
    Optional<String> dataBucket();

    /** The KMS key ARN encrypting the data bucket. */
    Optional<String> dataKmsKeyArn();

    /** The bucket Athena writes query results to. */
    Optional<String> athenaResultsBucket();

    /** The ARN of the IAM OIDC provider the domain roles trust. */
    Optional<String> oidcProviderArn();

    /** The audience the domain roles require of the OIDC tokens. */
    @WithDefault("tributary")
    String oidcAudience();

    /** The platform API's own IAM role ARN. */
    Optional<String> platformRoleArn();

    /**
     * The EventBridge API destination of {@code POST /api/v1/domains/{d}/products/{p}/refresh} that
     * each domain's refresh rules target (the platform root's {@code refresh_api_destination_arn});
     * absent, domains get no refresh rules.
     */
    Optional<String> refreshApiDestinationArn();

    /** The role EventBridge assumes to invoke that API destination; set with it. */
    Optional<String> refreshRoleArn();
  }

  /** The ingestion endpoint: batch limits and how long an idempotency key is remembered. */
  Ingestion ingestion();

  /** {@code POST /api/v1/domains/{d}/products/{p}/records}. */
  interface Ingestion {
    /** The most records one batch may hold; more is refused with 413. */
    @WithDefault("100000")
    int maxRecords();

    /**
     * The largest request body in bytes (64 MiB); more is refused with 413. Keep {@code
     * quarkus.http.limits.max-body-size} above it, or Quarkus refuses first without naming it.
     */
    @WithDefault("67108864")
    long maxBytes();

    /** How long a batch's {@code Idempotency-Key} turns a retry of it into a no-op. */
    @WithDefault("PT24H")
    Duration idempotencyWindow();

    /** How many of the table's latest snapshots are searched for an idempotency key. */
    @WithDefault("1000")
    int idempotencySnapshots();
  }

  /** The Athena query engine, used when {@code tributary.engine.type} is {@code athena}. */
  Athena athena();

  /** Athena: where each domain's queries run and how the platform waits for them. */
  interface Athena {
    /**
     * The workgroup a domain's queries run in; {@code {domain}} is the domain's name. The domain
     * Terraform root names its workgroup {@code <prefix>-<domain>}, {@code tributary-} by default.
     */
    @WithDefault("tributary-{domain}")
    String workgroupTemplate();

    /** The data catalog Athena reads products from: the account's Glue Data Catalog. */
    @WithDefault("awsdatacatalog")
    String catalog();

    /** How long the engine waits between two {@code GetQueryExecution} calls. */
    @WithDefault("PT0.2S")
    Duration pollInterval();

    /** How long a query may run before the engine stops it and fails the read. */
    @WithDefault("PT2M")
    Duration timeout();

    /** The rows one {@code GetQueryResults} call asks for ({@code MaxResults}, at most 1000). */
    @WithDefault("1000")
    int pageSize();
  }

  /** Settings every AWS adapter (Glue, Athena, Lake Formation, STS) shares. */
  interface Aws {
    /** The AWS account id: the Data Catalog id that Lake Formation grants refer to. */
    Optional<String> accountId();

    /** The region of the Glue catalog, Athena, Lake Formation and STS. */
    @WithDefault("us-east-1")
    String region();

    /**
     * The IAM role ARN of a platform principal: {@code {account}} is the account id, {@code {kind}}
     * is {@code group} or {@code user}, {@code {name}} the principal's name made safe for IAM.
     */
    @WithDefault("arn:aws:iam::{account}:role/tributary-{kind}-{name}")
    String principalRoleTemplate();

    /**
     * Endpoint overrides by service ({@code glue}, {@code athena}, {@code lakeformation}, {@code
     * sts}); AWS's own endpoints when absent. Tests point them at local protocol-level servers.
     */
    Map<String, URI> endpoints();
  }

  /** Access requests. */
  interface AccessRequests {
    /** The longest grant a request may ask for; longer requests are cut to it. */
    @WithDefault("P90D")
    Duration maxDuration();
  }

  /** The sink of access-request events (CloudEvents 1.0, structured JSON). */
  interface Events {
    /**
     * {@code log} writes each event to the log; {@code webhook} POSTs it to {@code webhook-url}.
     */
    @WithDefault("log")
    String sink();

    /** Where the {@code webhook} sink POSTs events. */
    Optional<URI> webhookUrl();

    /** How long the {@code webhook} sink waits to connect and for an answer. */
    @WithDefault("PT5S")
    Duration webhookTimeout();
  }

  /** The SQL engine. */
  interface Engine {
    /**
     * Where the data endpoint's queries run: {@code trino} (local, Kubernetes) or {@code athena}.
     */
    @WithDefault("trino")
    String type();

    /** The JDBC URL, without credentials; BI tools get it from {@code /api/v1/connections/jdbc}. */
    @WithDefault("jdbc:trino://localhost:8443/lakehouse?SSL=true")
    String jdbcUrl();

    /** A note on the trust store, when the engine's certificate is not publicly trusted. */
    Optional<String> trustStore();
  }

  /** DynamoDB. */
  interface Store {
    /** An endpoint override, for a local DynamoDB API; AWS's own endpoint when absent. */
    Optional<URI> endpoint();

    /** The AWS region. */
    @WithDefault("us-east-1")
    String region();

    /** The one table holding every domain's items. */
    @WithDefault("tributary")
    String table();

    /** Static credentials for a local DynamoDB API; AWS's default chain when absent. */
    Optional<String> accessKey();

    /** Static credentials for a local DynamoDB API. */
    Optional<String> secretKey();
  }

  /** The Iceberg catalog: JDBC (local and Kubernetes topologies) or Glue (AWS). */
  interface Catalog {
    /**
     * {@code jdbc}: Iceberg's JDBC catalog at {@code uri}; {@code glue}: the AWS Glue Data Catalog
     * of {@code tributary.aws.account-id} in {@code tributary.aws.region}.
     */
    @WithDefault("jdbc")
    String type();

    /** The catalog's name, as Trino knows it. */
    @WithDefault("lakehouse")
    String name();

    /** The JDBC URL of the catalog database. */
    Optional<String> uri();

    /** The catalog database user. */
    Optional<String> user();

    /** The catalog database password. */
    Optional<String> password();

    /** Where new tables go. */
    @WithDefault("s3://lakehouse/warehouse")
    String warehouse();

    /** An S3 endpoint override (S3Proxy locally). */
    Optional<String> s3Endpoint();

    /** Static S3 credentials, for a local S3 API. */
    Optional<String> s3AccessKey();

    /** Static S3 credentials, for a local S3 API. */
    Optional<String> s3SecretKey();
  }

  /** Trino's rules, group file and the platform's service identity. */
  interface Trino {
    /** The rules file Trino reloads; the platform rewrites it on every change. */
    Optional<Path> rulesFile();

    /** The group file Trino reloads. */
    Optional<Path> groupsFile();

    /** The user the platform runs queries as, impersonating the caller. */
    @WithDefault("tributary")
    String serviceUser();

    /** A private key (PKCS#8 PEM) to sign the service user's own tokens with (local topology). */
    Optional<Path> signingKeyFile();

    /**
     * The service user's bearer token for Trino, when the platform cannot sign its own (an external
     * issuer); used only when {@code signing-key-file} is absent.
     */
    Optional<String> serviceToken();

    /** The {@code iss} claim of the tokens the platform signs for its service user. */
    @WithDefault("tributary-local")
    String serviceTokenIssuer();

    /** The {@code aud} claim of the tokens the platform signs for its service user. */
    @WithDefault("tributary")
    String serviceTokenAudience();

    /** How long a token the platform signs for its service user stays valid. */
    @WithDefault("PT1H")
    Duration serviceTokenValidity();

    /**
     * A shared secret that lets a Trino cluster read the compiled rules and group file from {@code
     * /api/v1/engine/trino/rules?secret=...} and {@code .../groups?secret=...}: Trino fetches
     * {@code security.config-file} over HTTP without any credentials of its own.
     */
    Optional<String> rulesSecret();

    /** Where the platform writes the domains' resource groups. */
    ResourceGroups resourceGroups();
  }

  /**
   * The domains' Trino resource groups, rewritten on every publish into the tables of Trino's
   * {@code db} resource-group manager, which rereads them every second. Nothing is written when
   * {@code jdbc-url} is absent.
   */
  interface ResourceGroups {
    /**
     * The JDBC URL of the database Trino's {@code resource-groups.config-db-url} names (H2 needs
     * {@code ;NON_KEYWORDS=VALUE}).
     */
    Optional<String> jdbcUrl();

    /** The database user. */
    Optional<String> user();

    /** The database user's password. */
    Optional<String> password();

    /** Trino's {@code node.environment}, whose rows the manager reads. */
    @WithDefault("tributary")
    String environment();

    /**
     * Whether the API writes the current domains' groups when it starts (until then Trino's {@code
     * db} manager refuses every query). Off in the Lambda: its init must open no connection, and a
     * function frozen between events would retry at random.
     */
    @WithDefault("true")
    boolean publishAtStart();
  }

  /** Recording the engine statistics of the queries the platform runs. */
  Usage usage();

  interface Usage {
    /** How long a query's usage is kept (the registry items' time to live). */
    @WithDefault("P400D")
    Duration retention();

    /** The longest period one usage report may cover. */
    @WithDefault("P366D")
    Duration maxPeriod();
  }

  /** Quality checks and freshness: when every product is evaluated besides after its commits. */
  Quality quality();

  /** {@code tributary.quality}. */
  interface Quality {
    /** The periodic evaluation of every active product, which also catches data going stale. */
    Schedule schedule();

    /** {@code tributary.quality.schedule}. */
    interface Schedule {
      /** Whether the API evaluates every product periodically. */
      @WithDefault("true")
      boolean enabled();

      /** How long between two sweeps over every product; the first starts one interval in. */
      @WithDefault("PT1H")
      Duration interval();
    }
  }

  /** SQL-derived products: their refreshes and the scheduler that runs them. */
  Pipelines pipelines();

  /** Refreshing SQL-derived products. */
  interface Pipelines {
    /** The scheduler that refreshes derived products in this process. */
    Scheduler scheduler();

    /**
     * Token subjects ({@code sub}) of clients that may refresh any derived product and say what
     * triggered it ({@code POST .../refresh?trigger=schedule|input-changed}), such as the
     * client-credentials client of AWS's EventBridge connection. They may do nothing else.
     */
    Optional<Set<String>> triggerClients();

    /** The local topology's refresh scheduler; in AWS, EventBridge rules call the API instead. */
    interface Scheduler {
      /**
       * Whether this process runs the scheduler; off where something else triggers refreshes (the
       * Lambda, whose EventBridge rules call {@code POST .../refresh}).
       */
      @WithDefault("true")
      boolean enabled();

      /** How often the scheduler looks for due schedules and changed inputs. */
      @WithDefault("PT5S")
      Duration interval();
    }
  }
}
