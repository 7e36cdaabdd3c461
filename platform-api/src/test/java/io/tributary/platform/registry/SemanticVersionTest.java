package io.tributary.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {
  @Test
  void ordersBySemverPrecedence() {
    // The example order of the semver 2.0 specification, plus numeric parts past one digit.
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.2.0",
            "1.10.0",
            "2.0.0");

    List<SemanticVersion> shuffled =
        ordered.reversed().stream().map(SemanticVersion::parse).sorted().toList();

    assertThat(shuffled).extracting(SemanticVersion::toString).containsExactlyElementsOf(ordered);
  }

  @Test
  void sortableKeysFollowPrecedenceForReleases() {
    assertThat(SemanticVersion.parse("1.10.0").sortableKey())
        .isGreaterThan(SemanticVersion.parse("1.9.0").sortableKey());
    assertThat(SemanticVersion.parse("2.0.0").sortableKey())
        .isGreaterThan(SemanticVersion.parse("2.0.0-rc.1").sortableKey());
  }

  @Test
  void refusesWhatIsNotASemanticVersion() {
    for (String invalid : List.of("1.0", "01.0.0", "1.0.0+build.5", "v1.0.0", "1.0.0-", "")) {
      assertThatThrownBy(() -> SemanticVersion.parse(invalid))
          .as(invalid)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
