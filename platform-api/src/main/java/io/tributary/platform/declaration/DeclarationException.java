package io.tributary.platform.declaration;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A declaration was refused; {@link #problems()} lists every reason at once, so a client can fix
 * them all in one round trip. The REST layer renders it as a 422 with {@code errors[]}.
 */
public final class DeclarationException extends RuntimeException {

  private final List<Problem> problems;

  public DeclarationException(List<Problem> problems) {
    super(describe(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DeclarationException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in document order. Never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    return problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + " in the declaration:\n"
        + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n"));
  }
}
