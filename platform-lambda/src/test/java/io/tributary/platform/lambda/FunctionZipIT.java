package io.tributary.platform.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.platform.testing.LocalLakehouseResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code function.zip}, run as the Lambda java21 runtime runs it: the AWS Lambda
 * Runtime Interface Client in a JVM of its own, with the handler {@value PackagedFunction#HANDLER},
 * polling a Runtime API of the test's own ({@link LambdaRuntimeApiServer}, which checks the
 * protocol, not AWS's behaviour) for API Gateway events, against the local lakehouse.
 */
class FunctionZipIT {
  private static final LocalLakehouseResource LAKEHOUSE = new LocalLakehouseResource();
  private static LambdaRuntimeApiServer runtimeApi;
  private static Process function;
  private static Path log;

  @BeforeAll
  static void startTheFunction() throws Exception {
    Map<String, String> configuration = LAKEHOUSE.start();
    runtimeApi = LambdaRuntimeApiServer.start();
    Path repository = PackagedFunction.repository();
    log = repository.resolve("platform-lambda/target/function-it.log");
    function = PackagedFunction.ofBuild(repository).start(runtimeApi.address(), configuration, log);
    PackagedFunction.awaitFirstPoll(function, runtimeApi, Duration.ofMinutes(3), log);
  }

  @AfterAll
  static void stopTheFunction() {
    if (function != null) {
      PackagedFunction.stop(function);
    }
    if (runtimeApi != null) {
      runtimeApi.close();
    }
  }

  @Test
  void theFunctionAnswersApiGatewayEventsThroughTheRuntimeApi() throws Exception {
    LambdaAnswer me =
        answer(
            ApiGatewayEvent.get("/api/v1/me")
                .bearer(LocalLakehouseResource.token("runtime.ana", "analysts")));
    assertThat(me.statusCode()).as(me.toString()).isEqualTo(200);
    assertThat(me.contentType()).startsWith("application/json");
    JsonNode caller = me.json();
    assertThat(caller.path("user").asText()).isEqualTo("runtime.ana");
    assertThat(caller.path("groups")).extracting(JsonNode::asText).containsExactly("analysts");

    LambdaAnswer anonymous = answer(ApiGatewayEvent.get("/api/v1/me"));
    assertThat(anonymous.statusCode()).as(anonymous.toString()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
  }

  private static LambdaAnswer answer(ApiGatewayEvent event) throws Exception {
    try {
      return LambdaAnswer.parse(
          runtimeApi.invoke(event.json()).answer().get(2, TimeUnit.MINUTES).body());
    } catch (Exception e) {
      throw new AssertionError(
          "The function gave no answer; its log:\n" + PackagedFunction.logText(log), e);
    }
  }
}
