/**
 * Cost controls' other half: what the queries the platform runs for consumers cost the engine
 * (bytes read, CPU time, rows), recorded per query in the registry under the product's domain and
 * reported per product or consumer over a period. Framework-free but for the recorder's injection.
 */
package io.tributary.platform.usage;
