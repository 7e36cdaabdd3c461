/**
 * The Lake Formation grant enforcer: applies a compiled {@code LakeFormationPlan} with the AWS SDK
 * and reconciles what Lake Formation holds with it. Framework-free apart from the AWS SDK.
 */
package io.tributary.platform.enforcement.lakeformation;
