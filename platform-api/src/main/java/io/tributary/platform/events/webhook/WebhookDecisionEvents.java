package io.tributary.platform.events.webhook;

import io.tributary.platform.events.CloudEvent;
import io.tributary.platform.events.DecisionEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * POSTs each event, in CloudEvents structured JSON, to one URL. Delivery is asynchronous and
 * best-effort: a refused, failing or slow webhook is logged and never fails or delays the decision
 * (the audit log, not the webhook, is the record of decisions).
 */
public final class WebhookDecisionEvents implements DecisionEvents {
  private static final Logger LOG = Logger.getLogger(WebhookDecisionEvents.class);

  private final URI url;
  private final Duration timeout;
  private final HttpClient client;

  public WebhookDecisionEvents(URI url, Duration timeout) {
    this.url = Objects.requireNonNull(url, "url");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void emit(CloudEvent event) {
    deliver(event);
  }

  /** Sends the event; completes with whether the webhook accepted it (2xx), never exceptionally. */
  public CompletableFuture<Boolean> deliver(CloudEvent event) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", CloudEvent.MEDIA_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(event.toJson().toString()))
            .build();
    try {
      return client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .handle(
              (response, failure) -> {
                if (failure != null) {
                  LOG.warnf(
                      "Could not deliver event %s (%s) to %s: %s",
                      event.id(), event.type(), url, failure.toString());
                  return false;
                }
                if (response.statusCode() / 100 != 2) {
                  LOG.warnf(
                      "The webhook %s answered %d to event %s (%s)",
                      url, response.statusCode(), event.id(), event.type());
                  return false;
                }
                return true;
              });
    } catch (RuntimeException refused) {
      LOG.warnf("Could not deliver event %s to %s: %s", event.id(), url, refused.toString());
      return CompletableFuture.completedFuture(false);
    }
  }
}
