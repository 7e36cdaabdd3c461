/**
 * What every AWS adapter shares: how platform principals map to IAM roles. Framework-free; the
 * adapters themselves live beside their ports ({@code query.athena}, {@code catalog.glue}, {@code
 * enforcement.lakeformation}, {@code provisioning.terraform}).
 */
package io.tributary.platform.aws;
