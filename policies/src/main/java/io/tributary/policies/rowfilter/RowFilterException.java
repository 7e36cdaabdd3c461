package io.tributary.policies.rowfilter;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A row filter that is not in the language, or does not fit the table it filters. Parsing stops at
 * the first problem; checking against a table reports every problem it finds.
 */
public final class RowFilterException extends RuntimeException {
  private final List<RowFilterProblem> problems;

  RowFilterException(int position, String message) {
    this(List.of(new RowFilterProblem(position, message)));
  }

  RowFilterException(List<RowFilterProblem> problems) {
    super(problems.stream().map(RowFilterProblem::toString).collect(Collectors.joining("; ")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a row-filter exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order they occur in the text. */
  public List<RowFilterProblem> problems() {
    return problems;
  }

  /** The 1-based position of the first problem. */
  public int position() {
    return problems.getFirst().position();
  }

  /** The message of the first problem, without its position. */
  public String reason() {
    return problems.getFirst().message();
  }
}
