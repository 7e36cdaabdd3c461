package io.tributary.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values table of the chart's README, generated from {@code values.yaml} the way helm-docs
 * does: a comment starting with {@code # --} right above a key documents it; its type and default
 * come from the value itself.
 */
final class ValuesDocumentation {
  static final String START = "<!-- values:start (generated from values.yaml; do not edit) -->";
  static final String END = "<!-- values:end -->";
  private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_-]+):(.*)$");
  private static final Pattern DESCRIPTION = Pattern.compile("^ *# -- (.*)$");

  /** One documented value. */
  record Value(String key, String type, String defaultValue, String description) {}

  private ValuesDocumentation() {}

  /** Every documented value of this values file, in file order. */
  static List<Value> read(Path valuesFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(valuesFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode values = Chart.readYaml(valuesFile);
    List<Value> documented = new ArrayList<>();
    Deque<String[]> parents = new ArrayDeque<>();
    String description = null;
    int number = 0;
    for (String line : lines) {
      number++;
      Matcher comment = DESCRIPTION.matcher(line);
      if (comment.matches()) {
        description = comment.group(1).trim();
        continue;
      }
      Matcher key = KEY.matcher(line);
      if (!key.matches()) {
        if (line.isBlank() || !line.trim().startsWith("#")) {
          description = null;
        }
        continue;
      }
      int indent = key.group(1).length();
      while (!parents.isEmpty() && Integer.parseInt(parents.peek()[0]) >= indent) {
        parents.pop();
      }
      List<String> path = new ArrayList<>();
      parents.descendingIterator().forEachRemaining(parent -> path.add(parent[1]));
      path.add(key.group(2));
      parents.push(new String[] {Integer.toString(indent), key.group(2)});
      if (description == null) {
        continue;
      }
      JsonNode value = values;
      for (String segment : path) {
        value = value.path(segment);
      }
      if (value.isMissingNode()) {
        throw new IllegalStateException(
            "%s line %d: %s is documented but has no value"
                .formatted(valuesFile, number, String.join(".", path)));
      }
      documented.add(new Value(String.join(".", path), type(value), value.toString(), description));
      description = null;
    }
    return documented;
  }

  /** The Markdown table of these values, between its markers. */
  static String table(List<Value> values) {
    StringBuilder table = new StringBuilder(START).append("\n\n");
    table.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
    for (Value value : values) {
      table
          .append("| `")
          .append(value.key())
          .append("` | ")
          .append(value.type())
          .append(" | `")
          .append(cell(value.defaultValue()))
          .append("` | ")
          .append(cell(value.description()))
          .append(" |\n");
    }
    return table.append('\n').append(END).toString();
  }

  /** The README with its values table replaced by one generated from the values file. */
  static String regenerate(String readme, Path valuesFile) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException("The README has no '" + START + "' ... '" + END + "' block");
    }
    return readme.substring(0, start)
        + table(read(valuesFile))
        + readme.substring(end + END.length());
  }

  private static String type(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "list";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isIntegralNumber()) {
      return "int";
    }
    return value.isNumber() ? "number" : "string";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
