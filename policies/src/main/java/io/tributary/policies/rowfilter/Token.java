package io.tributary.policies.rowfilter;

/**
 * One token of a row filter.
 *
 * @param kind what the token is
 * @param text for identifiers the lower-cased name, for quoted identifiers and strings the
 *     unescaped content, for numbers the digits as written, for symbols the symbol, and for {@link
 *     Kind#INVALID} the message explaining why the text cannot be read
 * @param position 1-based offset of the token's first character
 */
record Token(Kind kind, String text, int position) {
  enum Kind {
    IDENTIFIER,
    QUOTED_IDENTIFIER,
    INTEGER,
    DECIMAL,
    STRING,
    SYMBOL,
    END,
    /**
     * Text the lexer cannot read; the parser reports it when it gets there, so earlier errors win.
     */
    INVALID
  }

  boolean isKeyword(String keyword) {
    return kind == Kind.IDENTIFIER && text.equals(keyword);
  }

  boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }
}
