package io.tributary.platform.provisioning.terraform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the Terraform provisioner runs terraform.
 *
 * @param binary the terraform executable, a path or a name on the PATH
 * @param root the domain root's folder
 * @param workDir where each domain's working folder ({@code TF_DATA_DIR}, variables, plan) lives
 * @param backendConfig {@code -backend-config} key=value pairs for {@code init}
 * @param timeout how long one terraform command may run
 * @param environment extra environment variables for terraform
 */
public record TerraformSettings(
    String binary,
    Path root,
    Path workDir,
    Map<String, String> backendConfig,
    Duration timeout,
    Map<String, String> environment) {
  public TerraformSettings {
    Objects.requireNonNull(binary, "binary");
    root = root.toAbsolutePath().normalize();
    workDir = workDir.toAbsolutePath().normalize();
    backendConfig = Map.copyOf(backendConfig);
    Objects.requireNonNull(timeout, "timeout");
    environment = Map.copyOf(environment);
  }
}
