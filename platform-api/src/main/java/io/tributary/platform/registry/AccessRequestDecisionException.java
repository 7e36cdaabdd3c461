package io.tributary.platform.registry;

/**
 * A decision does not fit the request's current status, such as approving it twice or revoking a
 * rejected one. Nothing was written. Rendered as 409.
 */
public final class AccessRequestDecisionException extends RegistryException {
  public AccessRequestDecisionException(
      AccessRequestId id, AccessRequestStatus current, AccessRequestStatus wanted) {
    super(
        "registry.access_request_decided",
        409,
        "access request %s is %s and cannot become %s"
            .formatted(id, current.name().toLowerCase(), wanted.name().toLowerCase()),
        null);
  }
}
