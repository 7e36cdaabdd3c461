package io.tributary.platform.pipeline;

import io.tributary.platform.declaration.ProductReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The query of a SQL-derived product, checked and rewritten at the level of Trino's tokens: string
 * literals, quoted identifiers and comments are recognised, so a name inside them is never taken
 * for a table. A table reference is the name after {@code FROM} or {@code JOIN}, or after a comma
 * in a {@code FROM} list; it must be either a declared input written {@code domain.product} or a
 * name the query's own {@code WITH} clause defines. A full SQL parser (trino-parser) would see the
 * same references; this check refuses anything it cannot place, such as table functions.
 */
public final class DerivedQuery {

  /** What is wrong with a query; the message names the offending text. */
  public static final class InvalidQueryException extends IllegalArgumentException {
    public InvalidQueryException(String message) {
      super(message);
    }
  }

  private enum Kind {
    WORD,
    QUOTED,
    STRING,
    NUMBER,
    SYMBOL
  }

  private record Token(Kind kind, String text, int start, int end) {
    boolean is(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    /** The identifier as Trino resolves it: unquoted names are case-insensitive. */
    String name() {
      return kind == Kind.QUOTED
          ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
          : text.toLowerCase(Locale.ROOT);
    }
  }

  /** One table the query reads: where its name is in the text, and the name. */
  private record TableUse(int start, int end, List<String> parts) {}

  /**
   * Keywords that end a {@code FROM} list at its own parenthesis depth. {@code ON} and {@code JOIN}
   * do not: {@code FROM a JOIN b ON a.x = b.x, c} reads {@code c} too, and a comma at the list's
   * depth can only separate relations until one of these.
   */
  private static final Set<String> FROM_LIST_END =
      Set.of(
          "where",
          "group",
          "having",
          "order",
          "limit",
          "offset",
          "fetch",
          "union",
          "intersect",
          "except",
          "window");

  private final String text;
  private final List<Token> tokens;
  private final List<TableUse> tables;

  private DerivedQuery(String text, List<Token> tokens, List<TableUse> tables) {
    this.text = text;
    this.tokens = tokens;
    this.tables = tables;
  }

  /**
   * Reads and checks a query against its declared inputs.
   *
   * @throws InvalidQueryException when it is not a single SELECT, reads a table that is not a
   *     declared input, or names a catalog
   */
  public static DerivedQuery parse(String query, List<ProductReference> inputs) {
    List<Token> tokens = tokenize(query);
    if (tokens.isEmpty()) {
      throw new InvalidQueryException("the query is empty");
    }
    int last = tokens.size() - 1;
    if (tokens.get(last).isSymbol(";")) {
      tokens = tokens.subList(0, last);
    }
    for (Token token : tokens) {
      if (token.isSymbol(";")) {
        throw new InvalidQueryException(
            "the query must be a single SELECT, but it holds more than one statement");
      }
    }
    if (tokens.isEmpty() || !(tokens.getFirst().is("select") || tokens.getFirst().is("with"))) {
      throw new InvalidQueryException(
          "the query must be a single SELECT (or WITH ... SELECT), but it starts with '"
              + (tokens.isEmpty() ? "" : tokens.getFirst().text())
              + "'");
    }
    Set<String> commonTableNames = commonTableNames(tokens);
    List<TableUse> tables = tableUses(tokens);
    Set<String> declared = new HashSet<>();
    inputs.forEach(input -> declared.add(input.toString()));
    for (TableUse table : tables) {
      String written = query.substring(table.start(), table.end());
      switch (table.parts().size()) {
        case 1 -> {
          if (!commonTableNames.contains(table.parts().getFirst())) {
            throw new InvalidQueryException(
                "the query reads '"
                    + written
                    + "', which is neither a declared input nor defined by its WITH clause;"
                    + " write inputs as <domain>.<product>, declared: "
                    + declared.stream().sorted().toList());
          }
        }
        case 2 -> {
          String name = table.parts().get(0) + "." + table.parts().get(1);
          if (!declared.contains(name)) {
            throw new InvalidQueryException(
                "the query reads '"
                    + written
                    + "', which is not a declared input; declared: "
                    + declared.stream().sorted().toList());
          }
        }
        default ->
            throw new InvalidQueryException(
                "the query reads '"
                    + written
                    + "', naming a catalog; write inputs as <domain>.<product>, the platform"
                    + " qualifies them with its catalog");
      }
    }
    return new DerivedQuery(query, tokens, tables);
  }

  /** The declared inputs the query actually reads. */
  public Set<String> tablesRead() {
    Set<String> read = new HashSet<>();
    for (TableUse table : tables) {
      if (table.parts().size() == 2) {
        read.add(table.parts().get(0) + "." + table.parts().get(1));
      }
    }
    return read;
  }

  /**
   * The query with each input qualified by the catalog and pinned to a snapshot.
   *
   * @param snapshots each input ({@code domain.product}) to the snapshot to read; an input mapped
   *     to null (no snapshot yet, an empty table) is read as it is
   */
  public String pinned(String catalog, Map<String, Long> snapshots) {
    return rewrite(
        table -> {
          String domain = table.parts().get(0);
          String product = table.parts().get(1);
          Long snapshot = snapshots.get(domain + "." + product);
          return quote(catalog)
              + "."
              + quote(domain)
              + "."
              + quote(product)
              + (snapshot == null ? "" : " FOR VERSION AS OF " + snapshot);
        });
  }

  private String rewrite(Function<TableUse, String> replacement) {
    StringBuilder out = new StringBuilder();
    int position = 0;
    for (TableUse table : tables) {
      if (table.parts().size() != 2) {
        continue;
      }
      out.append(text, position, table.start()).append(replacement.apply(table));
      position = table.end();
    }
    out.append(text, position, endOfStatement());
    return out.toString().strip();
  }

  private int endOfStatement() {
    return tokens.getLast().end();
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static Set<String> commonTableNames(List<Token> tokens) {
    Set<String> names = new HashSet<>();
    // WITH [RECURSIVE] name [(columns)] AS (...), name AS (...): the names at depth 0 after WITH.
    for (int index = 0; index < tokens.size(); index++) {
      if (!tokens.get(index).is("with")) {
        continue;
      }
      int position = index + 1;
      if (position < tokens.size() && tokens.get(position).is("recursive")) {
        position++;
      }
      while (position < tokens.size() && tokens.get(position).isName()) {
        names.add(tokens.get(position).name());
        position++;
        position = skipParentheses(tokens, position);
        if (position < tokens.size() && tokens.get(position).is("as")) {
          position = skipParentheses(tokens, position + 1);
        }
        if (position < tokens.size() && tokens.get(position).isSymbol(",")) {
          position++;
        } else {
          break;
        }
      }
    }
    return names;
  }

  private static int skipParentheses(List<Token> tokens, int position) {
    if (position >= tokens.size() || !tokens.get(position).isSymbol("(")) {
      return position;
    }
    int depth = 0;
    for (int index = position; index < tokens.size(); index++) {
      if (tokens.get(index).isSymbol("(")) {
        depth++;
      } else if (tokens.get(index).isSymbol(")")) {
        depth--;
        if (depth == 0) {
          return index + 1;
        }
      }
    }
    return tokens.size();
  }

  private static List<TableUse> tableUses(List<Token> tokens) {
    List<TableUse> uses = new ArrayList<>();
    // For each parenthesis depth: whether a FROM list is open there, so a comma starts a relation.
    List<Boolean> fromListOpen = new ArrayList<>(List.of(false));
    for (int index = 0; index < tokens.size(); index++) {
      Token token = tokens.get(index);
      int depth = fromListOpen.size() - 1;
      if (token.isSymbol("(")) {
        fromListOpen.add(false);
        continue;
      }
      if (token.isSymbol(")")) {
        if (depth > 0) {
          fromListOpen.removeLast();
        }
        continue;
      }
      boolean startsRelation;
      if (token.is("from")) {
        // EXTRACT(x FROM y) and SUBSTRING(x FROM y) use FROM inside a call: not a relation when
        // what follows is an expression; a relation follows a FROM only at its start of clause.
        startsRelation =
            !insideCallWithFrom(tokens, index)
                && !(index > 0 && tokens.get(index - 1).is("distinct"));
        fromListOpen.set(depth, startsRelation);
      } else if (token.is("join")) {
        startsRelation = true;
      } else if (token.is("table")) {
        // TABLE name is a query of its own (SELECT * FROM name), anywhere a query may stand.
        if (index + 1 < tokens.size() && tokens.get(index + 1).isSymbol("(")) {
          throw new InvalidQueryException(
              "the query calls a table function (TABLE(...)); a derived product reads only its"
                  + " declared inputs");
        }
        startsRelation = true;
      } else if (token.isSymbol(",") && fromListOpen.get(depth)) {
        startsRelation = true;
      } else {
        if (token.kind() == Kind.WORD && FROM_LIST_END.contains(token.name())) {
          fromListOpen.set(depth, false);
        }
        continue;
      }
      if (!startsRelation) {
        continue;
      }
      int next = index + 1;
      if (next < tokens.size() && tokens.get(next).is("lateral")) {
        next++;
      }
      if (next >= tokens.size()) {
        throw new InvalidQueryException("the query ends where a table is expected");
      }
      Token first = tokens.get(next);
      if (first.isSymbol("(") || first.is("unnest")) {
        continue;
      }
      if (first.is("table")) {
        throw new InvalidQueryException(
            "the query calls a table function (TABLE(...)); a derived product reads only its"
                + " declared inputs");
      }
      if (!first.isName()) {
        throw new InvalidQueryException(
            "the query has '" + first.text() + "' where a table name is expected");
      }
      List<String> parts = new ArrayList<>(List.of(first.name()));
      int end = next;
      while (end + 2 < tokens.size()
          && tokens.get(end + 1).isSymbol(".")
          && tokens.get(end + 2).isName()) {
        parts.add(tokens.get(end + 2).name());
        end += 2;
      }
      if (end + 1 < tokens.size() && tokens.get(end + 1).isSymbol("(")) {
        throw new InvalidQueryException(
            "the query calls '"
                + String.join(".", parts)
                + "(...)' where a table is expected; a derived product reads only its declared"
                + " inputs");
      }
      uses.add(new TableUse(first.start(), tokens.get(end).end(), List.copyOf(parts)));
      index = end;
    }
    return uses;
  }

  private static boolean insideCallWithFrom(List<Token> tokens, int fromIndex) {
    // Walk back to the opening parenthesis of the current depth; a FROM directly inside
    // extract(...), substring(...), trim(...) or position(...) is part of the call.
    int depth = 0;
    for (int index = fromIndex - 1; index >= 0; index--) {
      Token token = tokens.get(index);
      if (token.isSymbol(")")) {
        depth++;
      } else if (token.isSymbol("(")) {
        if (depth == 0) {
          if (index == 0) {
            return false;
          }
          Token call = tokens.get(index - 1);
          return call.is("extract")
              || call.is("substring")
              || call.is("trim")
              || call.is("position");
        }
        depth--;
      } else if (depth == 0 && (token.is("select") || token.is("with"))) {
        return false;
      }
    }
    return false;
  }

  private static List<Token> tokenize(String query) {
    List<Token> tokens = new ArrayList<>();
    int length = query.length();
    int index = 0;
    while (index < length) {
      char character = query.charAt(index);
      if (Character.isWhitespace(character)) {
        index++;
      } else if (character == '-' && index + 1 < length && query.charAt(index + 1) == '-') {
        while (index < length && query.charAt(index) != '\n') {
          index++;
        }
      } else if (character == '/' && index + 1 < length && query.charAt(index + 1) == '*') {
        int close = query.indexOf("*/", index + 2);
        if (close < 0) {
          throw new InvalidQueryException("the query has a comment that is never closed");
        }
        index = close + 2;
      } else if (character == '\'' || character == '"') {
        int start = index;
        index++;
        while (true) {
          if (index >= length) {
            throw new InvalidQueryException(
                "the query has a "
                    + (character == '\'' ? "string literal" : "quoted identifier")
                    + " that is never closed");
          }
          if (query.charAt(index) == character) {
            if (index + 1 < length && query.charAt(index + 1) == character) {
              index += 2;
              continue;
            }
            index++;
            break;
          }
          index++;
        }
        tokens.add(
            new Token(
                character == '\'' ? Kind.STRING : Kind.QUOTED,
                query.substring(start, index),
                start,
                index));
      } else if (Character.isLetter(character) || character == '_') {
        int start = index;
        while (index < length
            && (Character.isLetterOrDigit(query.charAt(index))
                || query.charAt(index) == '_'
                || query.charAt(index) == '@'
                || query.charAt(index) == '$')) {
          index++;
        }
        tokens.add(new Token(Kind.WORD, query.substring(start, index), start, index));
      } else if (Character.isDigit(character)) {
        int start = index;
        while (index < length
            && (Character.isLetterOrDigit(query.charAt(index)) || query.charAt(index) == '.')) {
          index++;
        }
        tokens.add(new Token(Kind.NUMBER, query.substring(start, index), start, index));
      } else {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(character), index, index + 1));
        index++;
      }
    }
    return tokens;
  }
}
