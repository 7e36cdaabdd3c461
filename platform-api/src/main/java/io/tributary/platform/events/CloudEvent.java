package io.tributary.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the attributes and the JSON {@code data} in one
 * document, sent as {@code application/cloudevents+json}.
 *
 * @param id unique per event, so a sink can drop a repeated delivery
 * @param source the producer, a URI reference such as {@code /tributary/access-requests}
 * @param type what happened, reverse-DNS, such as {@code io.tributary.access-request.approved}
 * @param subject what it happened to, such as {@code sales.orders}
 * @param time when it happened
 * @param data the event's payload, a JSON document
 */
public record CloudEvent(
    String id, String source, String type, String subject, Instant time, JsonNode data) {
  public static final String SPEC_VERSION = "1.0";
  public static final String MEDIA_TYPE = "application/cloudevents+json";
  public static final String ACCESS_REQUESTS_SOURCE = "/tributary/access-requests";
  public static final String ACCESS_REQUEST_TYPE_PREFIX = "io.tributary.access-request.";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }

  /** An access-request event of the kind given ({@code requested}, {@code approved}, ...). */
  public static CloudEvent accessRequest(String kind, String subject, Instant time, JsonNode data) {
    return new CloudEvent(
        UUID.randomUUID().toString(),
        ACCESS_REQUESTS_SOURCE,
        ACCESS_REQUEST_TYPE_PREFIX + kind,
        subject,
        time,
        data);
  }

  /** The structured-mode JSON document. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("specversion", SPEC_VERSION);
    json.put("id", id);
    json.put("source", source);
    json.put("type", type);
    if (subject != null) {
      json.put("subject", subject);
    }
    json.put("time", time.toString());
    json.put("datacontenttype", "application/json");
    json.set("data", data);
    return json;
  }
}
