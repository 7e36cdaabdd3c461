/**
 * The Amazon Athena adapter of {@link io.tributary.platform.quality.QualityEngine}: the AWS SDK as
 * the platform's own identity, in the checked product's domain's workgroup.
 */
package io.tributary.platform.quality.athena;
