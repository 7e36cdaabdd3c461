package io.tributary.policies.trino;

import io.tributary.policies.grant.Mask;
import io.tributary.policies.rowfilter.ColumnKind;

/**
 * A mask as the SQL expression of a Trino column-mask rule, giving exactly what {@link Mask#apply}
 * gives, in the column's own type (Trino refuses a mask of another type):
 *
 * <ul>
 *   <li>{@code hash} on a string: {@code lower(to_hex(sha256(to_utf8("email"))))}, NULL for NULL;
 *   <li>{@code redact} on a string: {@code '***'}, for NULL too;
 *   <li>anything else: {@code CAST(NULL AS <the column's Trino type>)}.
 * </ul>
 */
final class TrinoMasks {
  private TrinoMasks() {}

  static String expression(Mask mask, String column, String icebergType) {
    boolean string = ColumnKind.ofIcebergType(icebergType) == ColumnKind.STRING;
    if (string && mask == Mask.HASH) {
      return "lower(to_hex(sha256(to_utf8(" + quoteIdentifier(column) + "))))";
    }
    if (string && mask == Mask.REDACT) {
      return "'" + Mask.REDACTED.replace("'", "''") + "'";
    }
    return "CAST(NULL AS " + TrinoTypes.ofIcebergType(icebergType) + ")";
  }

  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
