/**
 * The Lake Formation compiler: a domain's products and grants become data cells filters, {@code
 * BatchGrantPermissions} entries, LF-Tags and the domain workspace's Terraform variables, and
 * {@link io.tributary.policies.lakeformation.LakeFormationDiff} reconciles them with what Lake
 * Formation holds. Pure JDK and Jackson: the requests are JSON trees an SDK adapter sends as they
 * are.
 */
package io.tributary.policies.lakeformation;
