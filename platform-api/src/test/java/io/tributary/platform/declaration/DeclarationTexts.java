package io.tributary.platform.declaration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test declarations: the examples under {@code src/test/resources/declarations}, and copies of them
 * with one value replaced or removed, so each bad-declaration case states only what it breaks.
 */
final class DeclarationTexts {

  static final YAMLMapper YAML = new YAMLMapper();

  private DeclarationTexts() {}

  /** The text of an example declaration. */
  static String example(String fileName) {
    try (InputStream stream =
        DeclarationTexts.class.getResourceAsStream("/declarations/" + fileName)) {
      if (stream == null) {
        throw new IllegalArgumentException("no example declaration " + fileName);
      }
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /**
   * One edit: set the value at a JSON pointer (the last token may be {@code -} to append to a list)
   * to the YAML {@code value}, or remove it when {@code value} is null.
   */
  record Edit(String pointer, String value) {
    static Edit set(String pointer, String yamlValue) {
      return new Edit(pointer, yamlValue);
    }

    static Edit remove(String pointer) {
      return new Edit(pointer, null);
    }

    @Override
    public String toString() {
      return value == null ? "remove " + pointer : pointer + " = " + value;
    }
  }

  /** The YAML text with the edits applied, in order. */
  static String edited(String yaml, Edit... edits) {
    try {
      JsonNode document = YAML.readTree(yaml);
      for (Edit edit : edits) {
        int slash = edit.pointer().lastIndexOf('/');
        JsonNode parent = document.at(edit.pointer().substring(0, slash));
        String token = edit.pointer().substring(slash + 1);
        JsonNode value = edit.value() == null ? null : YAML.readTree(edit.value());
        if (parent instanceof ObjectNode object) {
          if (value == null) {
            object.remove(token);
          } else {
            object.set(token, value);
          }
        } else if (parent instanceof ArrayNode array) {
          if (token.equals("-")) {
            array.add(value);
          } else if (value == null) {
            array.remove(Integer.parseInt(token));
          } else {
            array.set(Integer.parseInt(token), value);
          }
        } else {
          throw new IllegalArgumentException("nothing to edit at " + edit.pointer());
        }
      }
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException malformed) {
      throw new IllegalArgumentException(malformed);
    }
  }
}
