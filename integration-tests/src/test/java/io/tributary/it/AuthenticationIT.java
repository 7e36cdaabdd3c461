package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.security.SigningKey;
import io.tributary.lakehouse.security.TokenIssuer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trino accepts only live tokens signed by the local key, and only the service user impersonates.
 */
@ExtendWith(SharedLakehouse.class)
class AuthenticationIT {
  private final Tributary stack = SharedLakehouse.stack();

  @Test
  void tokenSignedByAnotherKeyIsRejected() {
    String forged =
        new TokenIssuer(
                SigningKey.generate(),
                LakehouseSettings.TOKEN_ISSUER,
                LakehouseSettings.TOKEN_AUDIENCE,
                Clock.systemUTC())
            .mint("tributary", List.of(), Duration.ofHours(1));
    assertRejected("tributary", forged, "signature does not match");
  }

  @Test
  void expiredTokenIsRejected() {
    SigningKey localKey = SigningKey.load(stack.settings().layout().jwtPrivateKey());
    Instant now = Instant.now();
    String expired =
        new TokenIssuer(
                localKey,
                LakehouseSettings.TOKEN_ISSUER,
                LakehouseSettings.TOKEN_AUDIENCE,
                Clock.systemUTC())
            .mint(
                "tributary",
                List.of(),
                now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
    assertRejected("tributary", expired, "JWT expired");
  }

  @Test
  void tokenForAnotherAudienceIsRejected() {
    SigningKey localKey = SigningKey.load(stack.settings().layout().jwtPrivateKey());
    String elsewhere =
        new TokenIssuer(
                localKey, LakehouseSettings.TOKEN_ISSUER, "another-service", Clock.systemUTC())
            .mint("tributary", List.of(), Duration.ofHours(1));
    assertRejected("tributary", elsewhere, "Invalid Audience");
  }

  @Test
  void liveTokenFromTheLocalKeyIsAccepted() throws Exception {
    try (Connection connection = stack.connect("carol")) {
      assertThat(AccessRulesIT.query(connection, "SELECT current_user").get(1))
          .containsExactly("carol");
    }
  }

  @Test
  void onlyTheServiceUserMayActAsAnEndUser() throws Exception {
    try (Connection service =
        stack.connect(
            LakehouseSettings.SERVICE_USER,
            stack.token(LakehouseSettings.SERVICE_USER),
            Map.of("sessionUser", "dave"))) {
      assertThat(AccessRulesIT.query(service, "SELECT current_user").get(1))
          .containsExactly("dave");
    }

    try (Connection mallory =
        stack.connect("mallory", stack.token("mallory"), Map.of("sessionUser", "dave"))) {
      assertThatThrownBy(() -> AccessRulesIT.query(mallory, "SELECT current_user"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Access Denied")
          .hasMessageContaining("impersonate");
    }
  }

  private void assertRejected(String user, String token, String reason) {
    assertThatThrownBy(
            () -> {
              try (Connection connection = stack.connect(user, token, Map.of())) {
                AccessRulesIT.query(connection, "SELECT 1");
              }
            })
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Authentication failed")
        .hasMessageContaining(reason);
  }
}
