package io.tributary.platform.registry;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's semantic version ({@code MAJOR.MINOR.PATCH[-PRERELEASE]}), ordered by semver 2.0
 * precedence. Build metadata ({@code +...}) is refused: two versions that differ only by it would
 * have the same precedence, and the registry keeps one item per version.
 *
 * @param major the major version, raised by breaking changes
 * @param minor the minor version
 * @param patch the patch version
 * @param prerelease the dot-separated pre-release identifiers, empty for a release
 */
public record SemanticVersion(int major, int minor, int patch, String prerelease)
    implements Comparable<SemanticVersion> {
  private static final Pattern FORMAT =
      Pattern.compile(
          "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?");

  public SemanticVersion {
    Objects.requireNonNull(prerelease, "prerelease");
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
  }

  /** Parses {@code 1.4.0} or {@code 2.0.0-rc.1}; throws {@link IllegalArgumentException}. */
  public static SemanticVersion parse(String text) {
    Objects.requireNonNull(text, "version");
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "invalid semantic version '" + text + "': expected MAJOR.MINOR.PATCH[-PRERELEASE]");
    }
    return new SemanticVersion(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)),
        matcher.group(4) == null ? "" : matcher.group(4));
  }

  /**
   * A string whose lexicographic order follows precedence for releases and numeric parts (each
   * number zero-padded), so stores can keep versions sorted by key. Pre-release identifiers sort as
   * text here; {@link #compareTo} is the exact order.
   */
  public String sortableKey() {
    // '~' sorts after '-', so a release sorts after each of its pre-releases.
    return String.format(
        "%010d.%010d.%010d%s", major, minor, patch, prerelease.isEmpty() ? "~" : "-" + prerelease);
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int result = Integer.compare(major, other.major);
    if (result == 0) {
      result = Integer.compare(minor, other.minor);
    }
    if (result == 0) {
      result = Integer.compare(patch, other.patch);
    }
    if (result == 0) {
      result = comparePrerelease(prerelease, other.prerelease);
    }
    return result;
  }

  private static int comparePrerelease(String left, String right) {
    if (left.equals(right)) {
      return 0;
    }
    if (left.isEmpty()) {
      return 1;
    }
    if (right.isEmpty()) {
      return -1;
    }
    List<String> leftParts = List.of(left.split("\\."));
    List<String> rightParts = List.of(right.split("\\."));
    for (int index = 0; index < Math.min(leftParts.size(), rightParts.size()); index++) {
      int result = compareIdentifier(leftParts.get(index), rightParts.get(index));
      if (result != 0) {
        return result;
      }
    }
    return Integer.compare(leftParts.size(), rightParts.size());
  }

  private static int compareIdentifier(String left, String right) {
    boolean leftNumeric = left.chars().allMatch(Character::isDigit);
    boolean rightNumeric = right.chars().allMatch(Character::isDigit);
    if (leftNumeric && rightNumeric) {
      return left.length() != right.length()
          ? Integer.compare(left.length(), right.length())
          : left.compareTo(right);
    }
    if (leftNumeric != rightNumeric) {
      // Numeric identifiers have lower precedence than alphanumeric ones.
      return leftNumeric ? -1 : 1;
    }
    return left.compareTo(right);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + prerelease);
  }
}
