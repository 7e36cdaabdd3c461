package io.tributary.platform.api;

/** Every error the API answers with, its HTTP status and the title clients see. */
public enum ErrorCode {
  INVALID_DECLARATION(422, "The declaration is not valid"),
  INVALID_REQUEST(400, "The request is not valid"),
  FORBIDDEN(403, "Not allowed"),
  NOT_FOUND(404, "Not found"),
  CONFLICT(409, "Conflicts with the current state"),
  INCOMPATIBLE_CHANGE(409, "A breaking change needs a new major version"),
  STALE_REVISION(412, "The resource changed since it was read"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  ENGINE_ERROR(502, "The query engine refused the query"),
  INVALID_RECORDS(422, "The records are not valid"),
  IDEMPOTENCY_KEY_REUSED(422, "The idempotency key names another batch"),
  PAYLOAD_TOO_LARGE(413, "The request is too large"),
  INTERNAL(500, "Internal error");

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem type URI, stable for clients to switch on. */
  public String type() {
    return "https://tributary.io/problems/" + name().toLowerCase().replace('_', '-');
  }
}
