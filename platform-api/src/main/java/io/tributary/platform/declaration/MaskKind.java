package io.tributary.platform.declaration;

import java.util.Locale;

/**
 * How a granted column is masked. Lake Formation has no masks, so there a masked column is excluded
 * instead (stricter, never looser); see the policies module.
 */
public enum MaskKind {
  /** A fixed placeholder instead of the value. */
  REDACT,
  /** A one-way hash of the value: rows can still be joined and counted by it. */
  HASH,
  /**
   * NULL instead of the value. Written {@code null} in YAML, which YAML reads as a null value; the
   * parser accepts both that and the string {@code "null"}.
   */
  NULL;

  public String declaredName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
