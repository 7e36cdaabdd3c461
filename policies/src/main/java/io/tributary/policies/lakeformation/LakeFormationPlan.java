package io.tributary.policies.lakeformation;

import static io.tributary.policies.lakeformation.LakeFormationRequests.JSON;
import static io.tributary.policies.lakeformation.LakeFormationRequests.strings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What Lake Formation must hold for a set of products: the desired state, deterministic and sorted,
 * with the requests that create it and the same content as Terraform variables.
 *
 * <p>Apply it in this order: LF-Tags, tag assignments, data cells filters, then the grants (after
 * the revokes of {@link LakeFormationDiff}, which come first so a narrowed grant never leaves the
 * wider columns behind).
 *
 * @param catalogId the Data Catalog (the AWS account id)
 * @param dataCellsFilters the data cells filters the grants need, by table and name
 * @param grants the desired permissions, by id
 * @param tags the LF-Tags the plan uses, by key
 * @param tagAssignments the LF-Tags to attach to tables and columns, by key
 * @param notes what the plan enforces more strictly than declared, in input order
 */
public record LakeFormationPlan(
    String catalogId,
    List<DataCellsFilter> dataCellsFilters,
    List<LakeFormationPermission> grants,
    List<LfTag> tags,
    List<LfTagAssignment> tagAssignments,
    List<LakeFormationNote> notes) {
  public LakeFormationPlan {
    Objects.requireNonNull(catalogId, "catalogId");
    dataCellsFilters = List.copyOf(dataCellsFilters);
    grants = List.copyOf(grants);
    tags = List.copyOf(tags);
    tagAssignments = List.copyOf(tagAssignments);
    notes = List.copyOf(notes);
  }

  /** The {@code CreateDataCellsFilter} bodies, one per filter. */
  public List<ObjectNode> createDataCellsFilterRequests() {
    return dataCellsFilters.stream().map(LakeFormationRequests::createDataCellsFilter).toList();
  }

  /** The {@code BatchGrantPermissions} bodies for every grant, at most 20 entries each. */
  public List<ObjectNode> batchGrantPermissionsRequests() {
    return LakeFormationRequests.batches(catalogId, grants);
  }

  /** The {@code CreateLFTag} bodies, one per tag key, with its first 50 values. */
  public List<ObjectNode> createLfTagRequests() {
    return tags.stream().map(tag -> LakeFormationRequests.createLfTag(catalogId, tag)).toList();
  }

  /** The {@code UpdateLFTag} bodies adding values past a tag's first 50; usually none. */
  public List<ObjectNode> updateLfTagRequests() {
    return tags.stream()
        .flatMap(tag -> LakeFormationRequests.updateLfTag(catalogId, tag).stream())
        .toList();
  }

  /** The {@code AddLFTagsToResource} bodies: one per table, one per classification of columns. */
  public List<ObjectNode> addLfTagsToResourceRequests() {
    return tagAssignments.stream()
        .map(assignment -> LakeFormationRequests.addLfTagsToResource(catalogId, assignment))
        .toList();
  }

  /** Only the notes about masked columns, for the product's metadata. */
  public List<LakeFormationNote.MaskedColumnExcluded> maskedColumnsExcluded() {
    return notes.stream()
        .filter(LakeFormationNote.MaskedColumnExcluded.class::isInstance)
        .map(LakeFormationNote.MaskedColumnExcluded.class::cast)
        .toList();
  }

  /**
   * The whole plan as one JSON document: every request body under its operation's name, and the
   * notes.
   */
  public ObjectNode toJson() {
    ObjectNode plan = JSON.createObjectNode().put("catalog_id", catalogId);
    plan.putArray("create_lf_tag").addAll(createLfTagRequests());
    plan.putArray("update_lf_tag").addAll(updateLfTagRequests());
    plan.putArray("add_lf_tags_to_resource").addAll(addLfTagsToResourceRequests());
    plan.putArray("create_data_cells_filter").addAll(createDataCellsFilterRequests());
    plan.putArray("batch_grant_permissions").addAll(batchGrantPermissionsRequests());
    ArrayNode notesNode = plan.putArray("notes");
    notes.forEach(note -> notesNode.add(noteJson(note)));
    return plan;
  }

  /**
   * The same content as the domain workspace's {@code terraform.tfvars.json}: {@code
   * lakeformation_permissions} keyed by grant id, {@code data_cells_filters} keyed by {@code
   * database.table.name}, {@code lf_tags} (key to values) and {@code lf_tag_assignments} keyed by
   * {@link LfTagAssignment#key()}. Every object carries every attribute, empty when unused, so the
   * Terraform variable types stay simple.
   */
  public ObjectNode toTerraformVariables() {
    ObjectNode variables = JSON.createObjectNode().put("catalog_id", catalogId);

    ObjectNode permissions = variables.putObject("lakeformation_permissions");
    for (LakeFormationPermission grant : grants) {
      TableResource table = grant.resource().table();
      ObjectNode permission =
          permissions
              .putObject(grant.id())
              .put("principal", grant.principal())
              .put("database", table.database())
              .put("table", table.table());
      switch (grant.resource()) {
        case PermissionResource.TableColumns columns -> {
          permission.put("wildcard", columns.columns().wildcard());
          strings(permission.putArray("columns"), columns.columns().columnNames());
          strings(permission.putArray("excluded_columns"), columns.columns().excludedColumnNames());
          permission.putNull("data_cells_filter");
        }
        case PermissionResource.DataCellsFilterResource filter -> {
          permission.put("wildcard", false);
          permission.putArray("columns");
          permission.putArray("excluded_columns");
          permission.put("data_cells_filter", filter.name());
        }
      }
      strings(permission.putArray("permissions"), grant.permissions());
      strings(
          permission.putArray("permissions_with_grant_option"), grant.permissionsWithGrantOption());
    }

    ObjectNode filters = variables.putObject("data_cells_filters");
    for (DataCellsFilter filter : dataCellsFilters) {
      ObjectNode node =
          filters
              .putObject(filter.table().qualifiedName() + "." + filter.name())
              .put("database", filter.table().database())
              .put("table", filter.table().table())
              .put("name", filter.name())
              .put("row_filter", filter.filterExpression())
              .put("wildcard", filter.columns().wildcard());
      strings(node.putArray("columns"), filter.columns().columnNames());
      strings(node.putArray("excluded_columns"), filter.columns().excludedColumnNames());
    }

    ObjectNode tagsNode = variables.putObject("lf_tags");
    tags.forEach(tag -> strings(tagsNode.putArray(tag.key()), tag.values()));

    ObjectNode assignments = variables.putObject("lf_tag_assignments");
    for (LfTagAssignment assignment : tagAssignments) {
      ObjectNode node =
          assignments
              .putObject(assignment.key())
              .put("database", assignment.table().database())
              .put("table", assignment.table().table());
      strings(node.putArray("columns"), assignment.columns());
      ObjectNode tagValues = node.putObject("tags");
      assignment.tags().forEach(tagValues::put);
    }
    return variables;
  }

  static ObjectNode noteJson(LakeFormationNote note) {
    ObjectNode node = JSON.createObjectNode();
    switch (note) {
      case LakeFormationNote.MaskedColumnExcluded masked ->
          node.put("type", "masked_column_excluded")
              .put("product", masked.product())
              .put("principal", masked.principal())
              .put("column", masked.column())
              .put("mask", masked.mask().declaredName());
      case LakeFormationNote.ExpiredGrantOmitted expired ->
          node.put("type", "expired_grant_omitted")
              .put("product", expired.product())
              .put("principal", expired.principal())
              .put("expired", expired.expired().toString());
      case LakeFormationNote.GrantWithoutColumnsOmitted omitted ->
          node.put("type", "grant_without_columns_omitted")
              .put("product", omitted.product())
              .put("principal", omitted.principal());
    }
    return node;
  }

  /** The filters' resources, for {@link LakeFormationDiff#dataCellsFilters}. */
  List<PermissionResource.DataCellsFilterResource> dataCellsFilterResources() {
    List<PermissionResource.DataCellsFilterResource> resources = new ArrayList<>();
    dataCellsFilters.forEach(filter -> resources.add(filter.resource()));
    return resources;
  }
}
