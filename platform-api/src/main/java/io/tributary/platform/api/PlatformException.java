package io.tributary.platform.api;

import java.util.List;

/** A failure the client can act on, with its stable code and, for validation, every problem. */
public class PlatformException extends RuntimeException {
  private final ErrorCode code;
  private final List<FieldError> errors;

  public PlatformException(ErrorCode code, String detail) {
    this(code, detail, List.of());
  }

  public PlatformException(ErrorCode code, String detail, List<FieldError> errors) {
    super(detail);
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** One problem at a place in the request body, as a JSON pointer. */
  public record FieldError(String pointer, String message) {}

  public static PlatformException forbidden(String detail) {
    return new PlatformException(ErrorCode.FORBIDDEN, detail);
  }

  public static PlatformException notFound(String detail) {
    return new PlatformException(ErrorCode.NOT_FOUND, detail);
  }
}
