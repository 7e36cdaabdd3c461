/**
 * Cost controls' other half: what the queries the platform runs cost the engine (bytes read, CPU
 * time, rows), for consumers' reads and for its own jobs (refreshes as {@code tributary-pipelines},
 * quality checks as {@code tributary-quality}), recorded per use in the registry under the
 * product's domain and reported per product or consumer over a period. Athena reports bytes scanned
 * and engine time only: its CPU time, processed bytes and rows are recorded as 0. Framework-free
 * but for the recorder's injection.
 */
package io.tributary.platform.usage;
