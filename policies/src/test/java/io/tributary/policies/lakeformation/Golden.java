package io.tributary.policies.lakeformation;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Golden files under {@code src/test/resources/golden/lakeformation/}, compared as JSON trees (so
 * formatting and key order do not matter). A mismatch names every JSON pointer that differs. Run
 * with {@code -Dgolden.update=true} to rewrite the files from the code, then review the git diff.
 */
final class Golden {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path FOLDER = Path.of("src/test/resources/golden/lakeformation");

  private Golden() {}

  static JsonNode read(String name) {
    try {
      return JSON.readTree(FOLDER.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertMatches(String name, JsonNode actual) {
    Path file = FOLDER.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(FOLDER);
        Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
        return;
      }
      if (!Files.exists(file)) {
        fail(
            "golden file %s is missing; the output was:%n%s",
            file, JSON.writeValueAsString(actual));
      }
      JsonNode expected = JSON.readTree(file.toFile());
      if (!expected.equals(actual)) {
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        fail(
            "%s differs from the output at %d place(s):%n  %s%nthe output was:%n%s",
            file,
            differences.size(),
            String.join("\n  ", differences),
            JSON.writeValueAsString(actual));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void compare(
      String pointer, JsonNode expected, JsonNode actual, List<String> differences) {
    if (expected.equals(actual)) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!actual.has(name)) {
          differences.add(child + ": missing, expected " + expected.get(name));
        } else if (!expected.has(name)) {
          differences.add(child + ": unexpected " + actual.get(name));
        } else {
          compare(child, expected.get(name), actual.get(name), differences);
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      Iterator<JsonNode> expectedItems = expected.elements();
      Iterator<JsonNode> actualItems = actual.elements();
      int index = 0;
      while (expectedItems.hasNext() && actualItems.hasNext()) {
        compare(pointer + "/" + index++, expectedItems.next(), actualItems.next(), differences);
      }
      if (expected.size() != actual.size()) {
        differences.add(
            pointer + ": expected " + expected.size() + " items, found " + actual.size());
      }
    } else {
      differences.add(
          (pointer.isEmpty() ? "/" : pointer) + ": expected " + expected + ", found " + actual);
    }
  }
}
