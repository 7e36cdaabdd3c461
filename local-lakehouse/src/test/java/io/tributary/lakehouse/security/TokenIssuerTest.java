package io.tributary.lakehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenIssuerTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final SigningKey key = SigningKey.generate();
  private final TokenIssuer issuer =
      new TokenIssuer(key, "tributary-local", "tributary", Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void signsRs256TokensWithTheUserGroupsAndLifetime() throws Exception {
    String token = issuer.mint("ana", List.of("analysts", "sales-owners"), Duration.ofHours(2));
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);

    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(key.publicKey());
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

    JsonNode header = decode(parts[0]);
    assertThat(header.get("alg").asText()).isEqualTo("RS256");
    assertThat(header.get("kid").asText()).isEqualTo(SigningKey.KEY_ID);
    JsonNode claims = decode(parts[1]);
    assertThat(claims.get("sub").asText()).isEqualTo("ana");
    assertThat(claims.get("iss").asText()).isEqualTo("tributary-local");
    assertThat(claims.get("aud").asText()).isEqualTo("tributary");
    assertThat(claims.get("groups"))
        .extracting(JsonNode::asText)
        .containsExactly("analysts", "sales-owners");
    assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.get("exp").asLong())
        .isEqualTo(NOW.plus(Duration.ofHours(2)).getEpochSecond());
  }

  @Test
  void anotherKeyDoesNotVerifyTheSignature() throws Exception {
    String[] parts = issuer.mint("ana", List.of(), Duration.ofMinutes(5)).split("\\.");
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(SigningKey.generate().publicKey());
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isFalse();
  }

  @Test
  void refusesNamesThatAreNotPlainAndLifetimesThatAreNotPositive() {
    assertThatThrownBy(() -> issuer.mint("ana smith", List.of(), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ana smith' is not a valid user name");
    assertThatThrownBy(() -> issuer.mint("ana", List.of("a,b"), Duration.ofHours(1)))
        .hasMessageContaining("'a,b' is not a valid group name");
    assertThatThrownBy(() -> issuer.mint("ana", List.of(), Duration.ZERO))
        .hasMessageContaining("positive duration");
  }

  @Test
  void keyPairIsWrittenOnceAndReadBack(@TempDir Path folder) throws Exception {
    Path privateKey = folder.resolve("keys/jwt-private.pem");
    Path publicKey = folder.resolve("keys/jwt-public.pem");
    SigningKey created = SigningKey.loadOrCreate(privateKey, publicKey);
    SigningKey again = SigningKey.loadOrCreate(privateKey, publicKey);
    assertThat(again.publicKey()).isEqualTo(created.publicKey());
    assertThat(java.nio.file.Files.readString(publicKey))
        .startsWith("-----BEGIN PUBLIC KEY-----")
        .isEqualTo(created.publicKeyPem());
    assertThat(java.nio.file.Files.getPosixFilePermissions(privateKey))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
  }

  private static JsonNode decode(String part) throws Exception {
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(part));
  }
}
