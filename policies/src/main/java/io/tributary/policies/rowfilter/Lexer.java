package io.tributary.policies.rowfilter;

import io.tributary.policies.rowfilter.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits row-filter text into tokens. Keywords are not told apart here: the parser does that. */
final class Lexer {
  private final String text;
  private int offset;

  private Lexer(String text) {
    this.text = text;
  }

  /** The tokens of the text, ending with an END token or, at the first unreadable text, INVALID. */
  static List<Token> tokenize(String text) {
    Lexer lexer = new Lexer(text);
    List<Token> tokens = new ArrayList<>();
    while (true) {
      Token token = lexer.next();
      tokens.add(token);
      if (token.kind() == Kind.END || token.kind() == Kind.INVALID) {
        return tokens;
      }
    }
  }

  private Token next() {
    while (offset < text.length() && isWhitespace(text.charAt(offset))) {
      offset++;
    }
    int start = offset;
    if (offset >= text.length()) {
      return new Token(Kind.END, "", start + 1);
    }
    char character = text.charAt(offset);
    if (isIdentifierStart(character)) {
      return identifier(start);
    }
    if (isDigit(character)) {
      return number(start);
    }
    return switch (character) {
      case '\'' -> string(start);
      case '"' -> quotedIdentifier(start);
      case '<' -> symbol(start, lookingAt("<=") ? "<=" : lookingAt("<>") ? "<>" : "<");
      case '>' -> symbol(start, lookingAt(">=") ? ">=" : ">");
      case '=', '(', ')', ',' -> symbol(start, String.valueOf(character));
      case '-' -> lookingAt("--") ? invalid(start, "comments are not allowed") : symbol(start, "-");
      case '!' ->
          lookingAt("!=")
              ? invalid(start, "'!=' is not part of the language; use '<>'")
              : unexpectedCharacter(start);
      case '/' ->
          lookingAt("/*")
              ? invalid(start, "comments are not allowed")
              : invalid(start, "arithmetic is not allowed: /");
      case '+', '*', '%' -> invalid(start, "arithmetic is not allowed: " + character);
      case '|' ->
          lookingAt("||")
              ? invalid(start, "string concatenation is not allowed: ||")
              : unexpectedCharacter(start);
      case '.' ->
          offset + 1 < text.length() && isDigit(text.charAt(offset + 1))
              ? invalid(start, "a decimal needs a digit before its point, as in 0.5")
              : symbol(start, ".");
      case '?' -> invalid(start, "parameters are not allowed: ?");
      default -> unexpectedCharacter(start);
    };
  }

  private Token identifier(int start) {
    while (offset < text.length() && isIdentifierPart(text.charAt(offset))) {
      offset++;
    }
    if (offset < text.length() && Character.isLetterOrDigit(text.codePointAt(offset))) {
      return invalid(
          offset,
          "unexpected character '"
              + Character.toString(text.codePointAt(offset))
              + "'; a column name with characters other than a-z, 0-9 and _ needs double quotes");
    }
    return new Token(
        Kind.IDENTIFIER, text.substring(start, offset).toLowerCase(Locale.ROOT), start + 1);
  }

  private Token number(int start) {
    while (offset < text.length() && isDigit(text.charAt(offset))) {
      offset++;
    }
    Kind kind = Kind.INTEGER;
    if (offset < text.length() && text.charAt(offset) == '.') {
      offset++;
      if (offset >= text.length() || !isDigit(text.charAt(offset))) {
        return invalid(start, "a decimal needs a digit after its point, as in 5.0");
      }
      while (offset < text.length() && isDigit(text.charAt(offset))) {
        offset++;
      }
      kind = Kind.DECIMAL;
    }
    if (offset < text.length()) {
      char following = text.charAt(offset);
      if (following == 'e' || following == 'E') {
        return invalid(start, "exponent notation is not allowed; write the number out in full");
      }
      if (isIdentifierPart(following) || Character.isLetter(following)) {
        return invalid(offset, "unexpected character '" + following + "' after a number");
      }
    }
    return new Token(kind, text.substring(start, offset), start + 1);
  }

  private Token string(int start) {
    String content = quoted(start, '\'');
    if (content == null) {
      return invalid(start, "unterminated string: a closing ' is missing");
    }
    return new Token(Kind.STRING, content, start + 1);
  }

  private Token quotedIdentifier(int start) {
    String content = quoted(start, '"');
    if (content == null) {
      return invalid(start, "unterminated quoted column name: a closing \" is missing");
    }
    if (content.isEmpty()) {
      return invalid(start, "a quoted column name cannot be empty");
    }
    return new Token(Kind.QUOTED_IDENTIFIER, content, start + 1);
  }

  /** Reads from the opening quote to the closing one, where a doubled quote stands for itself. */
  private String quoted(int start, char quote) {
    StringBuilder content = new StringBuilder();
    offset = start + 1;
    while (offset < text.length()) {
      char character = text.charAt(offset++);
      if (character != quote) {
        content.append(character);
      } else if (offset < text.length() && text.charAt(offset) == quote) {
        content.append(quote);
        offset++;
      } else {
        return content.toString();
      }
    }
    return null;
  }

  private boolean lookingAt(String expected) {
    return text.startsWith(expected, offset);
  }

  private Token symbol(int start, String symbol) {
    offset = start + symbol.length();
    return new Token(Kind.SYMBOL, symbol, start + 1);
  }

  private Token unexpectedCharacter(int start) {
    return invalid(
        start, "unexpected character '" + Character.toString(text.codePointAt(start)) + "'");
  }

  private static Token invalid(int start, String message) {
    return new Token(Kind.INVALID, message, start + 1);
  }

  private static boolean isWhitespace(char character) {
    return character == ' ' || character == '\t' || character == '\n' || character == '\r';
  }

  private static boolean isDigit(char character) {
    return character >= '0' && character <= '9';
  }

  private static boolean isIdentifierStart(char character) {
    return (character >= 'a' && character <= 'z')
        || (character >= 'A' && character <= 'Z')
        || character == '_';
  }

  private static boolean isIdentifierPart(char character) {
    return isIdentifierStart(character) || isDigit(character);
  }
}
