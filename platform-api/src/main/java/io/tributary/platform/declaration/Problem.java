package io.tributary.platform.declaration;

import java.util.Objects;

/**
 * One thing wrong with a declaration, or with a change to one.
 *
 * @param pointer where: an RFC 6901 JSON pointer into the document, such as {@code
 *     /spec/table/columns/3/type}; the empty string means the whole document. A missing required
 *     field is reported at the pointer where it should have been.
 * @param message what is wrong, in plain English, naming the offending value
 */
public record Problem(String pointer, String message) {

  public Problem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
  }
}
