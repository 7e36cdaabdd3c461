package io.tributary.platform.events.log;

import io.tributary.platform.events.CloudEvent;
import io.tributary.platform.events.DecisionEvents;
import org.jboss.logging.Logger;

/** Writes each event as one JSON line to the {@code tributary.events} log category. */
public final class LogDecisionEvents implements DecisionEvents {
  private static final Logger LOG = Logger.getLogger("tributary.events");

  @Override
  public void emit(CloudEvent event) {
    LOG.info(event.toJson().toString());
  }
}
