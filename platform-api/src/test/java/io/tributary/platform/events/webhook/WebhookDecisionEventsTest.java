package io.tributary.platform.events.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.platform.events.CloudEvent;
import io.tributary.platform.testing.RecordingWebhook;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The webhook sink against a real local HTTP server. */
class WebhookDecisionEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CloudEvent event() throws Exception {
    return CloudEvent.accessRequest(
        "approved",
        "sales.orders",
        Instant.parse("2026-01-02T03:04:05Z"),
        JSON.readTree("{\"id\":\"sales.01J\",\"status\":\"approved\"}"));
  }

  @Test
  void postsTheEventAsStructuredCloudEventsJson() throws Exception {
    try (RecordingWebhook webhook = new RecordingWebhook()) {
      CloudEvent event = event();

      boolean accepted =
          new WebhookDecisionEvents(webhook.url(), Duration.ofSeconds(5))
              .deliver(event)
              .get(10, TimeUnit.SECONDS);

      assertThat(accepted).isTrue();
      assertThat(webhook.deliveries())
          .singleElement()
          .satisfies(
              delivery -> {
                assertThat(delivery.contentType()).isEqualTo("application/cloudevents+json");
                JsonNode received = JSON.readTree(delivery.body());
                assertThat(received.get("specversion").asText()).isEqualTo("1.0");
                assertThat(received.get("id").asText()).isEqualTo(event.id());
                assertThat(received.get("source").asText()).isEqualTo("/tributary/access-requests");
                assertThat(received.get("type").asText())
                    .isEqualTo("io.tributary.access-request.approved");
                assertThat(received.get("subject").asText()).isEqualTo("sales.orders");
                assertThat(received.get("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
                assertThat(received.get("datacontenttype").asText()).isEqualTo("application/json");
                assertThat(received.get("data").get("status").asText()).isEqualTo("approved");
              });
    }
  }

  @Test
  void aWebhookThatFailsOrIsDownIsReportedNeverThrown() throws Exception {
    try (RecordingWebhook webhook = new RecordingWebhook()) {
      webhook.answerWith(500);
      WebhookDecisionEvents events =
          new WebhookDecisionEvents(webhook.url(), Duration.ofSeconds(5));

      assertThat(events.deliver(event()).get(10, TimeUnit.SECONDS)).isFalse();
      assertThatCode(() -> events.emit(event())).doesNotThrowAnyException();
    }
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    WebhookDecisionEvents nobody =
        new WebhookDecisionEvents(
            URI.create("http://127.0.0.1:" + closedPort + "/events"), Duration.ofSeconds(2));
    assertThat(nobody.deliver(event()).get(10, TimeUnit.SECONDS)).isFalse();
    assertThatCode(() -> nobody.emit(event())).doesNotThrowAnyException();
  }
}
