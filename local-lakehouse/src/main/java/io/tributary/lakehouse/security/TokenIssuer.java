package io.tributary.lakehouse.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Mints RS256 JSON Web Tokens the way an OIDC issuer would: {@code sub} is the user, {@code groups}
 * the groups, {@code iss} and {@code aud} fixed for the local lakehouse.
 */
public final class TokenIssuer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

  private final SigningKey key;
  private final String issuer;
  private final String audience;
  private final Clock clock;

  public TokenIssuer(SigningKey key, String issuer, String audience, Clock clock) {
    this.key = Objects.requireNonNull(key);
    this.issuer = Objects.requireNonNull(issuer);
    this.audience = Objects.requireNonNull(audience);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * A signed token for this user and groups, valid from now for the given time.
   *
   * @throws IllegalArgumentException when the user or a group is not a plain name, or the validity
   *     is not positive
   */
  public String mint(String user, List<String> groups, Duration validity) {
    requireName("user", user);
    groups.forEach(group -> requireName("group", group));
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("A token must be valid for a positive duration");
    }
    Instant now = clock.instant();
    return mint(user, groups, now, now.plus(validity));
  }

  /** A token with explicit times; tests use it for tokens that have already expired. */
  public String mint(String user, List<String> groups, Instant issuedAt, Instant expiresAt) {
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", SigningKey.KEY_ID);

    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", issuer);
    claims.put("aud", audience);
    claims.put("sub", user);
    claims.put("upn", user);
    claims.put("preferred_username", user);
    ArrayNode groupClaim = claims.putArray("groups");
    groups.forEach(groupClaim::add);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("nbf", issuedAt.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());

    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key.privateKey());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a token with RS256", e);
    }
  }

  private static String encode(ObjectNode node) {
    try {
      return BASE64URL.encodeToString(JSON.writeValueAsBytes(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'%s' is not a valid %s name: use letters, digits, '.', '_', '@' or '-', starting with a letter or digit"
              .formatted(value, what));
    }
  }
}
