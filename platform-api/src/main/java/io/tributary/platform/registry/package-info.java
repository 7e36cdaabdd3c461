/**
 * The platform registry: the {@link io.tributary.platform.registry.PlatformStore} port, the records
 * it stores and the typed errors it raises. Framework-free: no Quarkus, no AWS SDK; adapters live
 * in sub-packages, one per backing store.
 */
package io.tributary.platform.registry;
