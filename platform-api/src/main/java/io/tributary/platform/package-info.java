/**
 * Tributary's platform API: the domain model and planning stay free of Quarkus; REST stays thin.
 */
package io.tributary.platform;
