package io.tributary.platform.provisioning.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The platform root's outputs a domain builds on: the domain root's {@code platform} variable.
 *
 * @param namePrefix the prefix of every AWS resource name
 * @param dataBucket the data bucket holding every domain's tables
 * @param dataKmsKeyArn the KMS key encrypting the data bucket
 * @param athenaResultsBucket where Athena writes query results
 * @param oidcProviderArn the IAM OIDC provider the domain roles trust
 * @param oidcAudience the audience the domain roles require of OIDC tokens
 * @param platformRoleArn the platform API's own role
 * @param refreshApiDestinationArn the EventBridge API destination of {@code POST
 *     .../products/{p}/refresh} that derived products' refresh rules target; empty for none (the
 *     domain then gets no rules)
 * @param refreshRoleArn the role EventBridge assumes to invoke it; empty exactly when the
 *     destination is
 */
public record PlatformOutputs(
    String namePrefix,
    String dataBucket,
    String dataKmsKeyArn,
    String athenaResultsBucket,
    String oidcProviderArn,
    String oidcAudience,
    String platformRoleArn,
    String refreshApiDestinationArn,
    String refreshRoleArn) {

  /** Without refresh rules. */
  public PlatformOutputs(
      String namePrefix,
      String dataBucket,
      String dataKmsKeyArn,
      String athenaResultsBucket,
      String oidcProviderArn,
      String oidcAudience,
      String platformRoleArn) {
    this(
        namePrefix,
        dataBucket,
        dataKmsKeyArn,
        athenaResultsBucket,
        oidcProviderArn,
        oidcAudience,
        platformRoleArn,
        "",
        "");
  }

  public PlatformOutputs {
    refreshApiDestinationArn = Objects.requireNonNullElse(refreshApiDestinationArn, "").strip();
    refreshRoleArn = Objects.requireNonNullElse(refreshRoleArn, "").strip();
    if (refreshApiDestinationArn.isEmpty() != refreshRoleArn.isEmpty()) {
      throw new IllegalArgumentException(
          "tributary.provisioner.terraform.platform.refresh-api-destination-arn and"
              + " .refresh-role-arn are set together (the platform root's"
              + " refresh_api_destination_arn and refresh_role_arn outputs) or not at all");
    }
    List<String> missing = new ArrayList<>();
    check(missing, "name-prefix", namePrefix);
    check(missing, "platform.data-bucket", dataBucket);
    check(missing, "platform.data-kms-key-arn", dataKmsKeyArn);
    check(missing, "platform.athena-results-bucket", athenaResultsBucket);
    check(missing, "platform.oidc-provider-arn", oidcProviderArn);
    check(missing, "platform.oidc-audience", oidcAudience);
    check(missing, "platform.platform-role-arn", platformRoleArn);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "The Terraform provisioner needs the platform root's outputs; set "
              + String.join(
                  ", ",
                  missing.stream().map(key -> "tributary.provisioner.terraform." + key).toList()));
    }
  }

  private static void check(List<String> missing, String key, String value) {
    if (Objects.isNull(value) || value.isBlank()) {
      missing.add(key);
    }
  }
}
