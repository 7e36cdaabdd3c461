package io.tributary.policies.rowfilter;

/** The six comparison operators of the row-filter language. */
public enum ComparisonOperator {
  EQUAL("="),
  NOT_EQUAL("<>"),
  LESS_THAN("<"),
  LESS_THAN_OR_EQUAL("<="),
  GREATER_THAN(">"),
  GREATER_THAN_OR_EQUAL(">=");

  private final String symbol;

  ComparisonOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in SQL. */
  public String symbol() {
    return symbol;
  }

  /** Whether the operator asks for an order rather than only for equality. */
  public boolean isOrdering() {
    return this != EQUAL && this != NOT_EQUAL;
  }

  static ComparisonOperator fromSymbol(String symbol) {
    for (ComparisonOperator operator : values()) {
      if (operator.symbol.equals(symbol)) {
        return operator;
      }
    }
    return null;
  }
}
