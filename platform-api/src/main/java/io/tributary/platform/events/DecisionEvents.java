package io.tributary.platform.events;

/**
 * Where the platform tells the outside world about access requests: asked for, approved, rejected,
 * revoked. An adapter never fails the change it reports: the decision is already stored and audited
 * when the event goes out, so a sink that is down is logged, not thrown.
 */
public interface DecisionEvents {

  /** Sends the event; returns without waiting for a remote sink, and never throws for it. */
  void emit(CloudEvent event);
}
