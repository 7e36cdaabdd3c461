/**
 * The {@link io.tributary.platform.query.QueryEngine} on Trino, through trino-jdbc: the platform
 * connects as its service user and impersonates the caller ({@code sessionUser}), so Trino's
 * file-based rules decide what the caller reads. Pages are pinned to an Iceberg snapshot ({@code
 * FOR VERSION AS OF}) and totally ordered, so paging is stable while the table changes.
 */
package io.tributary.platform.query.trino;
