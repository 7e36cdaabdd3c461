/**
 * The grant-enforcer port: {@link io.tributary.platform.enforcement.GrantEnforcer} takes the
 * registry's access state, compiled once per publish ({@link
 * io.tributary.platform.enforcement.AccessSnapshot}), to one engine's permissions. One adapter per
 * package, chosen by {@code tributary.grants.enforcers}: {@code trino-rules} (Trino's file-based
 * access control) and {@code lakeformation} (Lake Formation). Framework-free.
 */
package io.tributary.platform.enforcement;
