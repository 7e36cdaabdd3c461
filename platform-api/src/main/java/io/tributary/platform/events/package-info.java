/**
 * The {@code DecisionEvents} port and the CloudEvents envelope it sends; its adapters live in one
 * package each ({@code log}, {@code webhook}), chosen by {@code tributary.events.sink}. Free of
 * Quarkus.
 */
package io.tributary.platform.events;
