/**
 * The Trino adapter of {@link io.tributary.platform.quality.QualityEngine}: trino-jdbc as the
 * service user.
 */
package io.tributary.platform.quality.trino;
