/** The {@code webhook} sink of decision events: an HTTP POST per event, with java.net.http. */
package io.tributary.platform.events.webhook;
