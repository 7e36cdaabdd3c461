package io.tributary.platform.query.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.platform.testing.LocalLakehouseResource;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server speaking Athena's JSON 1.1 protocol as the AWS SDK v2 sends it: {@code POST /}
 * with {@code X-Amz-Target: AmazonAthena.<Operation>} ({@code StartQueryExecution}, {@code
 * GetQueryExecution}, {@code GetQueryResults}, {@code StopQueryExecution}) and a JSON body of the
 * API reference's member names; errors are a 400 with {@code __type} and {@code Message}.
 *
 * <p>Queries really run: the server substitutes {@code ExecutionParameters} for the {@code ?}s as
 * Athena does (as literal text), maps the {@code awsdatacatalog} catalog to the local Trino's
 * {@code lakehouse}, and runs the SQL on the test lakehouse's Trino through trino-jdbc <em>as the
 * user behind the call</em>: the SigV4 {@code Authorization} header names the access key id, {@link
 * StsTestServer} says which session (so which user, its {@code SourceIdentity}) it belongs to, and
 * the platform's own key runs as Trino's service user. So Trino's access rules stand in for Lake
 * Formation's, and types, paging and failures are Trino's real ones. Results are kept and served in
 * pages of {@code MaxResults} (the first page starting with the header row, as Athena's {@code
 * SELECT} results do) with opaque {@code NextToken}s; states go QUEUED, RUNNING, then SUCCEEDED,
 * FAILED or CANCELLED, failures with an {@code AthenaError} and a {@code StateChangeReason} of
 * Trino's error name and message, as engine v3 reports them.
 *
 * <p>Writes ({@code INSERT}, {@code MERGE}, {@code DELETE}, {@code UPDATE}, {@code CREATE}) run as
 * Trino updates and answer {@code GetQueryResults} with an empty result set; {@code UpdateCount} is
 * filled only for what the API reference says it counts (rows inserted by {@code CREATE TABLE AS
 * SELECT}, {@code INSERT INTO} or {@code UPDATE}), never for {@code MERGE} or {@code DELETE}.
 * {@code GetQueryExecution}'s {@code Statistics} report Trino's bytes (the larger of physical input
 * and processed) as {@code DataScannedInBytes}, plus what {@link #addToScans} adds, and Trino's
 * elapsed time as {@code EngineExecutionTimeInMillis}.
 *
 * <p>Approximations: every workgroup exists; a workgroup's bytes-scanned cutoff ({@link
 * #limitScans}) is checked after Trino finished, against the larger of Trino's physical input and
 * processed bytes, and the query then ends CANCELLED as Athena's per-query data usage control
 * cancels it (Athena stops the query while it runs, and counts S3 bytes with a 10 MB minimum);
 * Trino's error name is inferred from its message; text renderings of nested values are
 * trino-jdbc's. It checks the protocol, not Athena's or Lake Formation's behaviour.
 */
public final class AthenaTestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "AmazonAthena.";
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

  /** Statements that write: run as updates, answered with an empty result set. */
  private static final Set<String> WRITES = Set.of("INSERT", "MERGE", "DELETE", "UPDATE", "CREATE");

  /** The writes whose rows Athena's API reference says {@code UpdateCount} counts. */
  private static final Set<String> COUNTED_WRITES = Set.of("INSERT", "UPDATE", "CREATE");

  /** The Trino error names engine v3 puts before its messages, from what the message says. */
  private static final List<Map.Entry<Pattern, String>> ERROR_NAMES =
      List.of(
          Map.entry(
              Pattern.compile("Access Denied|Relation not found or not allowed"),
              "PERMISSION_DENIED"),
          Map.entry(Pattern.compile("Table '[^']*' does not exist"), "TABLE_NOT_FOUND"),
          Map.entry(Pattern.compile("Schema '[^']*' does not exist"), "SCHEMA_NOT_FOUND"),
          Map.entry(Pattern.compile("is not a valid decimal literal|literal"), "INVALID_LITERAL"),
          Map.entry(Pattern.compile("out of range"), "NUMERIC_VALUE_OUT_OF_RANGE"),
          Map.entry(Pattern.compile("mismatch|cannot be applied"), "TYPE_MISMATCH"));

  /** One call as received, with the identity that signed it. */
  public record Call(String operation, String accessKeyId, String user, JsonNode body) {}

  /** A failure to inject for queries whose SQL matches. */
  private record InjectedEnd(
      Predicate<String> sql, String state, Integer category, Integer type, String reason) {}

  private static final class Execution {
    final String id;
    final String sql;
    final String workgroup;
    final String user;
    final JsonNode request;
    final Instant submitted = Instant.now();
    volatile String state = "QUEUED";
    volatile String reason;
    volatile Integer category;
    volatile Integer type;
    volatile long bytesScanned;
    volatile long engineMillis;
    volatile String statementType = "DML";
    volatile Long updateCount;
    volatile Instant completed;
    volatile List<ObjectNode> columns = List.of();
    volatile List<List<String>> rows = List.of();

    Execution(String id, String sql, String workgroup, String user, JsonNode request) {
      this.id = id;
      this.sql = sql;
      this.workgroup = workgroup;
      this.user = user;
      this.request = request;
    }

    synchronized boolean end(String finalState, Integer category, Integer type, String reason) {
      if (isFinal()) {
        return false;
      }
      this.state = finalState;
      this.category = category;
      this.type = type;
      this.reason = reason;
      this.completed = Instant.now();
      return true;
    }

    boolean isFinal() {
      return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED");
    }
  }

  private final HttpServer server;
  private final StsTestServer sts;
  private final String platformAccessKeyId;
  private final ExecutorService runner = Executors.newCachedThreadPool();
  private final Map<String, Execution> executions = new ConcurrentHashMap<>();
  private final Map<String, String> byClientToken = new ConcurrentHashMap<>();
  private final Map<String, Long> scanLimits = new ConcurrentHashMap<>();
  private final List<InjectedEnd> injected = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile Duration hold = Duration.ZERO;
  private volatile long extraScan;

  /**
   * @param sts the STS server whose sessions sign the callers' calls
   * @param platformAccessKeyId the platform's own access key id, which runs as Trino's service user
   */
  public AthenaTestServer(StsTestServer sts, String platformAccessKeyId) throws IOException {
    this.sts = sts;
    this.platformAccessKeyId = platformAccessKeyId;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    runner.shutdownNow();
  }

  // ---- what the tests tell it and ask it

  /** Queries in this workgroup that scan more than this many bytes end CANCELLED. */
  public void limitScans(String workgroup, long bytes) {
    scanLimits.put(workgroup, bytes);
  }

  /** Keeps every query started from now on RUNNING this long before it runs. */
  public void holdQueries(Duration duration) {
    hold = duration;
  }

  /** Queries whose SQL matches end FAILED with this error instead of running. */
  public void failWhen(Predicate<String> sql, int category, int type, String reason) {
    injected.add(new InjectedEnd(sql, "FAILED", category, type, reason));
  }

  /**
   * Queries whose SQL matches end CANCELLED (as if stopped from the console) instead of running.
   */
  public void cancelWhen(Predicate<String> sql, String reason) {
    injected.add(new InjectedEnd(sql, "CANCELLED", null, null, reason));
  }

  /**
   * Adds this many bytes to what every query from now on reports scanned, so a test can tell the
   * server's figures from any other.
   */
  public void addToScans(long bytes) {
    extraScan = bytes;
  }

  /** Forgets the holds, injected endings and added scans. */
  public void reset() {
    extraScan = 0;
    hold = Duration.ZERO;
    injected.clear();
    scanLimits.clear();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one operation, in order. */
  public List<Call> calls(String operation) {
    return calls.stream().filter(call -> call.operation().equals(operation)).toList();
  }

  /** The final or current state of a query. */
  public String state(String queryExecutionId) {
    return executions.get(queryExecutionId).state;
  }

  // ---- the protocol

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      JsonNode body =
          bytes.length == 0
              ? JSON.createObjectNode()
              : JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation =
          target != null && target.startsWith(TARGET_PREFIX)
              ? target.substring(TARGET_PREFIX.length())
              : "";
      String accessKeyId = accessKeyId(exchange.getRequestHeaders().getFirst("Authorization"));
      Optional<String> user = user(accessKeyId);
      calls.add(new Call(operation, accessKeyId, user.orElse(null), body));
      if (!"POST".equals(exchange.getRequestMethod())
          || !"application/x-amz-json-1.1"
              .equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        error(exchange, "InvalidRequestException", "Expected a JSON 1.1 POST");
        return;
      }
      if (user.isEmpty()) {
        error(
            exchange,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.");
        return;
      }
      try {
        JsonNode answer =
            switch (operation) {
              case "StartQueryExecution" -> start(body, user.get());
              case "GetQueryExecution" -> describe(body);
              case "GetQueryResults" -> results(body);
              case "StopQueryExecution" -> stop(body);
              default -> throw new ServiceError("UnknownOperationException", operation);
            };
        send(exchange, 200, answer, null);
      } catch (ServiceError failed) {
        error(exchange, failed.code, failed.getMessage());
      }
    }
  }

  private static String accessKeyId(String authorization) {
    if (authorization == null) {
      return null;
    }
    Matcher matcher = CREDENTIAL.matcher(authorization);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** Who signed: the platform runs as Trino's service user, a session as its source identity. */
  private Optional<String> user(String accessKeyId) {
    if (accessKeyId == null) {
      return Optional.empty();
    }
    if (accessKeyId.equals(platformAccessKeyId)) {
      return Optional.of(LakehouseSettings.SERVICE_USER);
    }
    return sts.session(accessKeyId).map(StsTestServer.Session::sourceIdentity);
  }

  private JsonNode start(JsonNode body, String user) {
    String clientToken = body.path("ClientRequestToken").asText(null);
    if (clientToken != null && byClientToken.containsKey(clientToken)) {
      return JSON.createObjectNode().put("QueryExecutionId", byClientToken.get(clientToken));
    }
    String catalog = body.path("QueryExecutionContext").path("Catalog").asText("awsdatacatalog");
    if (!catalog.equals("awsdatacatalog")) {
      throw new ServiceError("InvalidRequestException", "Catalog " + catalog + " is not found.");
    }
    List<String> parameters = new ArrayList<>();
    body.path("ExecutionParameters").forEach(parameter -> parameters.add(parameter.asText()));
    String sql = substitute(body.path("QueryString").asText(), parameters);
    String id = UUID.randomUUID().toString();
    String workgroup = body.path("WorkGroup").asText("primary");
    Execution execution = new Execution(id, sql, workgroup, user, body);
    executions.put(id, execution);
    if (clientToken != null) {
      byClientToken.put(clientToken, id);
    }
    Duration held = hold;
    runner.submit(() -> run(execution, held));
    return JSON.createObjectNode().put("QueryExecutionId", id);
  }

  /**
   * Puts each parameter in place of a {@code ?} outside quotes, as Athena pastes its execution
   * parameters into the statement.
   */
  private static String substitute(String sql, List<String> parameters) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    char quote = 0;
    for (int index = 0; index < sql.length(); index++) {
      char character = sql.charAt(index);
      if (quote != 0) {
        if (character == quote) {
          quote = 0;
        }
      } else if (character == '\'' || character == '"') {
        quote = character;
      } else if (character == '?') {
        if (next >= parameters.size()) {
          throw new ServiceError(
              "InvalidRequestException",
              "Query has more parameters than ExecutionParameters: " + parameters.size());
        }
        out.append(parameters.get(next++));
        continue;
      }
      out.append(character);
    }
    if (next != parameters.size()) {
      throw new ServiceError(
          "InvalidRequestException",
          "ExecutionParameters has %d values for %d parameters".formatted(parameters.size(), next));
    }
    return out.toString();
  }

  private void run(Execution execution, Duration held) {
    try {
      execution.state = "RUNNING";
      if (!held.isZero()) {
        Thread.sleep(held);
      }
      for (InjectedEnd end : injected) {
        if (end.sql().test(execution.sql)) {
          execution.end(end.state(), end.category(), end.type(), end.reason());
          return;
        }
      }
      if (execution.isFinal()) {
        return;
      }
      runOnTrino(execution);
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException unexpected) {
      execution.end("FAILED", 1, 100, "Internal service error: " + unexpected);
    }
  }

  private void runOnTrino(Execution execution) {
    String sql =
        execution.sql.replace("\"awsdatacatalog\".", "\"" + LakehouseSettings.CATALOG + "\".");
    String kind = statementKind(sql);
    List<ObjectNode> columns = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    Long updateCount = null;
    AtomicReference<QueryStats> stats = new AtomicReference<>();
    try (Connection connection =
            LocalLakehouseResource.connect(
                execution.user, LocalLakehouseResource.token(execution.user));
        Statement statement = connection.createStatement()) {
      statement.unwrap(TrinoStatement.class).setProgressMonitor(stats::set);
      if (WRITES.contains(kind)) {
        long written = statement.executeLargeUpdate(sql);
        // The API reference: UpdateCount is "the number of rows inserted with a CREATE TABLE AS
        // SELECT, INSERT INTO, or UPDATE statement"; it documents none for MERGE or DELETE.
        updateCount = COUNTED_WRITES.contains(kind) ? written : null;
      } else {
        try (ResultSet result = statement.executeQuery(sql)) {
          ResultSetMetaData metadata = result.getMetaData();
          List<String> header = new ArrayList<>();
          for (int column = 1; column <= metadata.getColumnCount(); column++) {
            columns.add(
                columnInfo(metadata.getColumnName(column), metadata.getColumnTypeName(column)));
            header.add(metadata.getColumnName(column));
          }
          rows.add(header);
          while (result.next()) {
            List<String> row = new ArrayList<>();
            for (int column = 1; column <= metadata.getColumnCount(); column++) {
              row.add(text(result, column, metadata.getColumnTypeName(column)));
            }
            rows.add(row);
          }
        }
        updateCount = 0L;
      }
    } catch (SQLException failure) {
      String message = failure.getMessage().replaceFirst("^Query failed \\(#[^)]*\\):\\s*", "");
      boolean userError = failure.getErrorCode() >= 0 && failure.getErrorCode() < 0x1_0000;
      execution.end(
          "FAILED", userError ? 2 : 1, userError ? 1000 : 200, errorName(message) + ": " + message);
      return;
    }
    QueryStats finished = stats.get();
    long scanned =
        finished == null
            ? 0
            : Math.max(finished.getPhysicalInputBytes(), finished.getProcessedBytes());
    execution.bytesScanned = scanned + extraScan;
    execution.engineMillis = finished == null ? 0 : finished.getElapsedTimeMillis();
    execution.statementType =
        WRITES.contains(kind) || kind.equals("SELECT") || kind.equals("WITH") ? "DML" : "UTILITY";
    Long limit = scanLimits.get(execution.workgroup);
    if (limit != null && scanned > limit) {
      execution.end("CANCELLED", null, null, "Query cancelled! : Bytes scanned limit was exceeded");
      return;
    }
    execution.columns = List.copyOf(columns);
    execution.rows = List.copyOf(rows);
    execution.updateCount = updateCount;
    execution.end("SUCCEEDED", null, null, null);
  }

  /** The statement's first keyword, upper case. */
  private static String statementKind(String sql) {
    Matcher keyword = Pattern.compile("^\\s*\\(*\\s*([A-Za-z]+)").matcher(sql);
    return keyword.find() ? keyword.group(1).toUpperCase(Locale.ROOT) : "";
  }

  private static String errorName(String message) {
    for (Map.Entry<Pattern, String> name : ERROR_NAMES) {
      if (name.getKey().matcher(message).find()) {
        return name.getValue();
      }
    }
    return "GENERIC_USER_ERROR";
  }

  /** Athena's {@code ColumnInfo}: the bare type, its parameters as precision and scale. */
  private static ObjectNode columnInfo(String name, String trinoType) {
    String type = trinoType.toLowerCase(Locale.ROOT);
    int precision = 0;
    int scale = 0;
    Matcher parameters =
        Pattern.compile("^([a-z ]+?)\\((\\d+)(?:,\\s*(\\d+))?\\)(.*)$").matcher(type);
    String base = type;
    if (parameters.matches()
        && !type.startsWith("array")
        && !type.startsWith("map")
        && !type.startsWith("row")) {
      base = parameters.group(1) + parameters.group(4);
      precision = Integer.parseInt(parameters.group(2));
      scale = parameters.group(3) == null ? 0 : Integer.parseInt(parameters.group(3));
    } else if (type.contains("(")) {
      base = type.substring(0, type.indexOf('('));
    }
    if (base.equals("varchar") && precision == 0) {
      precision = Integer.MAX_VALUE;
    }
    return JSON.createObjectNode()
        .put("CatalogName", "hive")
        .put("SchemaName", "")
        .put("TableName", "")
        .put("Name", name)
        .put("Label", name)
        .put("Type", base)
        .put("Precision", precision)
        .put("Scale", scale)
        .put("Nullable", "UNKNOWN")
        .put("CaseSensitive", base.equals("varchar"));
  }

  /** Athena's text of a value: Trino's own rendering, bytes as spaced hexadecimal pairs. */
  private static String text(ResultSet result, int column, String trinoType) throws SQLException {
    if (trinoType.equalsIgnoreCase("varbinary")) {
      byte[] bytes = result.getBytes(column);
      return bytes == null ? null : HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
    return result.getString(column);
  }

  private JsonNode describe(JsonNode body) {
    Execution execution = execution(body);
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode query = answer.putObject("QueryExecution");
    query
        .put("QueryExecutionId", execution.id)
        .put("Query", execution.sql)
        .put("StatementType", execution.statementType)
        .put("WorkGroup", execution.workgroup);
    query.set("QueryExecutionContext", execution.request.path("QueryExecutionContext"));
    query.putObject("EngineVersion").put("EffectiveEngineVersion", "Athena engine version 3");
    ObjectNode status = query.putObject("Status");
    status.put("State", execution.state);
    status.put("SubmissionDateTime", execution.submitted.toEpochMilli() / 1000.0);
    if (execution.completed != null) {
      status.put("CompletionDateTime", execution.completed.toEpochMilli() / 1000.0);
    }
    if (execution.reason != null) {
      status.put("StateChangeReason", execution.reason);
    }
    if (execution.category != null) {
      status
          .putObject("AthenaError")
          .put("ErrorCategory", execution.category)
          .put("ErrorType", execution.type)
          .put("Retryable", false)
          .put("ErrorMessage", execution.reason);
    }
    query
        .putObject("Statistics")
        .put("DataScannedInBytes", execution.bytesScanned)
        .put("EngineExecutionTimeInMillis", execution.engineMillis)
        .put(
            "TotalExecutionTimeInMillis",
            execution.completed == null
                ? 0
                : Duration.between(execution.submitted, execution.completed).toMillis());
    return answer;
  }

  private JsonNode results(JsonNode body) {
    Execution execution = execution(body);
    if (!execution.state.equals("SUCCEEDED")) {
      throw new ServiceError(
          "InvalidRequestException",
          "Query has not yet finished. Current state: " + execution.state);
    }
    int maxResults = body.path("MaxResults").asInt(1000);
    if (maxResults < 1 || maxResults > 1000) {
      throw new ServiceError(
          "InvalidRequestException", "MaxResults must be from 1 to 1000: " + maxResults);
    }
    int start = 0;
    if (body.hasNonNull("NextToken")) {
      String token =
          new String(
              Base64.getUrlDecoder().decode(body.get("NextToken").asText()),
              StandardCharsets.UTF_8);
      if (!token.startsWith(execution.id + ":")) {
        throw new ServiceError("InvalidRequestException", "NextToken is not of this query");
      }
      start = Integer.parseInt(token.substring(execution.id.length() + 1));
    }
    List<List<String>> rows = execution.rows;
    int end = Math.min(rows.size(), start + maxResults);
    ObjectNode answer = JSON.createObjectNode();
    if (execution.updateCount != null) {
      answer.put("UpdateCount", execution.updateCount);
    }
    ObjectNode resultSet = answer.putObject("ResultSet");
    ArrayNode pageRows = resultSet.putArray("Rows");
    for (List<String> row : rows.subList(start, end)) {
      ArrayNode data = pageRows.addObject().putArray("Data");
      for (String value : row) {
        ObjectNode datum = data.addObject();
        if (value != null) {
          datum.put("VarCharValue", value);
        }
      }
    }
    ArrayNode columnInfo = resultSet.putObject("ResultSetMetadata").putArray("ColumnInfo");
    execution.columns.forEach(columnInfo::add);
    if (end < rows.size()) {
      answer.put(
          "NextToken",
          Base64.getUrlEncoder()
              .encodeToString((execution.id + ":" + end).getBytes(StandardCharsets.UTF_8)));
    }
    return answer;
  }

  private JsonNode stop(JsonNode body) {
    execution(body).end("CANCELLED", null, null, "Query cancelled by user");
    return JSON.createObjectNode();
  }

  private Execution execution(JsonNode body) {
    String id = body.path("QueryExecutionId").asText();
    Execution execution = executions.get(id);
    if (execution == null) {
      throw new ServiceError("InvalidRequestException", "QueryExecution " + id + " was not found");
    }
    return execution;
  }

  private static void error(HttpExchange exchange, String code, String message) throws IOException {
    send(exchange, 400, JSON.createObjectNode().put("__type", code).put("Message", message), code);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body, String errorType)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    if (errorType != null) {
      exchange.getResponseHeaders().add("X-Amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static final class ServiceError extends RuntimeException {
    final String code;

    ServiceError(String code, String message) {
      super(message);
      this.code = code;
    }
  }
}
