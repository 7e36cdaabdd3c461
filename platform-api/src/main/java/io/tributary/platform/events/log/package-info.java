/** The {@code log} sink of decision events: one JSON line per event in the service's log. */
package io.tributary.platform.events.log;
