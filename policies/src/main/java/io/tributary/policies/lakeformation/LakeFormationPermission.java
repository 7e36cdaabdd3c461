package io.tributary.policies.lakeformation;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One {@code BatchPermissionsRequestEntry}: a principal's permissions on a resource.
 *
 * @param id the entry's {@code Id}, unique within a request; it names the grant, so it is also the
 *     key of the grant in the Terraform variables. It is not part of what the permission means:
 *     {@link LakeFormationDiff} ignores it.
 * @param principal the {@code DataLakePrincipalIdentifier}: an IAM role or Identity Center ARN
 * @param resource what is granted on
 * @param permissions the permissions ({@code SELECT}), sorted
 * @param permissionsWithGrantOption the permissions the principal may pass on, sorted
 */
public record LakeFormationPermission(
    String id,
    String principal,
    PermissionResource resource,
    List<String> permissions,
    List<String> permissionsWithGrantOption) {
  public LakeFormationPermission {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(resource, "resource");
    permissions = List.copyOf(new TreeSet<>(permissions));
    permissionsWithGrantOption = List.copyOf(new TreeSet<>(permissionsWithGrantOption));
  }

  /** {@code SELECT} without grant option: what a product grant compiles to. */
  public static LakeFormationPermission select(
      String id, String principal, PermissionResource resource) {
    return new LakeFormationPermission(id, principal, resource, List.of("SELECT"), List.of());
  }
}
