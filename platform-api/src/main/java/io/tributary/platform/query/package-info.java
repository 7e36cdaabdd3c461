/**
 * Reading a product's rows as the caller: the {@link io.tributary.platform.query.QueryEngine} port,
 * its request and page types, the page token, the output formats, and the hooks the registry and
 * the row-filter language plug into ({@link io.tributary.platform.query.TableResolver}, {@link
 * io.tributary.platform.query.FilterCompiler}). Framework-free: no Quarkus, no JDBC driver; the
 * engine adapters live in sub-packages.
 */
package io.tributary.platform.query;
