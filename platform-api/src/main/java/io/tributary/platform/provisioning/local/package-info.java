/**
 * The local provisioner: applies a domain's plan directly through the Iceberg API. Depends on the
 * {@code provisioning} port, the registry and Iceberg only.
 */
package io.tributary.platform.provisioning.local;
