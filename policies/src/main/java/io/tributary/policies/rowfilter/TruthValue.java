package io.tributary.policies.rowfilter;

/** SQL's three truth values: a comparison with NULL is neither true nor false but unknown. */
public enum TruthValue {
  TRUE,
  FALSE,
  UNKNOWN;

  static TruthValue of(boolean truth) {
    return truth ? TRUE : FALSE;
  }

  TruthValue not() {
    return switch (this) {
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      case UNKNOWN -> UNKNOWN;
    };
  }
}
