package io.tributary.platform.enforcement.lakeformation;

import io.tributary.policies.lakeformation.LakeFormationPermission;
import java.util.List;
import java.util.Objects;

/**
 * What one reconcile changed in Lake Formation.
 *
 * @param tagsCreated the LF-Tag keys created
 * @param tagValuesAdded {@code key=value} for each value added to an LF-Tag that already existed
 * @param tagsAttached the keys ({@code LfTagAssignment.key()}) of the tag assignments applied
 * @param revoked the permissions revoked
 * @param filtersDeleted the data cells filters deleted, as {@code database.table.name}
 * @param filtersCreated the data cells filters created, as {@code database.table.name}
 * @param granted the permissions granted
 * @param skipped the entries left out because their principal does not exist
 */
public record LakeFormationReconcileReport(
    List<String> tagsCreated,
    List<String> tagValuesAdded,
    List<String> tagsAttached,
    List<LakeFormationPermission> revoked,
    List<String> filtersDeleted,
    List<String> filtersCreated,
    List<LakeFormationPermission> granted,
    List<SkippedEntry> skipped) {
  public LakeFormationReconcileReport {
    tagsCreated = List.copyOf(tagsCreated);
    tagValuesAdded = List.copyOf(tagValuesAdded);
    tagsAttached = List.copyOf(tagsAttached);
    revoked = List.copyOf(revoked);
    filtersDeleted = List.copyOf(filtersDeleted);
    filtersCreated = List.copyOf(filtersCreated);
    granted = List.copyOf(granted);
    skipped = List.copyOf(skipped);
  }

  /** Whether the reconcile changed nothing and skipped nothing. */
  public boolean isEmpty() {
    return tagsCreated.isEmpty()
        && tagValuesAdded.isEmpty()
        && tagsAttached.isEmpty()
        && revoked.isEmpty()
        && filtersDeleted.isEmpty()
        && filtersCreated.isEmpty()
        && granted.isEmpty()
        && skipped.isEmpty();
  }

  /**
   * A batch entry Lake Formation refused because its principal does not exist (an IAM role deleted,
   * an Identity Center group removed). It is not an error of the run: the grant is tried again on
   * the next reconcile.
   *
   * @param operation {@code BatchGrantPermissions} or {@code BatchRevokePermissions}
   * @param entryId the entry's {@code Id}
   * @param principal the {@code DataLakePrincipalIdentifier}
   * @param reason Lake Formation's {@code ErrorCode}: {@code ErrorMessage}
   */
  public record SkippedEntry(String operation, String entryId, String principal, String reason) {
    public SkippedEntry {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(entryId, "entryId");
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
