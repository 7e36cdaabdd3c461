package io.tributary.policies.rowfilter;

import io.tributary.policies.rowfilter.Literal.BooleanLiteral;
import io.tributary.policies.rowfilter.Literal.DateLiteral;
import io.tributary.policies.rowfilter.Literal.DecimalLiteral;
import io.tributary.policies.rowfilter.Literal.IntegerLiteral;
import io.tributary.policies.rowfilter.Literal.StringLiteral;
import io.tributary.policies.rowfilter.Literal.TimestampLiteral;
import io.tributary.policies.rowfilter.RowFilterExpression.And;
import io.tributary.policies.rowfilter.RowFilterExpression.Between;
import io.tributary.policies.rowfilter.RowFilterExpression.Column;
import io.tributary.policies.rowfilter.RowFilterExpression.Comparison;
import io.tributary.policies.rowfilter.RowFilterExpression.In;
import io.tributary.policies.rowfilter.RowFilterExpression.IsNull;
import io.tributary.policies.rowfilter.RowFilterExpression.Like;
import io.tributary.policies.rowfilter.RowFilterExpression.Not;
import io.tributary.policies.rowfilter.RowFilterExpression.Or;
import io.tributary.policies.rowfilter.Token.Kind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of the row-filter language:
 *
 * <pre>
 * filter      = disjunction END
 * disjunction = conjunction { OR conjunction }
 * conjunction = negation { AND negation }
 * negation    = NOT negation | primary
 * primary     = '(' disjunction ')' | predicate
 * predicate   = column ( comparison literal
 *                      | [NOT] IN '(' literal { ',' literal } ')'
 *                      | [NOT] BETWEEN literal AND literal
 *                      | [NOT] LIKE string
 *                      | IS [NOT] NULL )
 * comparison  = '=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * column      = identifier | quoted-identifier
 * literal     = ['-'] integer | ['-'] decimal | string | TRUE | FALSE
 *             | DATE string | TIMESTAMP string
 * </pre>
 *
 * <p>Besides the tree, it records where each column, literal and operator stood in the text, so
 * that checking against a table can point at the offending spot.
 */
final class Parser {
  /**
   * Parentheses and NOTs nested deeper than this are refused, so no input can exhaust the stack.
   */
  static final int MAXIMUM_NESTING = 64;

  private static final int MAXIMUM_DECIMAL_DIGITS = 38;

  private static final Set<String> LANGUAGE_KEYWORDS =
      Set.of("and", "or", "not", "in", "between", "like", "is", "null", "true", "false");

  private static final Set<String> SUBQUERY_WORDS =
      Set.of("select", "with", "exists", "values", "table", "from", "where", "unnest", "lateral");

  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          "current_date",
          "current_time",
          "current_timestamp",
          "localtime",
          "localtimestamp",
          "current_user",
          "current_role",
          "current_path",
          "current_schema",
          "current_catalog",
          "cast",
          "try_cast",
          "extract",
          "trim",
          "normalize",
          "listagg",
          "json_array",
          "json_exists",
          "json_object",
          "json_query",
          "json_table",
          "json_value");

  private static final Set<String> CASE_WORDS = Set.of("case", "when", "then", "else", "end");

  /** The rest of Trino's reserved words: unquoted, they would not read as column names there. */
  private static final Set<String> OTHER_RESERVED_WORDS =
      Set.of(
          "alter",
          "as",
          "by",
          "constraint",
          "create",
          "cross",
          "cube",
          "deallocate",
          "delete",
          "describe",
          "distinct",
          "drop",
          "escape",
          "except",
          "execute",
          "for",
          "full",
          "group",
          "grouping",
          "having",
          "inner",
          "insert",
          "intersect",
          "into",
          "join",
          "left",
          "natural",
          "on",
          "order",
          "outer",
          "prepare",
          "recursive",
          "right",
          "rollup",
          "skip",
          "uescape",
          "union",
          "using");

  private static final Pattern DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private static final Pattern TIMESTAMP_TEXT =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");

  /** The parsed tree and the 1-based position of each column, literal and predicate in it. */
  record Result(RowFilterExpression expression, Map<Object, Integer> positions) {}

  private final List<Token> tokens;
  private final Map<Object, Integer> positions = new IdentityHashMap<>();
  private int index;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Result parse(String text) {
    return new Parser(Lexer.tokenize(text)).parseFilter();
  }

  private Result parseFilter() {
    if (peek().kind() == Kind.END) {
      throw error(peek(), "the filter is empty");
    }
    RowFilterExpression expression = parseDisjunction(0);
    Token next = peek();
    if (next.isSymbol(")")) {
      throw error(next, "unexpected ')' without a matching '('");
    }
    if (next.kind() != Kind.END) {
      throw unexpectedAfterCondition(next, "the end of the filter");
    }
    return new Result(expression, positions);
  }

  private RowFilterExpression parseDisjunction(int depth) {
    List<RowFilterExpression> operands = new ArrayList<>();
    operands.add(parseConjunction(depth));
    while (peek().isKeyword("or")) {
      advance();
      operands.add(parseConjunction(depth));
    }
    return operands.size() == 1 ? operands.getFirst() : new Or(operands);
  }

  private RowFilterExpression parseConjunction(int depth) {
    List<RowFilterExpression> operands = new ArrayList<>();
    operands.add(parseNegation(depth));
    while (peek().isKeyword("and")) {
      advance();
      operands.add(parseNegation(depth));
    }
    return operands.size() == 1 ? operands.getFirst() : new And(operands);
  }

  private RowFilterExpression parseNegation(int depth) {
    if (peek().isKeyword("not")) {
      Token not = advance();
      requireNesting(not, depth + 1);
      return new Not(parseNegation(depth + 1));
    }
    return parsePrimary(depth);
  }

  private RowFilterExpression parsePrimary(int depth) {
    if (peek().isSymbol("(")) {
      Token open = advance();
      requireNesting(open, depth + 1);
      RowFilterExpression inner = parseDisjunction(depth + 1);
      Token close = peek();
      if (!close.isSymbol(")")) {
        throw unexpectedAfterCondition(close, "')'");
      }
      advance();
      return inner;
    }
    return parsePredicate();
  }

  private RowFilterExpression parsePredicate() {
    Column column = parseColumn();
    Token operator = peek();
    if (operator.kind() == Kind.SYMBOL) {
      ComparisonOperator comparison = ComparisonOperator.fromSymbol(operator.text());
      if (comparison != null) {
        advance();
        Literal literal = parseLiteral("after '" + operator.text() + "'");
        return recordPosition(new Comparison(column, comparison, literal), operator);
      }
      if (operator.isSymbol("-")) {
        throw error(operator, "arithmetic is not allowed: -");
      }
    }
    boolean negated = false;
    if (operator.isKeyword("not")) {
      advance();
      Token next = peek();
      if (!next.isKeyword("in") && !next.isKeyword("between") && !next.isKeyword("like")) {
        throw error(next, "expected IN, BETWEEN or LIKE after NOT but found " + describe(next));
      }
      negated = true;
    }
    Token keyword = peek();
    if (keyword.isKeyword("in")) {
      advance();
      return recordPosition(new In(column, parseInList(), negated), operator);
    }
    if (keyword.isKeyword("between")) {
      advance();
      Literal lower = parseLiteral("after BETWEEN");
      Token and = peek();
      if (!and.isKeyword("and")) {
        throw error(and, "expected AND between the bounds of BETWEEN but found " + describe(and));
      }
      advance();
      Literal upper = parseLiteral("after AND");
      return recordPosition(new Between(column, lower, upper, negated), operator);
    }
    if (keyword.isKeyword("like")) {
      advance();
      Token pattern = peek();
      if (pattern.kind() != Kind.STRING) {
        throw error(
            pattern, "LIKE needs a pattern in single quotes but found " + describe(pattern));
      }
      advance();
      if (peek().isKeyword("escape")) {
        throw error(peek(), "ESCAPE is not supported: % and _ are always wildcards");
      }
      return recordPosition(new Like(column, pattern.text(), negated), operator);
    }
    if (keyword.isKeyword("is")) {
      advance();
      boolean notNull = false;
      if (peek().isKeyword("not")) {
        advance();
        notNull = true;
      }
      Token nullKeyword = peek();
      if (!nullKeyword.isKeyword("null")) {
        throw error(
            nullKeyword,
            "expected NULL after IS"
                + (notNull ? " NOT" : "")
                + " but found "
                + describe(nullKeyword));
      }
      advance();
      return recordPosition(new IsNull(column, notNull), operator);
    }
    throw error(
        operator,
        "expected an operator after column '"
            + column.name()
            + "' but found "
            + describe(operator));
  }

  private List<Literal> parseInList() {
    Token open = peek();
    if (!open.isSymbol("(")) {
      throw error(open, "expected '(' after IN but found " + describe(open));
    }
    advance();
    List<Literal> literals = new ArrayList<>();
    while (true) {
      literals.add(parseLiteral("in the IN list"));
      Token separator = peek();
      if (separator.isSymbol(")")) {
        advance();
        return literals;
      }
      if (!separator.isSymbol(",")) {
        throw error(
            separator, "expected ',' or ')' in the IN list but found " + describe(separator));
      }
      advance();
    }
  }

  private Column parseColumn() {
    Token token = peek();
    Column column =
        switch (token.kind()) {
          case IDENTIFIER -> {
            rejectNonColumnWord(token);
            yield new Column(token.text());
          }
          case QUOTED_IDENTIFIER -> {
            if (peek(1).isSymbol("(")) {
              throw error(token, "functions are not allowed: \"" + token.text() + "\"(");
            }
            yield new Column(token.text());
          }
          case INTEGER, DECIMAL, STRING ->
              throw error(
                  token,
                  "expected a column name but found "
                      + describe(token)
                      + "; write conditions as column operator literal");
          case SYMBOL ->
              throw token.isSymbol("-")
                  ? error(token, "arithmetic is not allowed: -")
                  : error(token, "expected a condition but found " + describe(token));
          default -> throw error(token, "expected a condition but found " + describe(token));
        };
    advance();
    if (peek().isSymbol(".")) {
      throw error(token, "qualified and nested column names are not supported");
    }
    positions.put(column, token.position());
    return column;
  }

  /** Explains why an unquoted word where a column belongs cannot be one. */
  private void rejectNonColumnWord(Token token) {
    String word = token.text();
    Token following = peek(1);
    rejectReservedWord(token);
    if (following.isSymbol("(")) {
      throw error(token, "functions are not allowed: " + word + "(");
    }
    if (following.kind() == Kind.STRING
        || word.equals("true")
        || word.equals("false")
        || word.equals("null")) {
      throw error(
          token,
          "expected a column name but found the literal "
              + word.toUpperCase(Locale.ROOT)
              + "; write conditions as column operator literal");
    }
    if (LANGUAGE_KEYWORDS.contains(word)) {
      throw error(token, "expected a condition but found " + word.toUpperCase(Locale.ROOT));
    }
  }

  private void rejectReservedWord(Token token) {
    String word = token.text();
    if (SUBQUERY_WORDS.contains(word)) {
      throw error(
          token,
          "subqueries are not allowed: " + word.toUpperCase(Locale.ROOT) + " is not a condition");
    }
    if (FUNCTION_WORDS.contains(word)) {
      throw error(token, "functions are not allowed: " + word + (peek(1).isSymbol("(") ? "(" : ""));
    }
    if (CASE_WORDS.contains(word)) {
      throw error(token, "CASE expressions are not allowed");
    }
    if (OTHER_RESERVED_WORDS.contains(word)) {
      throw error(
          token, "'" + word + "' is a reserved word; write a column of that name in double quotes");
    }
  }

  private Literal parseLiteral(String where) {
    Token token = peek();
    Literal literal =
        switch (token.kind()) {
          case INTEGER -> integer(token, token.text());
          case DECIMAL -> decimal(token, token.text());
          case STRING -> new StringLiteral(token.text());
          case SYMBOL -> symbolWhereLiteralBelongs(token, where);
          case IDENTIFIER -> wordWhereLiteralBelongs(token, where);
          case QUOTED_IDENTIFIER ->
              throw error(
                  token,
                  "expected a literal "
                      + where
                      + " but found "
                      + describe(token)
                      + "; strings take single quotes");
          default ->
              throw error(token, "expected a literal " + where + " but found " + describe(token));
        };
    advance();
    positions.put(literal, token.position());
    return literal;
  }

  /** A minus sign makes a negative number; every other symbol is out of place. */
  private Literal symbolWhereLiteralBelongs(Token token, String where) {
    if (token.isSymbol("-")) {
      Token number = peek(1);
      if (number.kind() == Kind.INTEGER || number.kind() == Kind.DECIMAL) {
        advance();
        return number.kind() == Kind.INTEGER
            ? integer(token, "-" + number.text())
            : decimal(token, "-" + number.text());
      }
      throw error(token, "arithmetic is not allowed: -");
    }
    if (token.isSymbol("(") && peek(1).kind() == Kind.IDENTIFIER) {
      rejectReservedWord(peek(1));
    }
    throw error(token, "expected a literal " + where + " but found " + describe(token));
  }

  private Literal wordWhereLiteralBelongs(Token token, String where) {
    String word = token.text();
    Token following = peek(1);
    switch (word) {
      case "true" -> {
        return new BooleanLiteral(true);
      }
      case "false" -> {
        return new BooleanLiteral(false);
      }
      case "null" -> throw error(token, "NULL cannot be compared with; use IS NULL or IS NOT NULL");
      default -> {}
    }
    rejectReservedWord(token);
    if (following.isSymbol("(")) {
      throw error(token, "functions are not allowed: " + word + "(");
    }
    if (following.kind() == Kind.STRING) {
      advance();
      return switch (word) {
        case "date" -> date(token, following.text());
        case "timestamp" -> timestamp(token, following.text());
        default ->
            throw error(
                token,
                word.toUpperCase(Locale.ROOT)
                    + " literals are not supported; only DATE and TIMESTAMP are");
      };
    }
    throw error(token, "expected a literal " + where + " but found " + describe(token));
  }

  private Literal integer(Token token, String digits) {
    try {
      return new IntegerLiteral(Long.parseLong(digits));
    } catch (NumberFormatException outOfRange) {
      throw error(token, "the integer " + digits + " is outside the 64-bit range");
    }
  }

  private Literal decimal(Token token, String digits) {
    BigDecimal number = new BigDecimal(digits);
    if (Math.max(number.precision(), number.scale()) > MAXIMUM_DECIMAL_DIGITS) {
      throw error(
          token, "the decimal " + digits + " has more than " + MAXIMUM_DECIMAL_DIGITS + " digits");
    }
    return new DecimalLiteral(number);
  }

  private Literal date(Token token, String text) {
    try {
      if (DATE_TEXT.matcher(text).matches()) {
        return new DateLiteral(LocalDate.parse(text));
      }
    } catch (DateTimeException | IllegalArgumentException invalid) {
      // reported below, with the format the reader should use
    }
    throw error(token, "invalid date '" + text + "': write DATE 'yyyy-mm-dd'");
  }

  private Literal timestamp(Token token, String text) {
    Matcher matcher = TIMESTAMP_TEXT.matcher(text);
    try {
      if (matcher.matches()) {
        String fraction = matcher.group(5) == null ? "" : matcher.group(5);
        int nanoseconds =
            fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        LocalTime time =
            LocalTime.of(
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)),
                Integer.parseInt(matcher.group(4)),
                nanoseconds);
        return new TimestampLiteral(LocalDateTime.of(LocalDate.parse(matcher.group(1)), time));
      }
    } catch (DateTimeException | IllegalArgumentException invalid) {
      // reported below, with the format the reader should use
    }
    throw error(
        token,
        "invalid timestamp '"
            + text
            + "': write TIMESTAMP 'yyyy-mm-dd hh:mm:ss' with up to 6 fractional digits");
  }

  private RowFilterException unexpectedAfterCondition(Token token, String expectedEnd) {
    if (token.isSymbol("-")) {
      return error(token, "arithmetic is not allowed: -");
    }
    return error(token, "expected AND, OR or " + expectedEnd + " but found " + describe(token));
  }

  private void requireNesting(Token token, int depth) {
    if (depth > MAXIMUM_NESTING) {
      throw error(token, "the filter nests deeper than " + MAXIMUM_NESTING + " levels");
    }
  }

  private <T extends RowFilterExpression> T recordPosition(T predicate, Token operator) {
    positions.put(predicate, operator.position());
    return predicate;
  }

  private Token peek() {
    return peek(0);
  }

  /**
   * The token {@code ahead} places from the current one. Looking at unreadable text reports it:
   * everything before it has been read by then, so it is the first problem in the text.
   */
  private Token peek(int ahead) {
    Token token = tokens.get(Math.min(index + ahead, tokens.size() - 1));
    if (token.kind() == Kind.INVALID) {
      throw new RowFilterException(token.position(), token.text());
    }
    return token;
  }

  private Token advance() {
    Token token = peek();
    index = Math.min(index + 1, tokens.size() - 1);
    return token;
  }

  private static String describe(Token token) {
    return switch (token.kind()) {
      case IDENTIFIER ->
          LANGUAGE_KEYWORDS.contains(token.text())
              ? token.text().toUpperCase(Locale.ROOT)
              : "column '" + token.text() + "'";
      case QUOTED_IDENTIFIER -> "column \"" + token.text().replace("\"", "\"\"") + "\"";
      case INTEGER, DECIMAL -> "the number " + token.text();
      case STRING -> "the string '" + token.text().replace("'", "''") + "'";
      case SYMBOL -> "'" + token.text() + "'";
      case END -> "the end of the filter";
      case INVALID -> token.text();
    };
  }

  private static RowFilterException error(Token token, String message) {
    return new RowFilterException(token.position(), message);
  }
}
