package io.tributary.policies.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every example in the module's README is run, so the documentation cannot drift from the code. */
class ReadmeExamplesTest {
  private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(.*)` \\| `(.*)` \\|$");

  @Test
  void writtenFiltersReadAsTheirCanonicalText() throws IOException {
    List<String[]> rows = tableAfter("| written | canonical text |");

    assertThat(rows).hasSizeGreaterThanOrEqualTo(5);
    for (String[] row : rows) {
      assertThat(RowFilter.parse(row[0]).toSqlText()).as(row[0]).isEqualTo(row[1]);
    }
  }

  @Test
  void rejectedFiltersFailWithTheirMessage() throws IOException {
    List<String[]> rows = tableAfter("| rejected | because |");

    assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
    for (String[] row : rows) {
      assertThatThrownBy(() -> RowFilter.parse(row[0])).as(row[0]).hasMessage(row[1]);
    }
  }

  private static List<String[]> tableAfter(String header) throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    return lines.stream()
        .dropWhile(line -> !line.equals(header))
        .skip(2)
        .takeWhile(line -> line.startsWith("|"))
        .map(
            line -> {
              Matcher matcher = TABLE_ROW.matcher(line);
              assertThat(matcher.matches()).as(line).isTrue();
              return new String[] {matcher.group(1), matcher.group(2)};
            })
        .toList();
  }
}
