package io.tributary.platform.declaration;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product version, {@code MAJOR.MINOR.PATCH} without pre-release or build suffixes: the platform
 * only needs to order versions and to know whether the major number rose.
 */
public record SemanticVersion(int major, int minor, int patch)
    implements Comparable<SemanticVersion> {

  // No leading zeros, as semver.org requires, so "1.02.0" cannot sit beside "1.2.0".
  private static final Pattern FORMAT =
      Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

  private static final Comparator<SemanticVersion> ORDER =
      Comparator.comparingInt(SemanticVersion::major)
          .thenComparingInt(SemanticVersion::minor)
          .thenComparingInt(SemanticVersion::patch);

  public SemanticVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers cannot be negative");
    }
  }

  /**
   * Reads {@code 1.2.0}.
   *
   * @throws IllegalArgumentException naming the text when it is not {@code MAJOR.MINOR.PATCH}
   */
  public static SemanticVersion parse(String text) {
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a semantic version MAJOR.MINOR.PATCH, such as 1.2.0");
    }
    return new SemanticVersion(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)));
  }

  public SemanticVersion nextMajor() {
    return new SemanticVersion(major + 1, 0, 0);
  }

  public SemanticVersion nextMinor() {
    return new SemanticVersion(major, minor + 1, 0);
  }

  public SemanticVersion nextPatch() {
    return new SemanticVersion(major, minor, patch + 1);
  }

  /**
   * A string whose lexicographic order is the version order (each number zero-padded), so stores
   * can keep versions sorted by key.
   */
  public String sortableKey() {
    return String.format("%010d.%010d.%010d", major, minor, patch);
  }

  @Override
  public int compareTo(SemanticVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
