package io.tributary.platform.enforcement.lakeformation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.policies.lakeformation.LakeFormationDiff;
import io.tributary.policies.lakeformation.LakeFormationNames;
import io.tributary.policies.lakeformation.LakeFormationPermission;
import io.tributary.policies.lakeformation.LakeFormationPlan;
import io.tributary.policies.lakeformation.LfTag;
import io.tributary.policies.lakeformation.LfTagAssignment;
import io.tributary.policies.lakeformation.PermissionResource;
import io.tributary.policies.lakeformation.TableResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.AddLfTagsToResourceResponse;
import software.amazon.awssdk.services.lakeformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.lakeformation.model.BatchGrantPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsFailureEntry;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.BatchRevokePermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.ColumnLFTag;
import software.amazon.awssdk.services.lakeformation.model.DataCellsFilterResource;
import software.amazon.awssdk.services.lakeformation.model.EntityNotFoundException;
import software.amazon.awssdk.services.lakeformation.model.ErrorDetail;
import software.amazon.awssdk.services.lakeformation.model.GetLfTagResponse;
import software.amazon.awssdk.services.lakeformation.model.GetResourceLfTagsResponse;
import software.amazon.awssdk.services.lakeformation.model.InvalidInputException;
import software.amazon.awssdk.services.lakeformation.model.LFTagPair;
import software.amazon.awssdk.services.lakeformation.model.LakeFormationException;
import software.amazon.awssdk.services.lakeformation.model.ListDataCellsFilterResponse;
import software.amazon.awssdk.services.lakeformation.model.ListPermissionsResponse;
import software.amazon.awssdk.services.lakeformation.model.Resource;

/**
 * Applies a {@link LakeFormationPlan} to Lake Formation and reconciles: what the plan declares is
 * granted, what Lake Formation holds on the plan's tables that the plan no longer declares is
 * revoked, and running it again changes nothing.
 *
 * <p>One reconcile, in this order: create the missing LF-Tags and add missing values to existing
 * ones; attach the tags the tables and columns lack; read the permissions held on the plan's tables
 * and on their data cells filters ({@code ListPermissions}, every page) and the tables' filters
 * ({@code ListDataCellsFilter}); diff with {@link LakeFormationDiff}; revoke ({@code
 * BatchRevokePermissions}, 20 entries a call), delete the platform's stale {@code tributary_}
 * filters, create the missing filters, and grant ({@code BatchGrantPermissions}, 20 a call).
 * Revokes come first so a narrowed grant never loses the columns old and new share.
 *
 * <p>A batch entry refused because its principal does not exist is logged and reported as skipped;
 * any other refused entry fails the reconcile with a {@link LakeFormationEnforcementException}
 * naming every such entry.
 *
 * <p>What it leaves alone: principals in {@code ignoredPrincipals} ({@code IAM_ALLOWED_PRINCIPALS}
 * by default, add the platform's own and the administrators' roles), permissions other than the
 * ones the platform grants ({@code SELECT}: an {@code ALL} or {@code ALTER} held by the role that
 * created a table is not the platform's), data cells filters without the {@code tributary_} prefix,
 * LF-Tags it does not use, and tables outside the plan.
 */
public final class LakeFormationEnforcer {
  /** Lake Formation's pseudo-principal for IAM-only access; never the platform's to revoke. */
  public static final String IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";

  static final String GRANT = "BatchGrantPermissions";
  static final String REVOKE = "BatchRevokePermissions";

  private final LakeFormationClient client;
  private final Set<String> ignoredPrincipals;

  /** An enforcer leaving only {@code IAM_ALLOWED_PRINCIPALS} alone. */
  public LakeFormationEnforcer(LakeFormationClient client) {
    this(client, Set.of(IAM_ALLOWED_PRINCIPALS));
  }

  /**
   * An enforcer.
   *
   * @param client the Lake Formation client, in the plan's account and region
   * @param ignoredPrincipals principals whose permissions the enforcer neither reads nor revokes
   */
  public LakeFormationEnforcer(LakeFormationClient client, Set<String> ignoredPrincipals) {
    this.client = Objects.requireNonNull(client, "client");
    this.ignoredPrincipals = Set.copyOf(ignoredPrincipals);
  }

  /**
   * Takes Lake Formation to what the plan declares.
   *
   * @param plan the compiled plan
   * @param log receives one line per step and per change
   * @return what changed and what was skipped
   * @throws LakeFormationEnforcementException when Lake Formation refuses a call or an entry
   */
  public LakeFormationReconcileReport reconcile(LakeFormationPlan plan, Consumer<String> log) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(log, "log");
    Run run = new Run(plan, log);
    run.createTags();
    run.attachTags();
    List<PermissionResource.DataCellsFilterResource> filters = run.listFilters();
    List<LakeFormationPermission> current = run.listPermissions(filters);
    LakeFormationDiff diff = LakeFormationDiff.between(current, plan.grants());
    LakeFormationDiff.FilterChanges filterChanges =
        LakeFormationDiff.dataCellsFilters(filters, plan);
    log.accept(
        "Lake Formation holds "
            + current.size()
            + " managed permissions on "
            + run.tables.size()
            + " tables; to revoke "
            + diff.revokes().size()
            + ", to grant "
            + diff.grants().size()
            + ", filters to delete "
            + filterChanges.delete().size()
            + ", to create "
            + filterChanges.create().size());
    run.batches(REVOKE, diff.batchRevokePermissionsRequests(), diff.revokes(), run.revoked);
    run.deleteFilters(filterChanges);
    run.createFilters(filterChanges);
    run.batches(GRANT, diff.batchGrantPermissionsRequests(), diff.grants(), run.granted);
    return run.report();
  }

  /**
   * Whether a batch failure says the entry's principal does not exist. Lake Formation answers such
   * an entry with {@code ErrorCode} {@code InvalidInputException} and a message about the principal
   * ("Invalid principal ..."; the API reference documents the {@code ErrorDetail} shape, not the
   * text, so any message naming the principal as invalid, unknown or not existing counts).
   */
  static boolean isMissingPrincipal(ErrorDetail error) {
    if (error == null || !"InvalidInputException".equals(error.errorCode())) {
      return false;
    }
    String message = Objects.requireNonNullElse(error.errorMessage(), "").toLowerCase(Locale.ROOT);
    return message.contains("principal")
        && (message.contains("invalid")
            || message.contains("not exist")
            || message.contains("not found")
            || message.contains("unknown"));
  }

  /** The state of one reconcile. */
  private final class Run {
    final LakeFormationPlan plan;
    final Consumer<String> log;
    final Set<TableResource> tables = new TreeSet<>();
    final Set<String> managedPermissions = new TreeSet<>(Set.of("SELECT"));
    final List<String> tagsCreated = new ArrayList<>();
    final List<String> tagValuesAdded = new ArrayList<>();
    final List<String> tagsAttached = new ArrayList<>();
    final List<LakeFormationPermission> revoked = new ArrayList<>();
    final List<String> filtersDeleted = new ArrayList<>();
    final List<String> filtersCreated = new ArrayList<>();
    final List<LakeFormationPermission> granted = new ArrayList<>();
    final List<LakeFormationReconcileReport.SkippedEntry> skipped = new ArrayList<>();

    Run(LakeFormationPlan plan, Consumer<String> log) {
      this.plan = plan;
      this.log = log;
      plan.tagAssignments().forEach(assignment -> tables.add(assignment.table()));
      plan.dataCellsFilters().forEach(filter -> tables.add(filter.table()));
      plan.grants()
          .forEach(
              grant -> {
                tables.add(grant.resource().table());
                managedPermissions.addAll(grant.permissions());
                managedPermissions.addAll(grant.permissionsWithGrantOption());
              });
    }

    void createTags() {
      List<ObjectNode> creates = plan.createLfTagRequests();
      List<ObjectNode> updates = plan.updateLfTagRequests();
      for (LfTag tag : plan.tags()) {
        GetLfTagResponse existing = getTag(tag.key());
        if (existing == null && createTag(tag, creates)) {
          for (ObjectNode update : updates) {
            if (update.path("TagKey").asText().equals(tag.key())) {
              call(
                  "UpdateLFTag " + tag.key(),
                  () -> client.updateLFTag(LakeFormationSdkModel.updateLfTag(update)));
            }
          }
          tagsCreated.add(tag.key());
          log.accept("LF-Tag " + tag.key() + " created with the values " + tag.values());
          continue;
        }
        if (existing == null) {
          existing = getTag(tag.key());
          if (existing == null) {
            throw new LakeFormationEnforcementException(
                "LF-Tag " + tag.key() + " neither exists nor could be created");
          }
        }
        addMissingValues(tag, existing);
      }
    }

    /** Creates a tag; false when another writer created it first. */
    private boolean createTag(LfTag tag, List<ObjectNode> creates) {
      try {
        client.createLFTag(LakeFormationSdkModel.createLfTag(body(creates, tag)));
        return true;
      } catch (AlreadyExistsException exists) {
        log.accept("LF-Tag " + tag.key() + " was created meanwhile");
        return false;
      } catch (InvalidInputException invalid) {
        String message =
            Objects.requireNonNullElse(invalid.awsErrorDetails().errorMessage(), "")
                .toLowerCase(Locale.ROOT);
        if (message.contains("already exists")) {
          log.accept("LF-Tag " + tag.key() + " was created meanwhile");
          return false;
        }
        throw failure("CreateLFTag " + tag.key(), invalid);
      } catch (LakeFormationException failed) {
        throw failure("CreateLFTag " + tag.key(), failed);
      }
    }

    private void addMissingValues(LfTag tag, GetLfTagResponse existing) {
      List<String> missing = new ArrayList<>(tag.values());
      missing.removeAll(existing.tagValues());
      for (int start = 0;
          start < missing.size();
          start += LakeFormationNames.MAX_TAG_VALUES_PER_CALL) {
        List<String> chunk =
            missing.subList(
                start,
                Math.min(missing.size(), start + LakeFormationNames.MAX_TAG_VALUES_PER_CALL));
        call(
            "UpdateLFTag " + tag.key(),
            () ->
                client.updateLFTag(
                    request ->
                        request
                            .catalogId(plan.catalogId())
                            .tagKey(tag.key())
                            .tagValuesToAdd(chunk)));
        chunk.forEach(value -> tagValuesAdded.add(tag.key() + "=" + value));
      }
      if (!missing.isEmpty()) {
        log.accept("LF-Tag " + tag.key() + " given the values " + missing);
      }
    }

    private GetLfTagResponse getTag(String key) {
      try {
        return client.getLFTag(request -> request.catalogId(plan.catalogId()).tagKey(key));
      } catch (EntityNotFoundException missing) {
        return null;
      } catch (LakeFormationException failed) {
        throw failure("GetLFTag " + key, failed);
      }
    }

    private ObjectNode body(List<ObjectNode> requests, LfTag tag) {
      return requests.stream()
          .filter(request -> request.path("TagKey").asText().equals(tag.key()))
          .findFirst()
          .orElseThrow();
    }

    void attachTags() {
      List<LfTagAssignment> assignments = plan.tagAssignments();
      List<ObjectNode> requests = plan.addLfTagsToResourceRequests();
      Map<TableResource, GetResourceLfTagsResponse> attached = new LinkedHashMap<>();
      for (int index = 0; index < assignments.size(); index++) {
        LfTagAssignment assignment = assignments.get(index);
        GetResourceLfTagsResponse onTable =
            attached.computeIfAbsent(assignment.table(), this::resourceTags);
        if (isAttached(assignment, onTable)) {
          continue;
        }
        ObjectNode request = requests.get(index);
        AddLfTagsToResourceResponse response =
            call(
                "AddLFTagsToResource " + assignment.key(),
                () ->
                    client.addLFTagsToResource(LakeFormationSdkModel.addLfTagsToResource(request)));
        if (response.hasFailures() && !response.failures().isEmpty()) {
          StringBuilder message =
              new StringBuilder("AddLFTagsToResource refused tags on ").append(assignment.key());
          response
              .failures()
              .forEach(
                  failure ->
                      message
                          .append("; ")
                          .append(failure.lfTag() == null ? "?" : failure.lfTag().tagKey())
                          .append(": ")
                          .append(describe(failure.error())));
          throw new LakeFormationEnforcementException(message.toString());
        }
        tagsAttached.add(assignment.key());
        log.accept("LF-Tags " + assignment.tags() + " attached to " + assignment.key());
      }
    }

    private GetResourceLfTagsResponse resourceTags(TableResource table) {
      return call(
          "GetResourceLFTags " + table.qualifiedName(),
          () ->
              client.getResourceLFTags(
                  request ->
                      request
                          .catalogId(table.catalogId())
                          .resource(tableResource(table))
                          .showAssignedLFTags(true)));
    }

    private boolean isAttached(LfTagAssignment assignment, GetResourceLfTagsResponse onTable) {
      if (assignment.columns().isEmpty()) {
        return holds(onTable.lfTagsOnTable(), assignment.tags());
      }
      for (String column : assignment.columns()) {
        List<LFTagPair> onColumn =
            onTable.lfTagsOnColumns().stream()
                .filter(tagged -> column.equals(tagged.name()))
                .map(ColumnLFTag::lfTags)
                .findFirst()
                .orElse(List.of());
        if (!holds(onColumn, assignment.tags())) {
          return false;
        }
      }
      return true;
    }

    private static boolean holds(List<LFTagPair> held, Map<String, String> wanted) {
      return wanted.entrySet().stream()
          .allMatch(
              tag ->
                  held.stream()
                      .anyMatch(
                          pair ->
                              pair.tagKey().equals(tag.getKey())
                                  && pair.tagValues().equals(List.of(tag.getValue()))));
    }

    List<PermissionResource.DataCellsFilterResource> listFilters() {
      List<PermissionResource.DataCellsFilterResource> filters = new ArrayList<>();
      for (TableResource table : tables) {
        String token = null;
        do {
          String page = token;
          ListDataCellsFilterResponse response =
              call(
                  "ListDataCellsFilter " + table.qualifiedName(),
                  () ->
                      client.listDataCellsFilter(
                          request ->
                              request
                                  .table(
                                      software.amazon.awssdk.services.lakeformation.model
                                          .TableResource.builder()
                                          .catalogId(table.catalogId())
                                          .databaseName(table.database())
                                          .name(table.table())
                                          .build())
                                  .nextToken(page)));
          response
              .dataCellsFilters()
              .forEach(
                  filter ->
                      filters.add(
                          new PermissionResource.DataCellsFilterResource(
                              new TableResource(
                                  filter.tableCatalogId(),
                                  filter.databaseName(),
                                  filter.tableName()),
                              filter.name())));
          token = response.nextToken();
        } while (token != null && !token.isEmpty());
      }
      return filters;
    }

    List<LakeFormationPermission> listPermissions(
        List<PermissionResource.DataCellsFilterResource> filters) {
      Set<LakeFormationPermission> current = new LinkedHashSet<>();
      for (TableResource table : tables) {
        current.addAll(
            listPermissions(table.catalogId(), tableResource(table), table.qualifiedName()));
      }
      for (PermissionResource.DataCellsFilterResource filter : filters) {
        Resource resource =
            Resource.builder()
                .dataCellsFilter(
                    DataCellsFilterResource.builder()
                        .tableCatalogId(filter.table().catalogId())
                        .databaseName(filter.table().database())
                        .tableName(filter.table().table())
                        .name(filter.name())
                        .build())
                .build();
        current.addAll(
            listPermissions(
                filter.table().catalogId(),
                resource,
                filter.table().qualifiedName() + "." + filter.name()));
      }
      return List.copyOf(current);
    }

    private List<LakeFormationPermission> listPermissions(
        String catalogId, Resource resource, String name) {
      List<LakeFormationPermission> permissions = new ArrayList<>();
      String token = null;
      do {
        String page = token;
        ListPermissionsResponse response =
            call(
                "ListPermissions " + name,
                () ->
                    client.listPermissions(
                        request ->
                            request.catalogId(catalogId).resource(resource).nextToken(page)));
        response
            .principalResourcePermissions()
            .forEach(
                item ->
                    LakeFormationDiff.readPermission(LakeFormationSdkModel.listed(item))
                        .flatMap(this::managed)
                        .ifPresent(permissions::add));
        token = response.nextToken();
      } while (token != null && !token.isEmpty());
      return permissions;
    }

    /** The part of a held permission the platform manages, if any. */
    private Optional<LakeFormationPermission> managed(LakeFormationPermission held) {
      if (ignoredPrincipals.contains(held.principal())) {
        return Optional.empty();
      }
      List<String> permissions =
          held.permissions().stream().filter(managedPermissions::contains).toList();
      List<String> grantable =
          held.permissionsWithGrantOption().stream().filter(managedPermissions::contains).toList();
      if (permissions.isEmpty() && grantable.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new LakeFormationPermission(
              held.id(), held.principal(), held.resource(), permissions, grantable));
    }

    void deleteFilters(LakeFormationDiff.FilterChanges changes) {
      List<ObjectNode> requests = changes.deleteDataCellsFilterRequests();
      for (int index = 0; index < requests.size(); index++) {
        PermissionResource.DataCellsFilterResource filter = changes.delete().get(index);
        String name = filter.table().qualifiedName() + "." + filter.name();
        ObjectNode request = requests.get(index);
        try {
          client.deleteDataCellsFilter(LakeFormationSdkModel.deleteDataCellsFilter(request));
        } catch (EntityNotFoundException gone) {
          log.accept("data cells filter " + name + " was already gone");
          continue;
        } catch (LakeFormationException failed) {
          throw failure("DeleteDataCellsFilter " + name, failed);
        }
        filtersDeleted.add(name);
        log.accept("data cells filter " + name + " deleted");
      }
    }

    void createFilters(LakeFormationDiff.FilterChanges changes) {
      List<ObjectNode> requests = changes.createDataCellsFilterRequests();
      for (int index = 0; index < requests.size(); index++) {
        var filter = changes.create().get(index);
        String name = filter.table().qualifiedName() + "." + filter.name();
        ObjectNode request = requests.get(index);
        try {
          client.createDataCellsFilter(LakeFormationSdkModel.createDataCellsFilter(request));
        } catch (AlreadyExistsException exists) {
          // Its name is a hash of its content, so an existing filter of that name is this filter.
          log.accept("data cells filter " + name + " already exists");
          continue;
        } catch (LakeFormationException failed) {
          throw failure("CreateDataCellsFilter " + name, failed);
        }
        filtersCreated.add(name);
        log.accept("data cells filter " + name + " created: " + filter.filterExpression());
      }
    }

    void batches(
        String operation,
        List<ObjectNode> requests,
        Collection<LakeFormationPermission> permissions,
        List<LakeFormationPermission> applied) {
      Map<String, LakeFormationPermission> byId = new LinkedHashMap<>();
      permissions.forEach(permission -> byId.put(permission.id(), permission));
      for (ObjectNode request : requests) {
        List<BatchPermissionsRequestEntry> entries = new ArrayList<>();
        request.path("Entries").forEach(entry -> entries.add(LakeFormationSdkModel.entry(entry)));
        String catalogId = request.path("CatalogId").asText();
        List<BatchPermissionsFailureEntry> failures =
            operation.equals(GRANT)
                ? call(
                        operation,
                        () ->
                            client.batchGrantPermissions(
                                BatchGrantPermissionsRequest.builder()
                                    .catalogId(catalogId)
                                    .entries(entries)
                                    .build()))
                    .failures()
                : call(
                        operation,
                        () ->
                            client.batchRevokePermissions(
                                BatchRevokePermissionsRequest.builder()
                                    .catalogId(catalogId)
                                    .entries(entries)
                                    .build()))
                    .failures();
        Set<String> failed = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        for (BatchPermissionsFailureEntry failure : failures) {
          BatchPermissionsRequestEntry entry = failure.requestEntry();
          String id = entry == null ? "?" : entry.id();
          String principal =
              entry == null || entry.principal() == null
                  ? "?"
                  : entry.principal().dataLakePrincipalIdentifier();
          failed.add(id);
          if (isMissingPrincipal(failure.error())) {
            skipped.add(
                new LakeFormationReconcileReport.SkippedEntry(
                    operation, id, principal, describe(failure.error())));
            log.accept(
                operation
                    + " skipped entry '"
                    + id
                    + "': principal "
                    + principal
                    + " does not exist ("
                    + describe(failure.error())
                    + ")");
          } else {
            errors.add(
                "entry '"
                    + id
                    + "' (principal "
                    + principal
                    + ", "
                    + describeResource(entry)
                    + "): "
                    + describe(failure.error()));
          }
        }
        for (BatchPermissionsRequestEntry entry : entries) {
          if (!failed.contains(entry.id())) {
            LakeFormationPermission permission = byId.get(entry.id());
            applied.add(permission);
            log.accept(
                (operation.equals(GRANT) ? "granted " : "revoked ")
                    + permission.permissions()
                    + " to "
                    + permission.principal()
                    + " on "
                    + describeResource(entry)
                    + " ("
                    + entry.id()
                    + ")");
          }
        }
        if (!errors.isEmpty()) {
          throw new LakeFormationEnforcementException(
              operation + " refused " + errors.size() + " entries: " + String.join("; ", errors));
        }
      }
    }

    LakeFormationReconcileReport report() {
      return new LakeFormationReconcileReport(
          tagsCreated,
          tagValuesAdded,
          tagsAttached,
          revoked,
          filtersDeleted,
          filtersCreated,
          granted,
          skipped);
    }
  }

  private static Resource tableResource(TableResource table) {
    return Resource.builder()
        .table(
            software.amazon.awssdk.services.lakeformation.model.TableResource.builder()
                .catalogId(table.catalogId())
                .databaseName(table.database())
                .name(table.table())
                .build())
        .build();
  }

  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (LakeFormationException failed) {
      throw failure(what, failed);
    }
  }

  private static LakeFormationEnforcementException failure(
      String what, LakeFormationException failed) {
    String code =
        failed.awsErrorDetails() == null ? "" : failed.awsErrorDetails().errorCode() + ": ";
    String message =
        failed.awsErrorDetails() == null
            ? failed.getMessage()
            : failed.awsErrorDetails().errorMessage();
    return new LakeFormationEnforcementException(what + " failed: " + code + message, failed);
  }

  private static String describe(ErrorDetail error) {
    if (error == null) {
      return "no error detail";
    }
    return error.errorCode() + ": " + error.errorMessage();
  }

  private static String describeResource(BatchPermissionsRequestEntry entry) {
    if (entry == null || entry.resource() == null) {
      return "unknown resource";
    }
    Resource resource = entry.resource();
    if (resource.tableWithColumns() != null) {
      var table = resource.tableWithColumns();
      String columns =
          table.columnWildcard() != null
              ? "all columns but " + table.columnWildcard().excludedColumnNames()
              : "columns " + table.columnNames();
      return "table " + table.databaseName() + "." + table.name() + " " + columns;
    }
    if (resource.dataCellsFilter() != null) {
      var filter = resource.dataCellsFilter();
      return "data cells filter "
          + filter.databaseName()
          + "."
          + filter.tableName()
          + "."
          + filter.name();
    }
    if (resource.table() != null) {
      return "table " + resource.table().databaseName() + "." + resource.table().name();
    }
    return resource.toString();
  }
}
