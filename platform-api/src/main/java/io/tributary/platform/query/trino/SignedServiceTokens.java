package io.tributary.platform.query.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Signs RS256 JSON Web Tokens for the service user with the key Trino trusts, and reuses each until
 * it is close to expiring. Plain {@code java.security}: a JWT library would be a dependency for
 * twenty lines.
 */
public final class SignedServiceTokens implements ServiceTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** A token is replaced this long before it expires, so a query never starts with a stale one. */
  private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private final PrivateKey key;
  private final String user;
  private final String issuer;
  private final String audience;
  private final Duration validity;
  private final Clock clock;

  private String token;
  private Instant expiresAt = Instant.MIN;

  public SignedServiceTokens(
      PrivateKey key, String user, String issuer, String audience, Duration validity, Clock clock) {
    if (validity.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "Service tokens must be valid for at least " + RENEW_BEFORE_EXPIRY.multipliedBy(2));
    }
    this.key = key;
    this.user = user;
    this.issuer = issuer;
    this.audience = audience;
    this.validity = validity;
    this.clock = clock;
  }

  /** Reads an RSA private key from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}). */
  public static PrivateKey readPrivateKey(Path pemFile) {
    try {
      String body =
          Files.readString(pemFile)
              .replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .strip();
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the service user's signing key " + pemFile, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(pemFile + " does not hold a PKCS#8 RSA private key", e);
    }
  }

  @Override
  public synchronized String current() {
    Instant now = clock.instant();
    if (token == null || now.isAfter(expiresAt.minus(RENEW_BEFORE_EXPIRY))) {
      expiresAt = now.plus(validity);
      token = sign(now, expiresAt);
    }
    return token;
  }

  private String sign(Instant issuedAt, Instant expiry) {
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", issuer)
            .put("aud", audience)
            .put("sub", user)
            .put("iat", issuedAt.getEpochSecond())
            .put("nbf", issuedAt.getEpochSecond())
            .put("exp", expiry.getEpochSecond())
            .put("jti", UUID.randomUUID().toString());
    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign the service user's token with RS256", e);
    }
  }

  private static String encode(ObjectNode node) {
    try {
      return BASE64URL.encodeToString(JSON.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
