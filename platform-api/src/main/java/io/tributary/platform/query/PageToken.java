package io.tributary.platform.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * Where the next page starts: the pinned snapshot and the rows already served, with a fingerprint
 * over both and the query that issued it. Clients see it as opaque base64url JSON. The fingerprint
 * is a digest, not a secret signature: it stops a token from continuing a different query and
 * catches a damaged or edited token, and nothing more is needed, because any snapshot and offset a
 * token could be forged to name are ones the caller may ask for directly.
 *
 * @param snapshotId the Iceberg snapshot every page of this read is served from
 * @param offset how many rows the previous pages held
 * @param fingerprint digest of the query's {@link ReadRequest#identity}, the snapshot and offset
 */
public record PageToken(long snapshotId, long offset, String fingerprint) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("snapshot", "offset", "fingerprint");
  private static final int MAXIMUM_LENGTH = 512;

  /** Far beyond any table's row count, and far from overflowing when a page is added. */
  private static final long MAXIMUM_OFFSET = 1L << 53;

  public PageToken {
    if (offset < 0 || offset > MAXIMUM_OFFSET) {
      throw new IllegalArgumentException("offset out of range: " + offset);
    }
  }

  /** The token that continues the query with this identity at this snapshot and offset. */
  public static PageToken issue(long snapshotId, long offset, String queryIdentity) {
    return new PageToken(snapshotId, offset, digest(queryIdentity, snapshotId, offset));
  }

  /** Whether this token was issued for the query with this identity, and left as issued. */
  public boolean continues(String queryIdentity) {
    return MessageDigest.isEqual(
        fingerprint.getBytes(StandardCharsets.UTF_8),
        digest(queryIdentity, snapshotId, offset).getBytes(StandardCharsets.UTF_8));
  }

  /** The token as clients carry it. */
  public String encode() {
    ObjectNode node = JSON.createObjectNode();
    node.put("snapshot", snapshotId);
    node.put("offset", offset);
    node.put("fingerprint", fingerprint);
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a token this API issued.
   *
   * @throws InvalidParameterException for {@code pageToken} when the text is not such a token
   */
  public static PageToken decode(String text) {
    if (text.length() > MAXIMUM_LENGTH) {
      throw notIssuedHere();
    }
    JsonNode node;
    try {
      node = JSON.readTree(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw notIssuedHere();
    }
    if (node == null || !node.isObject() || node.size() != FIELDS.size()) {
      throw notIssuedHere();
    }
    JsonNode snapshot = node.get("snapshot");
    JsonNode offset = node.get("offset");
    JsonNode fingerprint = node.get("fingerprint");
    if (snapshot == null
        || !snapshot.canConvertToExactIntegral()
        || !snapshot.canConvertToLong()
        || offset == null
        || !offset.canConvertToExactIntegral()
        || !offset.canConvertToLong()
        || offset.asLong() < 0
        || offset.asLong() > MAXIMUM_OFFSET
        || fingerprint == null
        || !fingerprint.isTextual()) {
      throw notIssuedHere();
    }
    return new PageToken(snapshot.asLong(), offset.asLong(), fingerprint.asText());
  }

  private static String digest(String queryIdentity, long snapshotId, long offset) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (queryIdentity + "\n" + snapshotId + "\n" + offset)
                      .getBytes(StandardCharsets.UTF_8));
      // 128 bits tell queries apart and keep the token short.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private static InvalidParameterException notIssuedHere() {
    return new InvalidParameterException(
        ReadRequest.PAGE_TOKEN, "not a page token this API issued");
  }
}
