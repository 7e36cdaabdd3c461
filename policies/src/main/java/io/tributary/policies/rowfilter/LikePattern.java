package io.tributary.policies.rowfilter;

/**
 * SQL LIKE without ESCAPE: {@code %} matches any run of characters, {@code _} exactly one, and
 * everything else itself, case-sensitively and over the whole value. Characters are Unicode code
 * points, as in Trino.
 *
 * <p>Matched by walking both strings and remembering only the last {@code %}, which takes time
 * proportional to their product at worst; a regular expression could backtrack exponentially on a
 * hostile pattern.
 */
final class LikePattern {
  private LikePattern() {}

  static boolean matches(String value, String pattern) {
    int[] text = value.codePoints().toArray();
    int[] wildcards = pattern.codePoints().toArray();
    int textIndex = 0;
    int patternIndex = 0;
    int lastPercent = -1;
    int textIndexAtLastPercent = 0;
    while (textIndex < text.length) {
      if (patternIndex < wildcards.length
          && wildcards[patternIndex] != '%'
          && (wildcards[patternIndex] == '_' || wildcards[patternIndex] == text[textIndex])) {
        textIndex++;
        patternIndex++;
      } else if (patternIndex < wildcards.length && wildcards[patternIndex] == '%') {
        lastPercent = patternIndex++;
        textIndexAtLastPercent = textIndex;
      } else if (lastPercent >= 0) {
        // Let the last % swallow one more character and try the rest of the pattern again.
        patternIndex = lastPercent + 1;
        textIndex = ++textIndexAtLastPercent;
      } else {
        return false;
      }
    }
    while (patternIndex < wildcards.length && wildcards[patternIndex] == '%') {
      patternIndex++;
    }
    return patternIndex == wildcards.length;
  }
}
