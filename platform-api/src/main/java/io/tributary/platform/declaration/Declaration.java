package io.tributary.platform.declaration;

/**
 * A document the platform accepts: every declaration starts with {@code apiVersion:
 * tributary.io/v1} and a {@code kind}, then {@code metadata} and {@code spec}, as Kubernetes
 * objects do.
 */
public sealed interface Declaration permits Domain, DataProduct {

  /** The only {@code apiVersion} this model reads. */
  String API_VERSION = "tributary.io/v1";

  /** {@code Domain} or {@code DataProduct}. */
  String kind();
}
