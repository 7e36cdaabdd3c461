package io.tributary.policies.lakeformation;

import java.util.List;

/**
 * Grants Lake Formation cannot enforce as declared: an unmapped principal, an unknown column, a row
 * filter beyond what Lake Formation accepts, a name over its limits. Every problem of the whole
 * input is listed, each naming its product and grant.
 */
public final class LakeFormationCompileException extends RuntimeException {
  private final List<String> problems;

  LakeFormationCompileException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a compile exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in input order. */
  public List<String> problems() {
    return problems;
  }
}
