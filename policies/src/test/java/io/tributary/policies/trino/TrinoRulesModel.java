package io.tributary.policies.trino;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.rowfilter.RowFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small model of Trino's file-based access control, for what a {@code SELECT *} on one table
 * needs: the first catalog rule and the first table rule matching the user, their groups (from the
 * group file) and the table decide; columns with {@code allow: false} are dropped (as with {@code
 * hide-inaccessible-columns}), masks replace values, and the filter keeps the rows it is true for,
 * read on the stored values. It runs only the mask expressions the compiler is meant to write, and
 * fails on any other, so that a change there must come with a change here and a run against real
 * Trino.
 */
final class TrinoRulesModel {
  private static final Pattern HASH =
      Pattern.compile("lower\\(to_hex\\(sha256\\(to_utf8\\(\"((?:[^\"]|\"\")+)\"\\)\\)\\)\\)");
  private static final Pattern TYPED_NULL = Pattern.compile("CAST\\(NULL AS (.+)\\)");

  private final JsonNode rules;
  private final Map<String, ? extends Set<String>> groupsByUser;
  private final String catalog;

  TrinoRulesModel(JsonNode rules, Map<String, ? extends Set<String>> groupsByUser, String catalog) {
    this.rules = rules;
    this.groupsByUser = groupsByUser;
    this.catalog = catalog;
  }

  /** What the user reads with {@code SELECT *} from the table; empty when Trino denies it. */
  Optional<View> select(String user, ProductColumns table, Map<String, String> trinoTypes) {
    Set<String> groups = groupsByUser.containsKey(user) ? groupsByUser.get(user) : Set.of();
    Optional<JsonNode> catalogRule =
        first(
            rules.get("catalogs"),
            rule -> matches(rule, user, groups) && matches(rule, "catalog", catalog));
    if (catalogRule.isEmpty() || catalogRule.get().get("allow").asText().equals("none")) {
      return Optional.empty();
    }
    Optional<JsonNode> tableRule =
        first(
            rules.get("tables"),
            rule ->
                matches(rule, user, groups)
                    && matches(rule, "catalog", catalog)
                    && matches(rule, "schema", table.product().domain())
                    && matches(rule, "table", table.product().product()));
    if (tableRule.isEmpty()) {
      return Optional.empty();
    }
    JsonNode rule = tableRule.get();
    boolean select = false;
    for (JsonNode privilege : rule.get("privileges")) {
      select |= privilege.asText().equals("SELECT");
    }
    if (!select) {
      return Optional.empty();
    }
    Map<String, String> masks = new LinkedHashMap<>();
    List<String> denied = new ArrayList<>();
    if (rule.has("columns")) {
      for (JsonNode column : rule.get("columns")) {
        if (!column.path("allow").asBoolean(true)) {
          denied.add(column.get("name").asText());
        } else if (column.has("mask")) {
          masks.put(column.get("name").asText(), column.get("mask").asText());
        }
      }
    }
    List<String> visible = table.names().stream().filter(name -> !denied.contains(name)).toList();
    Optional<RowFilter> filter =
        rule.has("filter")
            ? Optional.of(RowFilter.parse(rule.get("filter").asText()))
            : Optional.empty();
    return Optional.of(new View(visible, masks, filter, trinoTypes));
  }

  /** The table as one user reads it. */
  record View(
      List<String> visibleColumns,
      Map<String, String> masks,
      Optional<RowFilter> filter,
      Map<String, String> trinoTypes) {

    Optional<Map<String, Object>> apply(Map<String, ?> row) {
      if (filter.isPresent() && !filter.get().matches(row)) {
        return Optional.empty();
      }
      Map<String, Object> result = new LinkedHashMap<>();
      for (String column : visibleColumns) {
        String mask = masks.get(column);
        result.put(column, mask == null ? row.get(column) : run(mask, column, row));
      }
      return Optional.of(result);
    }

    private Object run(String mask, String column, Map<String, ?> row) {
      if (mask.equals("'***'")) {
        return "***";
      }
      Matcher hash = HASH.matcher(mask);
      if (hash.matches()) {
        Object value = row.get(hash.group(1).replace("\"\"", "\""));
        return value == null ? null : sha256Hex((String) value);
      }
      Matcher typedNull = TYPED_NULL.matcher(mask);
      if (typedNull.matches()) {
        if (!typedNull.group(1).equals(trinoTypes.get(column))) {
          fail("mask %s of column %s is not of its type %s", mask, column, trinoTypes.get(column));
        }
        return null;
      }
      return fail("the model cannot run the mask %s", mask);
    }
  }

  private static Optional<JsonNode> first(
      JsonNode rules, java.util.function.Predicate<JsonNode> predicate) {
    for (JsonNode rule : rules) {
      if (predicate.test(rule)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private static boolean matches(JsonNode rule, String user, Set<String> groups) {
    return matches(rule, "user", user)
        && (!rule.has("group")
            || groups.stream().anyMatch(group -> group.matches(rule.get("group").asText())));
  }

  private static boolean matches(JsonNode rule, String field, String value) {
    return !rule.has(field) || value.matches(rule.get(field).asText());
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
