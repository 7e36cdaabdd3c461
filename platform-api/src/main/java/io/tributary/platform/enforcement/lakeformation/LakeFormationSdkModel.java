package io.tributary.platform.enforcement.lakeformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.lakeformation.model.AddLfTagsToResourceRequest;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.ColumnWildcard;
import software.amazon.awssdk.services.lakeformation.model.CreateDataCellsFilterRequest;
import software.amazon.awssdk.services.lakeformation.model.CreateLfTagRequest;
import software.amazon.awssdk.services.lakeformation.model.DataCellsFilter;
import software.amazon.awssdk.services.lakeformation.model.DataCellsFilterResource;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.DeleteDataCellsFilterRequest;
import software.amazon.awssdk.services.lakeformation.model.LFTagPair;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;
import software.amazon.awssdk.services.lakeformation.model.Resource;
import software.amazon.awssdk.services.lakeformation.model.RowFilter;
import software.amazon.awssdk.services.lakeformation.model.TableResource;
import software.amazon.awssdk.services.lakeformation.model.TableWithColumnsResource;
import software.amazon.awssdk.services.lakeformation.model.UpdateLfTagRequest;

/**
 * The compiler's request bodies (JSON with the API reference's member names) as SDK model objects,
 * member by member, and {@code ListPermissions} items back as the JSON {@code
 * LakeFormationDiff.readPermission} reads. Only the members the compiler writes are mapped; a body
 * holding anything else is refused rather than sent without it.
 */
final class LakeFormationSdkModel {
  static final ObjectMapper JSON = new ObjectMapper();

  private LakeFormationSdkModel() {}

  /** A {@code BatchPermissionsRequestEntry}. */
  static BatchPermissionsRequestEntry entry(JsonNode entry) {
    return BatchPermissionsRequestEntry.builder()
        .id(text(entry, "Id"))
        .principal(
            DataLakePrincipal.builder()
                .dataLakePrincipalIdentifier(
                    text(entry.path("Principal"), "DataLakePrincipalIdentifier"))
                .build())
        .resource(resource(entry.path("Resource")))
        .permissionsWithStrings(texts(entry.path("Permissions")))
        .permissionsWithGrantOptionWithStrings(texts(entry.path("PermissionsWithGrantOption")))
        .build();
  }

  /** A {@code Resource}: {@code Table}, {@code TableWithColumns} or {@code DataCellsFilter}. */
  static Resource resource(JsonNode resource) {
    if (resource.has("TableWithColumns")) {
      JsonNode table = resource.get("TableWithColumns");
      TableWithColumnsResource.Builder builder =
          TableWithColumnsResource.builder()
              .catalogId(text(table, "CatalogId"))
              .databaseName(text(table, "DatabaseName"))
              .name(text(table, "Name"));
      if (table.has("ColumnNames")) {
        builder.columnNames(texts(table.get("ColumnNames")));
      }
      if (table.has("ColumnWildcard")) {
        builder.columnWildcard(columnWildcard(table.get("ColumnWildcard")));
      }
      return Resource.builder().tableWithColumns(builder.build()).build();
    }
    if (resource.has("Table")) {
      JsonNode table = resource.get("Table");
      return Resource.builder()
          .table(
              TableResource.builder()
                  .catalogId(text(table, "CatalogId"))
                  .databaseName(text(table, "DatabaseName"))
                  .name(text(table, "Name"))
                  .build())
          .build();
    }
    if (resource.has("DataCellsFilter")) {
      JsonNode filter = resource.get("DataCellsFilter");
      return Resource.builder()
          .dataCellsFilter(
              DataCellsFilterResource.builder()
                  .tableCatalogId(text(filter, "TableCatalogId"))
                  .databaseName(text(filter, "DatabaseName"))
                  .tableName(text(filter, "TableName"))
                  .name(text(filter, "Name"))
                  .build())
          .build();
    }
    throw new IllegalArgumentException("a resource the enforcer does not map: " + resource);
  }

  /** A {@code CreateDataCellsFilter} request. */
  static CreateDataCellsFilterRequest createDataCellsFilter(JsonNode request) {
    JsonNode tableData = request.path("TableData");
    DataCellsFilter.Builder filter =
        DataCellsFilter.builder()
            .tableCatalogId(text(tableData, "TableCatalogId"))
            .databaseName(text(tableData, "DatabaseName"))
            .tableName(text(tableData, "TableName"))
            .name(text(tableData, "Name"))
            .rowFilter(
                RowFilter.builder()
                    .filterExpression(text(tableData.path("RowFilter"), "FilterExpression"))
                    .build());
    if (tableData.has("ColumnNames")) {
      filter.columnNames(texts(tableData.get("ColumnNames")));
    }
    if (tableData.has("ColumnWildcard")) {
      filter.columnWildcard(columnWildcard(tableData.get("ColumnWildcard")));
    }
    return CreateDataCellsFilterRequest.builder().tableData(filter.build()).build();
  }

  /** A {@code DeleteDataCellsFilter} request. */
  static DeleteDataCellsFilterRequest deleteDataCellsFilter(JsonNode request) {
    return DeleteDataCellsFilterRequest.builder()
        .tableCatalogId(text(request, "TableCatalogId"))
        .databaseName(text(request, "DatabaseName"))
        .tableName(text(request, "TableName"))
        .name(text(request, "Name"))
        .build();
  }

  /** A {@code CreateLFTag} request. */
  static CreateLfTagRequest createLfTag(JsonNode request) {
    return CreateLfTagRequest.builder()
        .catalogId(text(request, "CatalogId"))
        .tagKey(text(request, "TagKey"))
        .tagValues(texts(request.path("TagValues")))
        .build();
  }

  /** An {@code UpdateLFTag} request adding values. */
  static UpdateLfTagRequest updateLfTag(JsonNode request) {
    return UpdateLfTagRequest.builder()
        .catalogId(text(request, "CatalogId"))
        .tagKey(text(request, "TagKey"))
        .tagValuesToAdd(texts(request.path("TagValuesToAdd")))
        .build();
  }

  /** An {@code AddLFTagsToResource} request. */
  static AddLfTagsToResourceRequest addLfTagsToResource(JsonNode request) {
    List<LFTagPair> tags = new ArrayList<>();
    request
        .path("LFTags")
        .forEach(
            tag ->
                tags.add(
                    LFTagPair.builder()
                        .catalogId(text(tag, "CatalogId"))
                        .tagKey(text(tag, "TagKey"))
                        .tagValues(texts(tag.path("TagValues")))
                        .build()));
    return AddLfTagsToResourceRequest.builder()
        .catalogId(text(request, "CatalogId"))
        .resource(resource(request.path("Resource")))
        .lfTags(tags)
        .build();
  }

  /**
   * A {@code ListPermissions} item as JSON with the API's member names: the principal, the resource
   * (the kinds the compiler grants on; others are left out, so the item reads as nothing) and the
   * permissions.
   */
  static ObjectNode listed(PrincipalResourcePermissions item) {
    ObjectNode node = JSON.createObjectNode();
    if (item.principal() != null && item.principal().dataLakePrincipalIdentifier() != null) {
      node.putObject("Principal")
          .put("DataLakePrincipalIdentifier", item.principal().dataLakePrincipalIdentifier());
    }
    ObjectNode resource = node.putObject("Resource");
    Resource listed = item.resource();
    if (listed != null && listed.tableWithColumns() != null) {
      TableWithColumnsResource table = listed.tableWithColumns();
      ObjectNode target =
          resource
              .putObject("TableWithColumns")
              .put("CatalogId", table.catalogId())
              .put("DatabaseName", table.databaseName())
              .put("Name", table.name());
      if (table.hasColumnNames()) {
        strings(target.putArray("ColumnNames"), table.columnNames());
      }
      if (table.columnWildcard() != null) {
        strings(
            target.putObject("ColumnWildcard").putArray("ExcludedColumnNames"),
            table.columnWildcard().excludedColumnNames());
      }
    } else if (listed != null && listed.table() != null) {
      TableResource table = listed.table();
      ObjectNode target =
          resource
              .putObject("Table")
              .put("CatalogId", table.catalogId())
              .put("DatabaseName", table.databaseName());
      if (table.name() != null) {
        target.put("Name", table.name());
      }
    } else if (listed != null && listed.dataCellsFilter() != null) {
      DataCellsFilterResource filter = listed.dataCellsFilter();
      resource
          .putObject("DataCellsFilter")
          .put("TableCatalogId", filter.tableCatalogId())
          .put("DatabaseName", filter.databaseName())
          .put("TableName", filter.tableName())
          .put("Name", filter.name());
    }
    strings(node.putArray("Permissions"), item.permissionsAsStrings());
    strings(
        node.putArray("PermissionsWithGrantOption"), item.permissionsWithGrantOptionAsStrings());
    return node;
  }

  private static ColumnWildcard columnWildcard(JsonNode wildcard) {
    return ColumnWildcard.builder()
        .excludedColumnNames(texts(wildcard.path("ExcludedColumnNames")))
        .build();
  }

  private static String text(JsonNode node, String member) {
    JsonNode value = node.get(member);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("'" + member + "' missing from " + node);
    }
    return value.asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static void strings(ArrayNode array, Collection<String> values) {
    if (values != null) {
      values.forEach(array::add);
    }
  }
}
