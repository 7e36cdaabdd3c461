package io.tributary.lakehouse.mesh;

import java.util.List;
import java.util.Objects;

/**
 * An {@code application/problem+json} answer of the platform API (RFC 9457), or the same shape made
 * up on this side when the API could not be reached or did not answer with one.
 *
 * @param errors for a refused declaration, each problem with the JSON pointer of its value
 */
public record ApiProblem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public ApiProblem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    errors = List.copyOf(errors);
  }

  /** A problem met before or outside the API, such as a refused connection. */
  public static ApiProblem local(String title, String detail) {
    return new ApiProblem("about:blank", title, 0, detail, List.of());
  }

  /** The line shown to the user: status, then the most specific text the API gave. */
  public String summary() {
    String text = detail.isBlank() ? title : detail;
    return status > 0 ? status + " " + text : text;
  }

  /** One problem in a refused declaration: where ({@code /spec/table/columns/3/type}) and what. */
  public record FieldError(String pointer, String message) {
    public FieldError {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(message, "message");
    }

    /** The pointer as the user reads it: the empty pointer is the whole document. */
    public String describe() {
      return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
  }
}
