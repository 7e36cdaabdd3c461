package io.tributary.policies.lakeformation;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An LF-Tag definition: a key and the values it may take, sorted.
 *
 * @param key {@code domain}, {@code zone} or {@code classification}
 * @param values the values the plan uses
 */
public record LfTag(String key, List<String> values) {
  public LfTag {
    Objects.requireNonNull(key, "key");
    values = List.copyOf(new TreeSet<>(values));
    if (values.isEmpty()) {
      throw new IllegalArgumentException("LF-Tag '" + key + "' needs at least one value");
    }
  }
}
