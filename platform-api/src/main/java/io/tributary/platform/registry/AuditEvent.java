package io.tributary.platform.registry;

import java.time.Instant;

/**
 * One entry of a domain's audit log: who did what, when, from which request, and how it ended.
 *
 * @param id a ULID, unique and time-ordered within the domain's log
 * @param domain the domain the action concerned
 * @param at when it happened
 * @param user who did it
 * @param action what was done, a stable dotted name such as {@code product.declare}
 * @param target what it was done to, such as {@code sales.orders@1.2.0}
 * @param requestId the API request it came from
 * @param outcome how it ended
 */
public record AuditEvent(
    String id,
    String domain,
    Instant at,
    String user,
    String action,
    String target,
    String requestId,
    AuditOutcome outcome) {}
