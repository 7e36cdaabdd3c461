/**
 * The {@code trino-rules} grant enforcer: compiles the registry's access into Trino's file-based
 * access-control rules and group file and writes them, for Trino to reload.
 */
package io.tributary.platform.enforcement.trino;
