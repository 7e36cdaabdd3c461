package io.tributary.policies.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.policies.grant.Mask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of Trino mask expressions is what the compiler writes. */
class ReadmeMasksTest {
  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\| `([A-Z]+)` \\| `(.*)` \\| `(.*)` \\|$");

  @Test
  void theMaskTableIsWhatTheCompilerWrites() throws IOException {
    List<String> rows =
        Files.readAllLines(Path.of("README.md")).stream()
            .dropWhile(line -> !line.equals("| mask | Iceberg type | Trino mask |"))
            .skip(2)
            .takeWhile(line -> line.startsWith("|"))
            .toList();

    assertThat(rows).hasSizeGreaterThanOrEqualTo(6);
    for (String row : rows) {
      Matcher matcher = TABLE_ROW.matcher(row);
      assertThat(matcher.matches()).as(row).isTrue();
      assertThat(TrinoMasks.expression(Mask.valueOf(matcher.group(1)), "c", matcher.group(2)))
          .as(row)
          .isEqualTo(matcher.group(3));
    }
  }
}
