package io.tributary.platform.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An API Gateway HTTP API event (payload format 2.0) as API Gateway hands it to the function behind
 * a JWT authorizer: lower-case headers, the raw query string beside the parsed parameters (repeated
 * ones joined by commas), cookies apart, and the verified token's claims in {@code
 * requestContext.authorizer.jwt}, rendered as API Gateway renders them (every value a string,
 * arrays as {@code [a b]}). The {@code Authorization} header travels along, so the API verifies the
 * token itself too.
 */
final class ApiGatewayEvent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String method;
  private final String path;
  private final Map<String, List<String>> query = new LinkedHashMap<>();
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final List<String> cookies = new ArrayList<>();
  private String token;
  private byte[] body;
  private boolean base64Body;

  private ApiGatewayEvent(String method, String path) {
    this.method = method;
    this.path = path;
  }

  static ApiGatewayEvent get(String path) {
    return new ApiGatewayEvent("GET", path);
  }

  static ApiGatewayEvent put(String path) {
    return new ApiGatewayEvent("PUT", path);
  }

  /** The caller's bearer token: in the header, and its claims in the authorizer context. */
  ApiGatewayEvent bearer(String token) {
    this.token = token;
    return header("Authorization", "Bearer " + token);
  }

  ApiGatewayEvent header(String name, String value) {
    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(value);
    return this;
  }

  ApiGatewayEvent query(String name, String value) {
    query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    return this;
  }

  ApiGatewayEvent cookie(String name, String value) {
    cookies.add(name + "=" + value);
    return this;
  }

  /** A text body, as API Gateway passes text media types. */
  ApiGatewayEvent body(String contentType, String text) {
    this.body = text.getBytes(StandardCharsets.UTF_8);
    this.base64Body = false;
    return header("Content-Type", contentType);
  }

  /** The body base64-encoded, as API Gateway passes binary or unrecognised media types. */
  ApiGatewayEvent base64Body(String contentType, String text) {
    this.body = text.getBytes(StandardCharsets.UTF_8);
    this.base64Body = true;
    return header("Content-Type", contentType);
  }

  String json() {
    try {
      return JSON.writeValueAsString(toJson());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  ObjectNode toJson() {
    Instant now = Instant.now();
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", path);
    event.put("rawQueryString", rawQueryString());
    if (!cookies.isEmpty()) {
      ArrayNode cookieArray = event.putArray("cookies");
      cookies.forEach(cookieArray::add);
    }
    ObjectNode headerObject = event.putObject("headers");
    headerObject.put("host", "tributary.execute-api.us-east-1.amazonaws.com");
    headerObject.put("user-agent", "platform-lambda-tests");
    headerObject.put("x-forwarded-proto", "https");
    headers.forEach((name, values) -> headerObject.put(name, String.join(",", values)));
    if (!query.isEmpty()) {
      ObjectNode parameters = event.putObject("queryStringParameters");
      query.forEach((name, values) -> parameters.put(name, String.join(",", values)));
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "123456789012");
    context.put("apiId", "tributary");
    if (token != null) {
      ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
      jwt.set("claims", authorizerClaims(token));
      jwt.putNull("scopes");
    }
    context.put("domainName", "tributary.execute-api.us-east-1.amazonaws.com");
    context.put("domainPrefix", "tributary");
    ObjectNode http = context.putObject("http");
    http.put("method", method);
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "192.0.2.10");
    http.put("userAgent", "platform-lambda-tests");
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", "$default");
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());
    if (body != null) {
      event.put(
          "body",
          base64Body
              ? Base64.getEncoder().encodeToString(body)
              : new String(body, StandardCharsets.UTF_8));
    }
    event.put("isBase64Encoded", body != null && base64Body);
    return event;
  }

  private String rawQueryString() {
    return query.entrySet().stream()
        .flatMap(
            entry ->
                entry.getValue().stream()
                    .map(value -> encode(entry.getKey()) + "=" + encode(value)))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The token's claims as the JWT authorizer passes them on: strings only, an array as its items
   * between brackets, separated by spaces.
   */
  static ObjectNode authorizerClaims(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("Not a signed JWT: " + parts.length + " parts");
    }
    try {
      JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      ObjectNode claims = JSON.createObjectNode();
      payload
          .properties()
          .forEach(
              claim -> {
                JsonNode value = claim.getValue();
                if (value.isArray()) {
                  List<String> items = new ArrayList<>();
                  value.forEach(item -> items.add(item.asText()));
                  claims.put(claim.getKey(), "[" + String.join(" ", items) + "]");
                } else {
                  claims.put(claim.getKey(), value.asText());
                }
              });
      return claims;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("The token's payload is not JSON", e);
    }
  }
}
