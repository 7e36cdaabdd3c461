package io.tributary.platform.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.platform.testing.LocalLakehouseResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
  private static Set<Integer> portsConnectedAtInit;

  @BeforeAll
  static void startTheFunction() throws Exception {
    Map<String, String> configuration = LAKEHOUSE.start();
    runtimeApi = LambdaRuntimeApiServer.start();
    Path repository = PackagedFunction.repository();
    log = repository.resolve("platform-lambda/target/function-it.log");
    function = PackagedFunction.ofBuild(repository).start(runtimeApi.address(), configuration, log);
    PackagedFunction.awaitFirstPoll(function, runtimeApi, Duration.ofMinutes(3), log);
    portsConnectedAtInit =
        Files.isDirectory(Path.of("/proc", Long.toString(function.pid()), "fd"))
            ? PackagedFunction.connectedPorts(function.pid())
            : null;
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

  /**
   * What a SnapStart snapshot would hold: once init is done (the runtime asks for its first event),
   * the function has no connection to the state store or the catalog, so a restore finds none
   * stale. Linux only: it reads the process's sockets from /proc.
   */
  @Test
  void initOpensNoConnectionToTheStateStoreOrTheCatalog() {
    Assumptions.assumeTrue(portsConnectedAtInit != null, "no /proc to read sockets from");
    LakehouseSettings settings = LocalLakehouseResource.settings();
    int runtimeApiPort = Integer.parseInt(runtimeApi.address().replaceAll(".*:", ""));
    // The long poll for the next event is open: the sockets were read.
    assertThat(portsConnectedAtInit).contains(runtimeApiPort);
    assertThat(portsConnectedAtInit)
        .doesNotContain(settings.dynamoDbPort(), settings.h2Port(), settings.trinoHttpsPort());
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
