package io.tributary.policies.rowfilter;

import java.util.Objects;

/**
 * One thing wrong with a row filter.
 *
 * @param position 1-based offset of the offending character in the filter text
 * @param message what is wrong, in plain words
 */
public record RowFilterProblem(int position, String message) {
  public RowFilterProblem {
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return "position " + position + ": " + message;
  }
}
