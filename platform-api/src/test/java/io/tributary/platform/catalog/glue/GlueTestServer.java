package io.tributary.platform.catalog.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local server speaking the AWS Glue Data Catalog's JSON 1.1 protocol as the AWS SDK v2 sends it:
 * {@code POST /} with {@code X-Amz-Target: AWSGlue.<Operation>} and a JSON body of the API
 * reference's member names; answers are JSON, errors a 400 with {@code __type} and {@code message}.
 * It checks the protocol Iceberg's {@code GlueCatalog} speaks, not AWS's behaviour.
 *
 * <p>It keeps databases and tables in memory and serves {@code CreateDatabase}, {@code
 * GetDatabase}, {@code GetDatabases}, {@code UpdateDatabase}, {@code DeleteDatabase}, {@code
 * CreateTable}, {@code GetTable}, {@code GetTables}, {@code UpdateTable} and {@code DeleteTable}.
 * Lists page at {@link #PAGE_SIZE} items with a {@code NextToken}. Like Glue, it stores names in
 * lower case, checks them as Glue's {@code NameString} (1 to 255 characters on one line), limits a
 * column comment to 255 and a description to 2048 characters, refuses a {@code CatalogId} other
 * than its account's, gives every table a {@code VersionId} that each update increments, refuses an
 * {@code UpdateTable} whose {@code VersionId} is not the current one ({@code
 * ConcurrentModificationException}, the optimistic concurrency Iceberg's commit relies on), and
 * archives the previous version on update unless {@code SkipArchive} is true.
 *
 * <p>What it does not model: partitions, table versions' own API, search expressions, resource
 * links, IAM and Lake Formation permissions.
 */
public final class GlueTestServer implements AutoCloseable {
  public static final int PAGE_SIZE = 2;
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "AWSGlue.";
  private static final int MAX_NAME = 255;
  private static final int MAX_COMMENT = 255;
  private static final int MAX_DESCRIPTION = 2048;

  /** One request as received. */
  public record Received(String operation, String contentType, JsonNode body) {}

  private static final class GlueTable {
    ObjectNode table;
    long version = 1;
    int archived;

    GlueTable(ObjectNode table) {
      this.table = table;
    }
  }

  private final String accountId;
  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Function<JsonNode, JsonNode>> operations = new HashMap<>();
  private final Map<String, ObjectNode> databases = new TreeMap<>();
  private final Map<String, Map<String, GlueTable>> tables = new TreeMap<>();
  private final Map<String, Integer> concurrentEdits = new HashMap<>();

  /** A server for the Data Catalog of this account. */
  public GlueTestServer(String accountId) throws IOException {
    this.accountId = accountId;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    operations.put("CreateDatabase", this::createDatabase);
    operations.put("GetDatabase", this::getDatabase);
    operations.put("GetDatabases", this::getDatabases);
    operations.put("UpdateDatabase", this::updateDatabase);
    operations.put("DeleteDatabase", this::deleteDatabase);
    operations.put("CreateTable", this::createTable);
    operations.put("GetTable", this::getTable);
    operations.put("GetTables", this::getTables);
    operations.put("UpdateTable", this::updateTable);
    operations.put("DeleteTable", this::deleteTable);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- what the tests tell it and ask it

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<String> operations() {
    return received.stream().map(Received::operation).toList();
  }

  public List<JsonNode> bodies(String operation) {
    return received.stream()
        .filter(request -> request.operation().equals(operation))
        .map(Received::body)
        .toList();
  }

  public void clearReceived() {
    received.clear();
  }

  /** The database as {@code GetDatabase} answers it. */
  public synchronized Optional<JsonNode> database(String name) {
    return Optional.ofNullable(databases.get(name.toLowerCase(Locale.ROOT)))
        .map(JsonNode::deepCopy);
  }

  /** The table as {@code GetTable} answers it. */
  public synchronized Optional<JsonNode> table(String database, String name) {
    return Optional.ofNullable(
            tables
                .getOrDefault(database.toLowerCase(Locale.ROOT), Map.of())
                .get(name.toLowerCase(Locale.ROOT)))
        .map(GlueTestServer::answer);
  }

  /** How many previous versions of the table Glue archived on update. */
  public synchronized int archivedVersions(String database, String name) {
    GlueTable table =
        tables
            .getOrDefault(database.toLowerCase(Locale.ROOT), Map.of())
            .get(name.toLowerCase(Locale.ROOT));
    return table == null ? 0 : table.archived;
  }

  /**
   * The next {@code times} {@code UpdateTable} calls on this table find it changed by another
   * writer since the caller read it: its {@code VersionId} moves on (its parameters stay), as when
   * someone edits the table in the console between a commit's {@code GetTable} and {@code
   * UpdateTable}.
   */
  public synchronized void concurrentEditBeforeNextUpdates(
      String database, String name, int times) {
    concurrentEdits.put(key(database, name), times);
  }

  // ---- the protocol

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      String operation =
          target != null && target.startsWith(TARGET_PREFIX)
              ? target.substring(TARGET_PREFIX.length())
              : "";
      JsonNode body;
      try {
        body =
            bytes.length == 0
                ? JSON.createObjectNode()
                : JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      } catch (IOException unreadable) {
        error(exchange, "SerializationException", "the body is not JSON");
        return;
      }
      received.add(
          new Received(operation, exchange.getRequestHeaders().getFirst("Content-Type"), body));
      Function<JsonNode, JsonNode> handler = operations.get(operation);
      if (!"POST".equals(exchange.getRequestMethod()) || handler == null) {
        error(exchange, "UnknownOperationException", "no operation for X-Amz-Target " + target);
        return;
      }
      JsonNode answer;
      try {
        synchronized (this) {
          checkCatalog(body);
          answer = handler.apply(body);
        }
      } catch (GlueError failed) {
        error(exchange, failed.type, failed.getMessage());
        return;
      }
      send(exchange, 200, answer);
    }
  }

  private void checkCatalog(JsonNode body) {
    if (body.hasNonNull("CatalogId") && !body.get("CatalogId").asText().equals(accountId)) {
      throw new GlueError(
          "EntityNotFoundException", "Catalog " + body.get("CatalogId").asText() + " not found.");
    }
  }

  private static void error(HttpExchange exchange, String type, String message) throws IOException {
    send(exchange, 400, JSON.createObjectNode().put("__type", type).put("message", message));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static final class GlueError extends RuntimeException {
    final String type;

    GlueError(String type, String message) {
      super(message);
      this.type = type;
    }
  }

  // ---- databases

  private JsonNode createDatabase(JsonNode body) {
    JsonNode input = required(body, "DatabaseInput");
    String name = name(input, "DatabaseInput.Name");
    if (databases.containsKey(name)) {
      throw new GlueError("AlreadyExistsException", "Database already exists.");
    }
    databases.put(name, database(name, input));
    tables.put(name, new TreeMap<>());
    return JSON.createObjectNode();
  }

  private ObjectNode database(String name, JsonNode input) {
    checkDescription(input, "DatabaseInput.Description");
    checkParameters(input.path("Parameters"), "DatabaseInput.Parameters");
    ObjectNode database = JSON.createObjectNode().put("Name", name);
    copy(input, database, "Description", "LocationUri", "Parameters");
    if (!database.has("Parameters")) {
      database.putObject("Parameters");
    }
    database.put("CreateTime", now()).put("CatalogId", accountId);
    return database;
  }

  private JsonNode getDatabase(JsonNode body) {
    return JSON.createObjectNode().set("Database", existingDatabase(body, "Name").deepCopy());
  }

  private JsonNode getDatabases(JsonNode body) {
    return page(body, new ArrayList<>(databases.values()), "DatabaseList");
  }

  private JsonNode updateDatabase(JsonNode body) {
    ObjectNode current = existingDatabase(body, "Name");
    JsonNode input = required(body, "DatabaseInput");
    String name = current.path("Name").asText();
    if (!name(input, "DatabaseInput.Name").equals(name)) {
      throw new GlueError("InvalidInputException", "A database cannot be renamed.");
    }
    ObjectNode updated = database(name, input);
    updated.set("CreateTime", current.get("CreateTime"));
    databases.put(name, updated);
    return JSON.createObjectNode();
  }

  private JsonNode deleteDatabase(JsonNode body) {
    String name = existingDatabase(body, "Name").path("Name").asText();
    databases.remove(name);
    tables.remove(name);
    return JSON.createObjectNode();
  }

  private ObjectNode existingDatabase(JsonNode body, String member) {
    String name = name(body, member);
    ObjectNode database = databases.get(name);
    if (database == null) {
      throw new GlueError("EntityNotFoundException", "Database " + name + " not found.");
    }
    return database;
  }

  // ---- tables

  private JsonNode createTable(JsonNode body) {
    String database = existingDatabase(body, "DatabaseName").path("Name").asText();
    JsonNode input = required(body, "TableInput");
    String name = name(input, "TableInput.Name");
    if (tables.get(database).containsKey(name)) {
      throw new GlueError("AlreadyExistsException", "Table already exists.");
    }
    ObjectNode table = table(database, name, input);
    table.put("CreateTime", now());
    tables.get(database).put(name, new GlueTable(table));
    return JSON.createObjectNode();
  }

  private ObjectNode table(String database, String name, JsonNode input) {
    checkDescription(input, "TableInput.Description");
    checkParameters(input.path("Parameters"), "TableInput.Parameters");
    JsonNode descriptor = input.path("StorageDescriptor");
    for (JsonNode column : descriptor.path("Columns")) {
      name(column, "TableInput.StorageDescriptor.Columns.Name");
      String comment = column.path("Comment").asText("");
      if (comment.length() > MAX_COMMENT) {
        throw new GlueError(
            "InvalidInputException",
            "1 validation error detected: Value at 'tableInput.storageDescriptor.columns."
                + column.path("Name").asText()
                + ".comment' failed to satisfy constraint: Member must have length less than or"
                + " equal to "
                + MAX_COMMENT);
      }
      checkParameters(column.path("Parameters"), "Column.Parameters");
    }
    ObjectNode table = JSON.createObjectNode().put("Name", name).put("DatabaseName", database);
    copy(
        input,
        table,
        "Description",
        "Owner",
        "StorageDescriptor",
        "PartitionKeys",
        "TableType",
        "Parameters",
        "ViewOriginalText",
        "ViewExpandedText");
    if (!table.has("Parameters")) {
      table.putObject("Parameters");
    }
    table.put("UpdateTime", now()).put("CatalogId", accountId);
    return table;
  }

  private JsonNode getTable(JsonNode body) {
    return JSON.createObjectNode().set("Table", answer(existingTable(body, "Name")));
  }

  private JsonNode getTables(JsonNode body) {
    String database = existingDatabase(body, "DatabaseName").path("Name").asText();
    List<JsonNode> answers = new ArrayList<>();
    tables.get(database).values().forEach(table -> answers.add(answer(table)));
    return page(body, answers, "TableList");
  }

  private JsonNode updateTable(JsonNode body) {
    JsonNode input = required(body, "TableInput");
    String database = existingDatabase(body, "DatabaseName").path("Name").asText();
    String name = name(input, "TableInput.Name");
    GlueTable current = tables.get(database).get(name);
    if (current == null) {
      throw new GlueError("EntityNotFoundException", "Table " + name + " not found.");
    }
    Integer edits = concurrentEdits.get(key(database, name));
    if (edits != null && edits > 0) {
      concurrentEdits.put(key(database, name), edits - 1);
      current.version++;
      current.table.put("UpdateTime", now());
    }
    if (body.hasNonNull("VersionId")
        && !body.get("VersionId").asText().equals(Long.toString(current.version))) {
      throw new GlueError(
          "ConcurrentModificationException",
          "Update table failed due to concurrent modifications: VersionId "
              + body.get("VersionId").asText()
              + " is not the current "
              + current.version
              + ".");
    }
    ObjectNode updated = table(database, name, input);
    updated.set("CreateTime", current.table.get("CreateTime"));
    if (!body.path("SkipArchive").asBoolean(false)) {
      current.archived++;
    }
    current.table = updated;
    current.version++;
    return JSON.createObjectNode();
  }

  private JsonNode deleteTable(JsonNode body) {
    GlueTable table = existingTable(body, "Name");
    tables.get(table.table.path("DatabaseName").asText()).remove(table.table.path("Name").asText());
    return JSON.createObjectNode();
  }

  private GlueTable existingTable(JsonNode body, String member) {
    String database = existingDatabase(body, "DatabaseName").path("Name").asText();
    String name = name(body, member);
    GlueTable table = tables.get(database).get(name);
    if (table == null) {
      throw new GlueError("EntityNotFoundException", "Table " + name + " not found.");
    }
    return table;
  }

  private static JsonNode answer(GlueTable table) {
    ObjectNode answer = table.table.deepCopy();
    answer.put("VersionId", Long.toString(table.version));
    answer.put("IsRegisteredWithLakeFormation", false);
    return answer;
  }

  // ---- helpers

  private static JsonNode required(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.isObject()) {
      throw new GlueError(
          "InvalidInputException",
          "1 validation error detected: Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** A Glue {@code NameString}, in lower case as Glue stores it. */
  private static String name(JsonNode node, String member) {
    String field = member.substring(member.lastIndexOf('.') + 1);
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new GlueError(
          "InvalidInputException",
          "1 validation error detected: Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not be null");
    }
    String name = value.asText();
    if (name.isEmpty() || name.length() > MAX_NAME || !singleLine(name)) {
      throw new GlueError(
          "InvalidInputException",
          "1 validation error detected: Value '"
              + name
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have length between 1 and 255 and"
              + " match the single-line string pattern");
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static boolean singleLine(String text) {
    return text.codePoints().noneMatch(point -> point < 0x20 && point != '\t');
  }

  private static void checkDescription(JsonNode input, String member) {
    if (input.path("Description").asText("").length() > MAX_DESCRIPTION) {
      throw new GlueError(
          "InvalidInputException",
          "1 validation error detected: Value at '"
              + member
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_DESCRIPTION);
    }
  }

  private static void checkParameters(JsonNode parameters, String member) {
    for (Iterator<String> keys = parameters.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (key.isEmpty() || key.length() > MAX_NAME || !singleLine(key)) {
        throw new GlueError(
            "InvalidInputException",
            "1 validation error detected: a key of '"
                + member
                + "' failed to satisfy constraint: Member must have length between 1 and 255");
      }
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String... members) {
    for (String member : members) {
      if (from.has(member) && !from.get(member).isNull()) {
        to.set(member, from.get(member).deepCopy());
      }
    }
  }

  private static JsonNode page(JsonNode body, List<? extends JsonNode> items, String member) {
    int start = 0;
    if (body.hasNonNull("NextToken")) {
      String token = body.get("NextToken").asText();
      if (!token.startsWith("page-")) {
        throw new GlueError("InvalidInputException", "Invalid NextToken: " + token);
      }
      start = Integer.parseInt(token.substring(5));
    }
    int size = body.hasNonNull("MaxResults") ? body.get("MaxResults").asInt() : PAGE_SIZE;
    int end = Math.min(items.size(), start + Math.min(size, PAGE_SIZE));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode page = answer.putArray(member);
    items.subList(start, end).forEach(item -> page.add(item.deepCopy()));
    if (end < items.size()) {
      answer.put("NextToken", "page-" + end);
    }
    return answer;
  }

  private static double now() {
    // JSON 1.1 timestamps are epoch seconds.
    return System.currentTimeMillis() / 1000.0;
  }

  private static String key(String database, String name) {
    return database.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT);
  }
}
