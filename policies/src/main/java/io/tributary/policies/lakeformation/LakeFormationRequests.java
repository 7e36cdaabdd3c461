package io.tributary.policies.lakeformation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Lake Formation request bodies as JSON trees, with the member names of the Lake Formation API
 * reference, so an SDK adapter (or {@code aws lakeformation ... --cli-input-json}) sends them as
 * they are.
 */
final class LakeFormationRequests {
  static final ObjectMapper JSON = new ObjectMapper();

  private LakeFormationRequests() {}

  /** {@code BatchGrantPermissions} or {@code BatchRevokePermissions} bodies, 20 entries each. */
  static List<ObjectNode> batches(String catalogId, List<LakeFormationPermission> permissions) {
    List<ObjectNode> batches = new ArrayList<>();
    for (List<LakeFormationPermission> chunk :
        chunks(permissions, LakeFormationNames.MAX_BATCH_ENTRIES)) {
      ObjectNode request = JSON.createObjectNode().put("CatalogId", catalogId);
      ArrayNode entries = request.putArray("Entries");
      chunk.forEach(permission -> entries.add(entry(permission)));
      batches.add(request);
    }
    return batches;
  }

  /** One {@code BatchPermissionsRequestEntry}. */
  static ObjectNode entry(LakeFormationPermission permission) {
    ObjectNode entry = JSON.createObjectNode().put("Id", permission.id());
    entry.putObject("Principal").put("DataLakePrincipalIdentifier", permission.principal());
    ObjectNode resource = entry.putObject("Resource");
    TableResource table = permission.resource().table();
    switch (permission.resource()) {
      case PermissionResource.TableColumns columns -> {
        ObjectNode tableWithColumns =
            resource
                .putObject("TableWithColumns")
                .put("CatalogId", table.catalogId())
                .put("DatabaseName", table.database())
                .put("Name", table.table());
        putColumns(tableWithColumns, columns.columns());
      }
      case PermissionResource.DataCellsFilterResource filter ->
          resource
              .putObject("DataCellsFilter")
              .put("TableCatalogId", table.catalogId())
              .put("DatabaseName", table.database())
              .put("TableName", table.table())
              .put("Name", filter.name());
    }
    strings(entry.putArray("Permissions"), permission.permissions());
    strings(entry.putArray("PermissionsWithGrantOption"), permission.permissionsWithGrantOption());
    return entry;
  }

  /** A {@code CreateDataCellsFilter} body. */
  static ObjectNode createDataCellsFilter(DataCellsFilter filter) {
    ObjectNode request = JSON.createObjectNode();
    ObjectNode tableData =
        request
            .putObject("TableData")
            .put("TableCatalogId", filter.table().catalogId())
            .put("DatabaseName", filter.table().database())
            .put("TableName", filter.table().table())
            .put("Name", filter.name());
    tableData.putObject("RowFilter").put("FilterExpression", filter.filterExpression());
    putColumns(tableData, filter.columns());
    return request;
  }

  /** A {@code DeleteDataCellsFilter} body. */
  static ObjectNode deleteDataCellsFilter(PermissionResource.DataCellsFilterResource filter) {
    return JSON.createObjectNode()
        .put("TableCatalogId", filter.table().catalogId())
        .put("DatabaseName", filter.table().database())
        .put("TableName", filter.table().table())
        .put("Name", filter.name());
  }

  /** {@code CreateLFTag} with the first 50 values of a tag. */
  static ObjectNode createLfTag(String catalogId, LfTag tag) {
    ObjectNode request =
        JSON.createObjectNode().put("CatalogId", catalogId).put("TagKey", tag.key());
    strings(
        request.putArray("TagValues"),
        chunks(tag.values(), LakeFormationNames.MAX_TAG_VALUES_PER_CALL).getFirst());
    return request;
  }

  /** {@code UpdateLFTag} bodies adding a tag's values past the first 50, 50 at a time. */
  static List<ObjectNode> updateLfTag(String catalogId, LfTag tag) {
    List<List<String>> chunks = chunks(tag.values(), LakeFormationNames.MAX_TAG_VALUES_PER_CALL);
    List<ObjectNode> requests = new ArrayList<>();
    for (List<String> chunk : chunks.subList(1, chunks.size())) {
      ObjectNode request =
          JSON.createObjectNode().put("CatalogId", catalogId).put("TagKey", tag.key());
      strings(request.putArray("TagValuesToAdd"), chunk);
      requests.add(request);
    }
    return requests;
  }

  /** An {@code AddLFTagsToResource} body. */
  static ObjectNode addLfTagsToResource(String catalogId, LfTagAssignment assignment) {
    ObjectNode request = JSON.createObjectNode().put("CatalogId", catalogId);
    TableResource table = assignment.table();
    ObjectNode resource = request.putObject("Resource");
    if (assignment.columns().isEmpty()) {
      resource
          .putObject("Table")
          .put("CatalogId", table.catalogId())
          .put("DatabaseName", table.database())
          .put("Name", table.table());
    } else {
      ObjectNode tableWithColumns =
          resource
              .putObject("TableWithColumns")
              .put("CatalogId", table.catalogId())
              .put("DatabaseName", table.database())
              .put("Name", table.table());
      strings(tableWithColumns.putArray("ColumnNames"), assignment.columns());
    }
    ArrayNode tags = request.putArray("LFTags");
    assignment
        .tags()
        .forEach(
            (key, value) -> {
              ObjectNode tag = tags.addObject().put("CatalogId", catalogId).put("TagKey", key);
              tag.putArray("TagValues").add(value);
            });
    return request;
  }

  static void strings(ArrayNode array, Collection<String> values) {
    values.forEach(array::add);
  }

  private static void putColumns(ObjectNode target, ColumnSpec columns) {
    if (columns.wildcard()) {
      strings(
          target.putObject("ColumnWildcard").putArray("ExcludedColumnNames"),
          columns.excludedColumnNames());
    } else {
      strings(target.putArray("ColumnNames"), columns.columnNames());
    }
  }

  static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int start = 0; start < items.size(); start += size) {
      chunks.add(List.copyOf(items.subList(start, Math.min(items.size(), start + size))));
    }
    return chunks;
  }
}
