package io.tributary.platform.provisioning;

/**
 * The port that turns a domain's desired state into what exists: the Iceberg namespace and tables,
 * and whatever else the adapter manages (Terraform's AWS resources, Lake Formation tags and
 * grants), recorded as one provisioning run. Adapters live one per package ({@code
 * provisioning.local}, {@code provisioning.terraform}) and are chosen by {@code
 * tributary.provisioner.type}.
 *
 * <p>Callers hold the domain's lock, so two runs of one domain never interleave; runs of different
 * domains may run at the same time. A run that fails is recorded as failed with the reason, and
 * leaves the tables it had not finished as they were.
 */
public interface Provisioner {

  /**
   * Provisions the domain as one recorded run.
   *
   * @param desired the domain's tables as they should be
   * @param snapshot the declarations the desired state comes from
   * @param trigger what started the run, shown on it
   */
  ProvisioningOutcome provision(DesiredState desired, DomainSnapshot snapshot, String trigger);
}
