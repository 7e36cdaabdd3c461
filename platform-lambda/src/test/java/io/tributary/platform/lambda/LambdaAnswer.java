package io.tributary.platform.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The function's answer to an API Gateway HTTP API event (payload format 2.0): status, headers
 * (single- and multi-valued, looked up without regard to case) and the body, decoded when the
 * function base64-encoded it.
 */
record LambdaAnswer(
    int statusCode, Map<String, List<String>> headers, List<String> cookies, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static LambdaAnswer parse(String responseJson) {
    try {
      JsonNode response = JSON.readTree(responseJson);
      if (!response.hasNonNull("statusCode")) {
        throw new IllegalArgumentException(
            "Not an API Gateway HTTP API response (no statusCode): " + responseJson);
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      response
          .path("headers")
          .properties()
          .forEach(
              header ->
                  headers
                      .computeIfAbsent(header.getKey(), name -> new ArrayList<>())
                      .add(header.getValue().asText()));
      response
          .path("multiValueHeaders")
          .properties()
          .forEach(
              header -> {
                List<String> values =
                    headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>());
                header
                    .getValue()
                    .forEach(
                        value -> {
                          if (!values.contains(value.asText())) {
                            values.add(value.asText());
                          }
                        });
              });
      List<String> cookies = new ArrayList<>();
      response.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
      String body = response.path("body").isNull() ? "" : response.path("body").asText("");
      if (response.path("isBase64Encoded").asBoolean(false)) {
        body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      }
      return new LambdaAnswer(response.get("statusCode").asInt(), headers, cookies, body);
    } catch (IOException e) {
      throw new IllegalArgumentException("The function's answer is not JSON: " + responseJson, e);
    }
  }

  Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  String contentType() {
    return header("Content-Type").orElse("");
  }

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("The body is not JSON: " + body, e);
    }
  }

  @Override
  public String toString() {
    return statusCode + " " + headers + " " + body;
  }
}
