package io.tributary.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

  /** The Iceberg JDBC catalog (local and Kubernetes topologies). */
  interface Catalog {
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
  }
}
