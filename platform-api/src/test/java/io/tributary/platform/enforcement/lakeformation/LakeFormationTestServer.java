package io.tributary.platform.enforcement.lakeformation;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local server speaking Lake Formation's REST-JSON protocol as the AWS SDK v2 sends it: {@code
 * POST /<Operation>} (for example {@code /BatchGrantPermissions}) with a JSON body of the API
 * reference's member names; answers are JSON, errors a 4xx status with {@code X-Amzn-ErrorType} and
 * a {@code message}. It keeps an in-memory model of LF-Tags, tag assignments, data cells filters
 * and permissions (a grant adds, a revoke removes, a list pages at two items), records every
 * request, and can be told that a principal does not exist or that its entries fail otherwise.
 *
 * <p>What it does not model: column permissions merging across grants (a permission is held on
 * exactly the resource it was granted on), cross-account catalogs, LF-Tag policies, IAM.
 */
public final class LakeFormationTestServer implements AutoCloseable {
  static final int PAGE_SIZE = 2;
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received, with its {@code X-Amz-Target} header ({@code target}) if any. */
  public record Received(
      String method,
      String path,
      String operation,
      String contentType,
      String target,
      JsonNode body) {}

  private record Failure(String code, String message) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> missingPrincipals = ConcurrentHashMap.newKeySet();
  private final Map<String, Failure> failingPrincipals = new ConcurrentHashMap<>();
  private final Map<String, Function<JsonNode, JsonNode>> operations = new HashMap<>();

  private final Map<String, TreeSet<String>> tags = new TreeMap<>();
  private final Map<String, Map<String, String>> tableTags = new TreeMap<>();
  private final Map<String, Map<String, Map<String, String>>> columnTags = new TreeMap<>();
  private final Map<String, ObjectNode> filters = new LinkedHashMap<>();
  private final Map<String, Held> permissions = new LinkedHashMap<>();

  private static final class Held {
    final String principal;
    final JsonNode resource;
    final TreeSet<String> permissions = new TreeSet<>();
    final TreeSet<String> grantable = new TreeSet<>();

    Held(String principal, JsonNode resource) {
      this.principal = principal;
      this.resource = resource;
    }
  }

  public LakeFormationTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    operations.put("GetLFTag", this::getLfTag);
    operations.put("CreateLFTag", this::createLfTag);
    operations.put("UpdateLFTag", this::updateLfTag);
    operations.put("AddLFTagsToResource", this::addLfTagsToResource);
    operations.put("GetResourceLFTags", this::getResourceLfTags);
    operations.put("ListPermissions", this::listPermissions);
    operations.put("ListDataCellsFilter", this::listDataCellsFilter);
    operations.put("CreateDataCellsFilter", this::createDataCellsFilter);
    operations.put("DeleteDataCellsFilter", this::deleteDataCellsFilter);
    operations.put("BatchGrantPermissions", body -> batch(body, true));
    operations.put("BatchRevokePermissions", body -> batch(body, false));
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

  /** Entries for this principal come back in {@code Failures} as Lake Formation answers them. */
  public void forgetPrincipal(String principal) {
    missingPrincipals.add(principal);
  }

  /** Entries for this principal come back in {@code Failures} with this error. */
  public void failEntriesOf(String principal, String errorCode, String errorMessage) {
    failingPrincipals.put(principal, new Failure(errorCode, errorMessage));
  }

  public synchronized void defineTag(String key, String... values) {
    tags.computeIfAbsent(key, unused -> new TreeSet<>()).addAll(List.of(values));
  }

  public synchronized Map<String, Set<String>> tags() {
    Map<String, Set<String>> copy = new TreeMap<>();
    tags.forEach((key, values) -> copy.put(key, Set.copyOf(values)));
    return copy;
  }

  public synchronized Map<String, String> tableTags(String database, String table) {
    return Map.copyOf(tableTags.getOrDefault(database + "." + table, Map.of()));
  }

  public synchronized Map<String, String> columnTags(String database, String table, String column) {
    return Map.copyOf(
        columnTags.getOrDefault(database + "." + table, Map.of()).getOrDefault(column, Map.of()));
  }

  /** Puts a permission in place, as if granted earlier (any permissions, any resource). */
  public synchronized void hold(
      String principal, JsonNode resource, List<String> permissionNames, List<String> grantable) {
    Held held =
        permissions.computeIfAbsent(
            key(principal, resource), unused -> new Held(principal, canonical(resource)));
    held.permissions.addAll(permissionNames);
    held.grantable.addAll(grantable);
  }

  /** Puts a data cells filter in place, as if created earlier. */
  public synchronized void holdFilter(JsonNode tableData) {
    filters.put(filterKey(tableData), (ObjectNode) tableData.deepCopy());
  }

  public synchronized Set<String> filterNames() {
    Set<String> names = new TreeSet<>();
    filters.values().forEach(filter -> names.add(filter.path("Name").asText()));
    return names;
  }

  /** Every permission held, as {@code ListPermissions} items. */
  public synchronized List<JsonNode> permissions() {
    return permissions.values().stream().map(LakeFormationTestServer::item).toList();
  }

  // ---- the protocol

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String operation = path.startsWith("/") ? path.substring(1) : path;
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      JsonNode body =
          bytes.length == 0
              ? JSON.createObjectNode()
              : JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      received.add(
          new Received(
              exchange.getRequestMethod(),
              path,
              operation,
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("X-Amz-Target"),
              body));
      Function<JsonNode, JsonNode> handler = operations.get(operation);
      if (!"POST".equals(exchange.getRequestMethod()) || handler == null) {
        error(exchange, 404, "UnknownOperationException", "no operation " + path);
        return;
      }
      JsonNode answer;
      try {
        synchronized (this) {
          answer = handler.apply(body);
        }
      } catch (ServiceError failed) {
        error(exchange, failed.status, failed.code, failed.getMessage());
        return;
      }
      send(exchange, 200, answer, null);
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(exchange, status, JSON.createObjectNode().put("message", message), code);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body, String errorType)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
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
    final int status;
    final String code;

    ServiceError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  // ---- LF-Tags

  private JsonNode getLfTag(JsonNode body) {
    String key = body.path("TagKey").asText();
    TreeSet<String> values = tags.get(key);
    if (values == null) {
      throw new ServiceError(400, "EntityNotFoundException", "Tag key does not exist: " + key);
    }
    ObjectNode answer =
        JSON.createObjectNode()
            .put("CatalogId", body.path("CatalogId").asText())
            .put("TagKey", key);
    values.forEach(answer.putArray("TagValues")::add);
    return answer;
  }

  private JsonNode createLfTag(JsonNode body) {
    String key = body.path("TagKey").asText();
    if (tags.containsKey(key)) {
      throw new ServiceError(400, "AlreadyExistsException", "Tag key already exists: " + key);
    }
    requireAtMost(body.path("TagValues"), 50, "TagValues");
    TreeSet<String> values = new TreeSet<>();
    body.path("TagValues").forEach(value -> values.add(value.asText()));
    tags.put(key, values);
    return JSON.createObjectNode();
  }

  private JsonNode updateLfTag(JsonNode body) {
    String key = body.path("TagKey").asText();
    TreeSet<String> values = tags.get(key);
    if (values == null) {
      throw new ServiceError(400, "EntityNotFoundException", "Tag key does not exist: " + key);
    }
    requireAtMost(body.path("TagValuesToAdd"), 50, "TagValuesToAdd");
    body.path("TagValuesToAdd").forEach(value -> values.add(value.asText()));
    body.path("TagValuesToDelete").forEach(value -> values.remove(value.asText()));
    return JSON.createObjectNode();
  }

  private JsonNode addLfTagsToResource(JsonNode body) {
    JsonNode resource = body.path("Resource");
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode failures = answer.putArray("Failures");
    for (JsonNode tag : body.path("LFTags")) {
      String key = tag.path("TagKey").asText();
      String value = tag.path("TagValues").path(0).asText();
      if (!tags.containsKey(key) || !tags.get(key).contains(value)) {
        ObjectNode failure = failures.addObject();
        failure.set("LFTag", tag);
        failure
            .putObject("Error")
            .put("ErrorCode", "EntityNotFoundException")
            .put("ErrorMessage", "Tag or tag value does not exist: " + key + "=" + value);
        continue;
      }
      if (resource.has("Table")) {
        JsonNode table = resource.get("Table");
        tableTags
            .computeIfAbsent(
                tableKey(table.path("DatabaseName"), table.path("Name")), unused -> new TreeMap<>())
            .put(key, value);
      } else if (resource.has("TableWithColumns")) {
        JsonNode table = resource.get("TableWithColumns");
        Map<String, Map<String, String>> columns =
            columnTags.computeIfAbsent(
                tableKey(table.path("DatabaseName"), table.path("Name")),
                unused -> new TreeMap<>());
        table
            .path("ColumnNames")
            .forEach(
                column ->
                    columns
                        .computeIfAbsent(column.asText(), unused -> new TreeMap<>())
                        .put(key, value));
      } else {
        throw new ServiceError(400, "InvalidInputException", "unsupported resource " + resource);
      }
    }
    return answer;
  }

  private JsonNode getResourceLfTags(JsonNode body) {
    JsonNode table = body.path("Resource").path("Table");
    String catalogId = body.path("CatalogId").asText();
    String key = tableKey(table.path("DatabaseName"), table.path("Name"));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode onTable = answer.putArray("LFTagsOnTable");
    tableTags
        .getOrDefault(key, Map.of())
        .forEach((tag, value) -> onTable.add(pair(catalogId, tag, value)));
    ArrayNode onColumns = answer.putArray("LFTagsOnColumns");
    columnTags
        .getOrDefault(key, Map.of())
        .forEach(
            (column, columnTagValues) -> {
              ObjectNode tagged = onColumns.addObject().put("Name", column);
              ArrayNode pairs = tagged.putArray("LFTags");
              columnTagValues.forEach((tag, value) -> pairs.add(pair(catalogId, tag, value)));
            });
    return answer;
  }

  private static ObjectNode pair(String catalogId, String key, String value) {
    ObjectNode pair = JSON.createObjectNode().put("CatalogId", catalogId).put("TagKey", key);
    pair.putArray("TagValues").add(value);
    return pair;
  }

  // ---- data cells filters

  private JsonNode listDataCellsFilter(JsonNode body) {
    JsonNode table = body.path("Table");
    List<JsonNode> matching =
        filters.values().stream()
            .filter(
                filter ->
                    filter.path("DatabaseName").equals(table.path("DatabaseName"))
                        && filter.path("TableName").equals(table.path("Name")))
            .map(JsonNode.class::cast)
            .toList();
    return page(body, matching, "DataCellsFilters");
  }

  private JsonNode createDataCellsFilter(JsonNode body) {
    JsonNode tableData = body.path("TableData");
    String key = filterKey(tableData);
    if (filters.containsKey(key)) {
      throw new ServiceError(400, "AlreadyExistsException", "Filter already exists: " + key);
    }
    filters.put(key, (ObjectNode) tableData.deepCopy());
    return JSON.createObjectNode();
  }

  private JsonNode deleteDataCellsFilter(JsonNode body) {
    String key = filterKey(body);
    if (filters.remove(key) == null) {
      throw new ServiceError(400, "EntityNotFoundException", "Filter not found: " + key);
    }
    permissions
        .values()
        .removeIf(held -> filterKey(held.resource.path("DataCellsFilter")).equals(key));
    return JSON.createObjectNode();
  }

  // ---- permissions

  private JsonNode listPermissions(JsonNode body) {
    JsonNode scope = body.path("Resource");
    List<JsonNode> matching =
        permissions.values().stream()
            .filter(held -> inScope(held.resource, scope))
            .map(LakeFormationTestServer::item)
            .toList();
    return page(body, matching, "PrincipalResourcePermissions");
  }

  private static boolean inScope(JsonNode resource, JsonNode scope) {
    if (scope.isMissingNode() || scope.isEmpty()) {
      return true;
    }
    if (scope.has("Table")) {
      JsonNode table = scope.get("Table");
      JsonNode held =
          resource.has("Table") ? resource.get("Table") : resource.path("TableWithColumns");
      return held.path("DatabaseName").equals(table.path("DatabaseName"))
          && held.path("Name").equals(table.path("Name"));
    }
    if (scope.has("DataCellsFilter")) {
      return resource.has("DataCellsFilter")
          && filterKey(resource.get("DataCellsFilter"))
              .equals(filterKey(scope.get("DataCellsFilter")));
    }
    return false;
  }

  private JsonNode batch(JsonNode body, boolean grant) {
    requireAtMost(body.path("Entries"), 20, "Entries");
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode failures = answer.putArray("Failures");
    for (JsonNode entry : body.path("Entries")) {
      String principal = entry.path("Principal").path("DataLakePrincipalIdentifier").asText();
      JsonNode resource = entry.path("Resource");
      Failure failure = null;
      if (missingPrincipals.contains(principal)) {
        failure = new Failure("InvalidInputException", "Invalid principal: " + principal);
      } else if (failingPrincipals.containsKey(principal)) {
        failure = failingPrincipals.get(principal);
      } else if (grant
          && resource.has("DataCellsFilter")
          && !filters.containsKey(filterKey(resource.get("DataCellsFilter")))) {
        failure = new Failure("EntityNotFoundException", "Data cells filter not found");
      } else if (grant) {
        Held held =
            permissions.computeIfAbsent(
                key(principal, resource), unused -> new Held(principal, canonical(resource)));
        entry.path("Permissions").forEach(value -> held.permissions.add(value.asText()));
        entry
            .path("PermissionsWithGrantOption")
            .forEach(value -> held.grantable.add(value.asText()));
      } else {
        Held held = permissions.get(key(principal, resource));
        boolean removed = false;
        if (held != null) {
          for (JsonNode value : entry.path("Permissions")) {
            removed |= held.permissions.remove(value.asText());
          }
          for (JsonNode value : entry.path("PermissionsWithGrantOption")) {
            removed |= held.grantable.remove(value.asText());
          }
          if (held.permissions.isEmpty() && held.grantable.isEmpty()) {
            permissions.remove(key(principal, resource));
          }
        }
        if (!removed) {
          failure =
              new Failure(
                  "InvalidInputException",
                  "No permissions revoked. Grantee has no permissions and no grantable permissions"
                      + " on resource.");
        }
      }
      if (failure != null) {
        ObjectNode failed = failures.addObject();
        failed.set("RequestEntry", entry);
        failed
            .putObject("Error")
            .put("ErrorCode", failure.code())
            .put("ErrorMessage", failure.message());
      }
    }
    return answer;
  }

  private static JsonNode item(Held held) {
    ObjectNode item = JSON.createObjectNode();
    item.putObject("Principal").put("DataLakePrincipalIdentifier", held.principal);
    item.set("Resource", held.resource.deepCopy());
    held.permissions.forEach(item.putArray("Permissions")::add);
    held.grantable.forEach(item.putArray("PermissionsWithGrantOption")::add);
    return item;
  }

  // ---- helpers

  private static JsonNode page(JsonNode body, List<JsonNode> items, String member) {
    int start =
        body.hasNonNull("NextToken")
            ? Integer.parseInt(body.get("NextToken").asText().substring(5))
            : 0;
    int end = Math.min(items.size(), start + PAGE_SIZE);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode page = answer.putArray(member);
    items.subList(start, end).forEach(page::add);
    if (end < items.size()) {
      answer.put("NextToken", "page-" + end);
    }
    return answer;
  }

  private static void requireAtMost(JsonNode array, int limit, String member) {
    if (array.size() > limit) {
      throw new ServiceError(
          400,
          "InvalidInputException",
          member + " has " + array.size() + " items, at most " + limit);
    }
  }

  private static String tableKey(JsonNode database, JsonNode table) {
    return database.asText() + "." + table.asText();
  }

  private static String filterKey(JsonNode filter) {
    return filter.path("DatabaseName").asText()
        + "."
        + filter.path("TableName").asText()
        + "."
        + filter.path("Name").asText();
  }

  private static String key(String principal, JsonNode resource) {
    return principal + "|" + canonical(resource);
  }

  /** Objects with sorted members, column lists sorted: one text per meaning. */
  static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = JSON.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String name : names) {
        JsonNode value = node.get(name);
        if (value.isArray() && (name.equals("ColumnNames") || name.equals("ExcludedColumnNames"))) {
          ArrayNode values = sorted.putArray(name);
          new TreeSet<String>(texts(value)).forEach(values::add);
        } else {
          sorted.set(name, canonical(value));
        }
      }
      return sorted;
    }
    return node.deepCopy();
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
