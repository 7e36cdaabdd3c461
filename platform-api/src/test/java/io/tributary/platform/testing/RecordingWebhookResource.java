package io.tributary.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the API's decision events at a {@link RecordingWebhook} of the test run's own, so tests
 * check what a real webhook receives; tests read it at {@code GET <tributary.events.webhook-url>}.
 */
public class RecordingWebhookResource implements QuarkusTestResourceLifecycleManager {
  private static RecordingWebhook webhook;

  @Override
  public synchronized Map<String, String> start() {
    if (webhook == null) {
      webhook = new RecordingWebhook();
    }
    return Map.of(
        "tributary.events.sink",
        "webhook",
        "tributary.events.webhook-url",
        webhook.url().toString());
  }

  @Override
  public synchronized void stop() {
    // Shared by every Quarkus application of the run, like the lakehouse; the JVM's end stops it.
  }
}
