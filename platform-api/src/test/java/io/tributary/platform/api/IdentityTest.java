package io.tributary.platform.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tributary.lakehouse.security.SigningKey;
import io.tributary.lakehouse.security.TokenIssuer;
import io.tributary.platform.testing.LocalLakehouseResource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens are verified against the local lakehouse's key; the caller comes from the claims.
 */
@QuarkusTest
@QuarkusTestResource(LocalLakehouseResource.class)
class IdentityTest {

  @Test
  void meShowsTheTokensUserAndGroups() {
    given()
        .auth()
        .oauth2(LocalLakehouseResource.token("ana", "analysts", "platform-admins"))
        .when()
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("user", equalTo("ana"))
        .body("groups", containsInAnyOrder("analysts", "platform-admins"))
        .body("admin", equalTo(true));
  }

  @Test
  void noTokenAndForeignTokensAreRefused() {
    given()
        .when()
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .contentType(Problem.MEDIA_TYPE)
        .header("WWW-Authenticate", "Bearer")
        .body("status", equalTo(401));
    String forged =
        new TokenIssuer(SigningKey.generate(), "tributary-local", "tributary", Clock.systemUTC())
            .mint("ana", List.of("platform-admins"), Duration.ofHours(1));
    given()
        .auth()
        .oauth2(forged)
        .when()
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void nobodyMayCallAsThePlatformsOwnUser() {
    given()
        .auth()
        .oauth2(LocalLakehouseResource.token("tributary", "platform-admins"))
        .when()
        .get("/api/v1/me")
        .then()
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void jdbcConnectionNamesTheDriverAndTheUrl() {
    given()
        .auth()
        .oauth2(LocalLakehouseResource.token("bob"))
        .when()
        .get("/api/v1/connections/jdbc")
        .then()
        .statusCode(200)
        .body("jdbcUrl", startsWith("jdbc:trino://localhost:"))
        .body("driverClass", equalTo("io.trino.jdbc.TrinoDriver"))
        .body("user", equalTo("bob"));
  }

  @Test
  void unknownPathIsAProblemDocument() {
    given()
        .auth()
        .oauth2(LocalLakehouseResource.token("bob"))
        .when()
        .get("/api/v1/nothing-here")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void healthAndOpenApiNeedNoToken() {
    given().when().get("/q/health/ready").then().statusCode(200);
    given().when().get("/q/openapi").then().statusCode(200);
  }
}
