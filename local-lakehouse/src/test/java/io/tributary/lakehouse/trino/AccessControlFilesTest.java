package io.tributary.lakehouse.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessControlFilesTest {

  @Test
  void baseRulesLetOnlyTheServiceUserImpersonate(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("rules.json");
    AccessControlFiles.ensureRules(file);
    JsonNode rules = new ObjectMapper().readTree(file.toFile());
    assertThat(rules.get("impersonation")).hasSize(1);
    JsonNode impersonation = rules.get("impersonation").get(0);
    assertThat("tributary").matches(impersonation.get("original_user").asText());
    assertThat("mallory").doesNotMatch(impersonation.get("original_user").asText());
    assertThat(impersonation.get("allow").asBoolean()).isTrue();
  }

  @Test
  void ensureKeepsRulesThePlatformWrote(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("rules.json");
    Files.writeString(file, "{\"catalogs\":[]}");
    AccessControlFiles.ensureRules(file);
    assertThat(Files.readString(file)).isEqualTo("{\"catalogs\":[]}");
  }

  @Test
  void groupFileHasOneSortedLinePerGroup(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("groups.txt");
    AccessControlFiles.writeGroups(
        file, Map.of("sales-owners", Set.of("sam"), "analysts", Set.of("bob", "ana")));
    assertThat(Files.readAllLines(file)).containsExactly("analysts:ana,bob", "sales-owners:sam");
  }

  @Test
  void refusesNamesThatWouldBreakTheGroupFile(@TempDir Path folder) {
    Path file = folder.resolve("groups.txt");
    assertThatThrownBy(() -> AccessControlFiles.writeGroups(file, Map.of("a:b", Set.of("ana"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a:b' cannot be a group name");
    assertThatThrownBy(() -> AccessControlFiles.writeGroups(file, Map.of("ok", Set.of("x,y"))))
        .hasMessageContaining("'x,y' cannot be a user name");
    assertThat(file).doesNotExist();
  }
}
