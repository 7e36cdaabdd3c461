package io.tributary.platform.registry.dynamodb;

import io.tributary.platform.registry.InvalidPageTokenException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns DynamoDB's {@code LastEvaluatedKey} into an opaque page token and back. A token is only
 * accepted by the listing that issued it: it must hold exactly that listing's key attributes and
 * pass the listing's check (for a domain's listing: that domain's partition), so a token can never
 * steer a query into another tenant's items.
 */
final class PageTokens {
  // Key attributes are names and ULIDs, which never contain these control characters.
  private static final String FIELD_SEPARATOR = "\u001f";
  private static final String ENTRY_SEPARATOR = "\u001e";

  private PageTokens() {}

  static Optional<String> encode(Map<String, AttributeValue> lastEvaluatedKey) {
    if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    new TreeMap<>(lastEvaluatedKey)
        .forEach(
            (name, value) ->
                text.append(name)
                    .append(FIELD_SEPARATOR)
                    .append(value.s())
                    .append(ENTRY_SEPARATOR));
    return Optional.of(
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static Map<String, AttributeValue> decode(
      String token, Set<String> keyAttributes, Predicate<Map<String, String>> belongsToListing) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidPageTokenException("not a token this API issued");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String entry : text.split(ENTRY_SEPARATOR)) {
      String[] parts = entry.split(FIELD_SEPARATOR, -1);
      if (parts.length != 2 || parts[1].isEmpty() || values.put(parts[0], parts[1]) != null) {
        throw new InvalidPageTokenException("not a token this API issued");
      }
    }
    if (!values.keySet().equals(keyAttributes) || !belongsToListing.test(values)) {
      throw new InvalidPageTokenException("it belongs to another listing");
    }
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    values.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
    return key;
  }
}
