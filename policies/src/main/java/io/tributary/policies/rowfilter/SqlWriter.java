package io.tributary.policies.rowfilter;

import io.tributary.policies.rowfilter.Literal.BooleanLiteral;
import io.tributary.policies.rowfilter.Literal.DateLiteral;
import io.tributary.policies.rowfilter.Literal.DecimalLiteral;
import io.tributary.policies.rowfilter.Literal.IntegerLiteral;
import io.tributary.policies.rowfilter.Literal.StringLiteral;
import io.tributary.policies.rowfilter.Literal.TimestampLiteral;
import io.tributary.policies.rowfilter.RowFilterExpression.And;
import io.tributary.policies.rowfilter.RowFilterExpression.Between;
import io.tributary.policies.rowfilter.RowFilterExpression.Comparison;
import io.tributary.policies.rowfilter.RowFilterExpression.In;
import io.tributary.policies.rowfilter.RowFilterExpression.IsNull;
import io.tributary.policies.rowfilter.RowFilterExpression.Like;
import io.tributary.policies.rowfilter.RowFilterExpression.Not;
import io.tributary.policies.rowfilter.RowFilterExpression.Or;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a row filter back as SQL, either with every literal written out (the canonical text) or
 * with a {@code ?} for each literal and the values collected aside (the parameterized form). Both
 * share one layout, so what a prepared statement runs is what the access-control rules say.
 *
 * <p>The layout is chosen so that the text parses back into the same tree and reads the same in
 * every engine: an OR inside an AND and every operand of NOT are parenthesized, and an AND inside
 * an OR is too, as Lake Formation documents its composite expressions.
 */
final class SqlWriter {
  private final Function<String, String> quoteIdentifier;
  private final List<Object> parameters;
  private final StringBuilder sql = new StringBuilder();

  private SqlWriter(Function<String, String> quoteIdentifier, List<Object> parameters) {
    this.quoteIdentifier = quoteIdentifier;
    this.parameters = parameters;
  }

  static String canonicalText(RowFilterExpression expression) {
    SqlWriter writer = new SqlWriter(SqlWriter::quoteIdentifier, null);
    writer.write(expression);
    return writer.sql.toString();
  }

  static ParameterizedSql parameterized(
      RowFilterExpression expression, Function<String, String> quoteIdentifier) {
    SqlWriter writer = new SqlWriter(quoteIdentifier, new ArrayList<>());
    // The caller joins this with its own conditions; parentheses keep a top-level OR from
    // escaping into theirs.
    writer.sql.append('(');
    writer.write(expression);
    writer.sql.append(')');
    return new ParameterizedSql(writer.sql.toString(), writer.parameters);
  }

  /** Double quotes, with embedded double quotes doubled: the SQL standard, Trino and PartiQL. */
  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  static String literalText(Literal literal) {
    return switch (literal) {
      case IntegerLiteral integer -> Long.toString(integer.number());
      case DecimalLiteral decimal -> decimal.number().toPlainString();
      case StringLiteral string -> "'" + string.text().replace("'", "''") + "'";
      case BooleanLiteral bool -> bool.truth() ? "TRUE" : "FALSE";
      case DateLiteral date -> "DATE '" + date.date() + "'";
      case TimestampLiteral timestamp -> "TIMESTAMP '" + timestampText(timestamp.timestamp()) + "'";
    };
  }

  /** {@code yyyy-mm-dd hh:mm:ss}, then only as many fractional digits as carry information. */
  private static String timestampText(LocalDateTime timestamp) {
    String text =
        "%s %02d:%02d:%02d"
            .formatted(
                timestamp.toLocalDate(),
                timestamp.getHour(),
                timestamp.getMinute(),
                timestamp.getSecond());
    int microseconds = timestamp.getNano() / 1_000;
    if (microseconds == 0) {
      return text;
    }
    String fraction = "%06d".formatted(microseconds).replaceFirst("0+$", "");
    return text + "." + fraction;
  }

  private void write(RowFilterExpression expression) {
    switch (expression) {
      case Or or -> writeJoined(or.operands(), " OR ");
      case And and -> writeJoined(and.operands(), " AND ");
      case Not not -> {
        sql.append("NOT (");
        write(not.operand());
        sql.append(')');
      }
      case Comparison comparison -> {
        writeColumn(comparison.column());
        sql.append(' ').append(comparison.operator().symbol()).append(' ');
        writeLiteral(comparison.literal());
      }
      case In in -> {
        writeColumn(in.column());
        sql.append(in.negated() ? " NOT IN (" : " IN (");
        for (int index = 0; index < in.literals().size(); index++) {
          if (index > 0) {
            sql.append(", ");
          }
          writeLiteral(in.literals().get(index));
        }
        sql.append(')');
      }
      case Between between -> {
        writeColumn(between.column());
        sql.append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
        writeLiteral(between.lower());
        sql.append(" AND ");
        writeLiteral(between.upper());
      }
      case Like like -> {
        writeColumn(like.column());
        sql.append(like.negated() ? " NOT LIKE " : " LIKE ");
        writeLiteral(new StringLiteral(like.pattern()));
      }
      case IsNull isNull -> {
        writeColumn(isNull.column());
        sql.append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
      }
    }
  }

  private void writeJoined(List<RowFilterExpression> operands, String connective) {
    for (int index = 0; index < operands.size(); index++) {
      if (index > 0) {
        sql.append(connective);
      }
      RowFilterExpression operand = operands.get(index);
      boolean parenthesize = operand instanceof And || operand instanceof Or;
      if (parenthesize) {
        sql.append('(');
      }
      write(operand);
      if (parenthesize) {
        sql.append(')');
      }
    }
  }

  private void writeColumn(RowFilterExpression.Column column) {
    sql.append(quoteIdentifier.apply(column.name()));
  }

  private void writeLiteral(Literal literal) {
    if (parameters == null) {
      sql.append(literalText(literal));
    } else {
      sql.append('?');
      parameters.add(literal.value());
    }
  }
}
