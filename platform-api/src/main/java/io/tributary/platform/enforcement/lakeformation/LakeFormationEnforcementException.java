package io.tributary.platform.enforcement.lakeformation;

/**
 * A reconcile that could not finish: a batch entry Lake Formation refused for a reason other than a
 * principal that no longer exists, or a call that failed. What was applied before stays applied;
 * running the reconcile again continues from there.
 */
public class LakeFormationEnforcementException extends RuntimeException {
  public LakeFormationEnforcementException(String message) {
    super(message);
  }

  public LakeFormationEnforcementException(String message, Throwable cause) {
    super(message, cause);
  }
}
