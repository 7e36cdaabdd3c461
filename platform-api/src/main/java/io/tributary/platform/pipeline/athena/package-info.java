/**
 * The Amazon Athena adapter of {@link io.tributary.platform.pipeline.Materializer}: the AWS SDK as
 * the platform's own identity, in the refreshed product's domain's workgroup.
 */
package io.tributary.platform.pipeline.athena;
