package io.tributary.policies.lakeformation;

import static io.tributary.policies.lakeformation.LakeFormationRequests.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The grants to add and the permissions to revoke to take Lake Formation from what it holds to what
 * a plan wants. It is a pure function: permissions are compared one by one (principal, resource,
 * permission, grant option), ids are ignored, and column lists are compared as sets, so applying a
 * diff and diffing again yields an empty diff.
 *
 * <p>Expired grants are absent from the plan (the compiler leaves them out), so whatever Lake
 * Formation still holds for them is revoked. Issue the revokes before the grants: Lake Formation
 * keeps column permissions column by column, and revoking the old column set after granting the new
 * one would take back the columns both share.
 *
 * @param grants the permissions to grant, by id
 * @param revokes the permissions to revoke, by id
 */
public record LakeFormationDiff(
    List<LakeFormationPermission> grants, List<LakeFormationPermission> revokes) {
  public LakeFormationDiff {
    grants = List.copyOf(grants);
    revokes = List.copyOf(revokes);
  }

  /**
   * The diff between what Lake Formation holds and what is desired.
   *
   * @param current the permissions Lake Formation holds on the plan's tables, as {@link
   *     #readPermission} reads them from {@code ListPermissions}
   * @param desired the plan's {@link LakeFormationPlan#grants()}
   */
  public static LakeFormationDiff between(
      Collection<LakeFormationPermission> current, Collection<LakeFormationPermission> desired) {
    Map<Key, Grouped> held = group(current);
    Map<Key, Grouped> wanted = group(desired);
    List<LakeFormationPermission> grants = new ArrayList<>();
    List<LakeFormationPermission> revokes = new ArrayList<>();
    wanted.forEach(
        (key, want) -> {
          Grouped have = held.getOrDefault(key, Grouped.EMPTY);
          want.minus(have)
              .ifPresent(missing -> grants.add(missing.toPermission(key, want.firstId)));
        });
    held.forEach(
        (key, have) -> {
          Grouped want = wanted.getOrDefault(key, Grouped.EMPTY);
          have.minus(want)
              .ifPresent(
                  extra -> {
                    LakeFormationPermission revoke = extra.toPermission(key, "");
                    revokes.add(withId(revoke, LakeFormationNames.contentId(revoke)));
                  });
        });
    Comparator<LakeFormationPermission> byId = Comparator.comparing(LakeFormationPermission::id);
    return new LakeFormationDiff(
        grants.stream().sorted(byId).toList(), revokes.stream().sorted(byId).toList());
  }

  /**
   * The data cells filters to create and to delete: a plan's filter missing from the table is
   * created; a filter of the platform's ({@code tributary_} prefix) on one of the plan's tables
   * that the plan no longer has is deleted, after the revokes. Filters the platform did not name,
   * and tables outside the plan, are left alone.
   *
   * @param current the filters on the plan's tables, from {@code ListDataCellsFilter}
   */
  public static FilterChanges dataCellsFilters(
      Collection<PermissionResource.DataCellsFilterResource> current, LakeFormationPlan plan) {
    Set<PermissionResource.DataCellsFilterResource> existing = new LinkedHashSet<>(current);
    Set<PermissionResource.DataCellsFilterResource> desired =
        new LinkedHashSet<>(plan.dataCellsFilterResources());
    Set<TableResource> planTables = new TreeSet<>();
    plan.tagAssignments().forEach(assignment -> planTables.add(assignment.table()));
    List<DataCellsFilter> create =
        plan.dataCellsFilters().stream()
            .filter(filter -> !existing.contains(filter.resource()))
            .toList();
    List<PermissionResource.DataCellsFilterResource> delete =
        existing.stream()
            .filter(filter -> filter.name().startsWith(LakeFormationNames.DATA_CELLS_FILTER_PREFIX))
            .filter(filter -> planTables.contains(filter.table()))
            .filter(filter -> !desired.contains(filter))
            .sorted(
                Comparator.comparing(PermissionResource.DataCellsFilterResource::table)
                    .thenComparing(PermissionResource.DataCellsFilterResource::name))
            .toList();
    return new FilterChanges(create, delete);
  }

  /** Data cells filters to create before the grants and to delete after the revokes. */
  public record FilterChanges(
      List<DataCellsFilter> create, List<PermissionResource.DataCellsFilterResource> delete) {
    public FilterChanges {
      create = List.copyOf(create);
      delete = List.copyOf(delete);
    }

    /** The {@code CreateDataCellsFilter} bodies. */
    public List<ObjectNode> createDataCellsFilterRequests() {
      return create.stream().map(LakeFormationRequests::createDataCellsFilter).toList();
    }

    /** The {@code DeleteDataCellsFilter} bodies. */
    public List<ObjectNode> deleteDataCellsFilterRequests() {
      return delete.stream().map(LakeFormationRequests::deleteDataCellsFilter).toList();
    }
  }

  /** Whether Lake Formation already holds exactly what is desired. */
  public boolean isEmpty() {
    return grants.isEmpty() && revokes.isEmpty();
  }

  /** The {@code BatchGrantPermissions} bodies, at most 20 entries each, per catalog. */
  public List<ObjectNode> batchGrantPermissionsRequests() {
    return byCatalog(grants);
  }

  /** The {@code BatchRevokePermissions} bodies, at most 20 entries each, per catalog. */
  public List<ObjectNode> batchRevokePermissionsRequests() {
    return byCatalog(revokes);
  }

  /** The diff as one JSON document, revokes first as they are to be issued. */
  public ObjectNode toJson() {
    ObjectNode diff = JSON.createObjectNode();
    diff.putArray("batch_revoke_permissions").addAll(batchRevokePermissionsRequests());
    diff.putArray("batch_grant_permissions").addAll(batchGrantPermissionsRequests());
    return diff;
  }

  /**
   * Reads one {@code PrincipalResourcePermissions} of a {@code ListPermissions} response. {@code
   * SELECT} on a {@code Table} is read as a column wildcard without exclusions, which is what it
   * grants. Resources the compiler never grants on (databases, table wildcards, LF-Tags, ...) are
   * empty.
   */
  public static Optional<LakeFormationPermission> readPermission(JsonNode listed) {
    String principal = listed.path("Principal").path("DataLakePrincipalIdentifier").asText("");
    JsonNode resource = listed.path("Resource");
    PermissionResource read = null;
    if (resource.has("TableWithColumns")) {
      JsonNode table = resource.get("TableWithColumns");
      TableResource tableResource =
          new TableResource(
              table.path("CatalogId").asText(),
              table.path("DatabaseName").asText(),
              table.path("Name").asText());
      if (table.has("ColumnWildcard")) {
        read =
            new PermissionResource.TableColumns(
                tableResource,
                ColumnSpec.allExcept(
                    texts(table.get("ColumnWildcard").path("ExcludedColumnNames"))));
      } else if (!texts(table.path("ColumnNames")).isEmpty()) {
        read =
            new PermissionResource.TableColumns(
                tableResource, ColumnSpec.only(texts(table.path("ColumnNames"))));
      }
    } else if (resource.has("Table") && resource.get("Table").hasNonNull("Name")) {
      JsonNode table = resource.get("Table");
      read =
          new PermissionResource.TableColumns(
              new TableResource(
                  table.path("CatalogId").asText(),
                  table.path("DatabaseName").asText(),
                  table.path("Name").asText()),
              ColumnSpec.allExcept(List.of()));
    } else if (resource.has("DataCellsFilter")) {
      JsonNode filter = resource.get("DataCellsFilter");
      read =
          new PermissionResource.DataCellsFilterResource(
              new TableResource(
                  filter.path("TableCatalogId").asText(),
                  filter.path("DatabaseName").asText(),
                  filter.path("TableName").asText()),
              filter.path("Name").asText());
    }
    if (read == null || principal.isEmpty()) {
      return Optional.empty();
    }
    LakeFormationPermission permission =
        new LakeFormationPermission(
            "",
            principal,
            read,
            texts(listed.path("Permissions")),
            texts(listed.path("PermissionsWithGrantOption")));
    return Optional.of(withId(permission, LakeFormationNames.contentId(permission)));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static List<ObjectNode> byCatalog(List<LakeFormationPermission> permissions) {
    SortedMap<String, List<LakeFormationPermission>> catalogs = new TreeMap<>();
    permissions.forEach(
        permission ->
            catalogs
                .computeIfAbsent(
                    permission.resource().table().catalogId(), key -> new ArrayList<>())
                .add(permission));
    List<ObjectNode> requests = new ArrayList<>();
    catalogs.forEach(
        (catalogId, entries) -> requests.addAll(LakeFormationRequests.batches(catalogId, entries)));
    return requests;
  }

  private static LakeFormationPermission withId(LakeFormationPermission permission, String id) {
    return new LakeFormationPermission(
        id,
        permission.principal(),
        permission.resource(),
        permission.permissions(),
        permission.permissionsWithGrantOption());
  }

  private static Map<Key, Grouped> group(Collection<LakeFormationPermission> permissions) {
    Map<Key, Grouped> grouped = new LinkedHashMap<>();
    for (LakeFormationPermission permission : permissions) {
      Key key = new Key(permission.principal(), permission.resource());
      Grouped group = grouped.computeIfAbsent(key, unused -> new Grouped(permission.id()));
      group.permissions.addAll(permission.permissions());
      group.grantable.addAll(permission.permissionsWithGrantOption());
    }
    return grouped;
  }

  private record Key(String principal, PermissionResource resource) {}

  /** The permissions one principal holds on one resource. */
  private static final class Grouped {
    static final Grouped EMPTY = new Grouped("");

    final String firstId;
    final Set<String> permissions = new TreeSet<>();
    final Set<String> grantable = new TreeSet<>();

    Grouped(String firstId) {
      this.firstId = firstId;
    }

    Optional<Grouped> minus(Grouped other) {
      Grouped rest = new Grouped(firstId);
      rest.permissions.addAll(permissions);
      rest.permissions.removeAll(other.permissions);
      rest.grantable.addAll(grantable);
      rest.grantable.removeAll(other.grantable);
      return rest.permissions.isEmpty() && rest.grantable.isEmpty()
          ? Optional.empty()
          : Optional.of(rest);
    }

    LakeFormationPermission toPermission(Key key, String id) {
      return new LakeFormationPermission(
          id, key.principal(), key.resource(), List.copyOf(permissions), List.copyOf(grantable));
    }
  }
}
