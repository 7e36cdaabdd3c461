package io.tributary.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTokenTest {
  private static final String QUERY = "lakehouse.sales.orders\u001eid\u001e\u001e";

  @Test
  void aTokenRoundTripsAndContinuesOnlyTheQueryThatIssuedIt() {
    PageToken issued = PageToken.issue(8744736658442914487L, 200, QUERY);

    PageToken read = PageToken.decode(issued.encode());

    assertThat(read).isEqualTo(issued);
    assertThat(read.continues(QUERY)).isTrue();
    assertThat(read.continues(QUERY + "x")).isFalse();
    assertThat(issued.encode()).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void anEditedSnapshotOrOffsetNoLongerContinuesTheQuery() {
    PageToken issued = PageToken.issue(42, 200, QUERY);

    assertThat(new PageToken(42, 100, issued.fingerprint()).continues(QUERY)).isFalse();
    assertThat(new PageToken(43, 200, issued.fingerprint()).continues(QUERY)).isFalse();
  }

  @Test
  void textThatIsNotATokenIsRefusedAsPageToken() {
    String json = "{\"snapshot\":1,\"offset\":-5,\"fingerprint\":\"x\"}";
    for (String text :
        List.of(
            "not base64!",
            encode("not json"),
            encode("[]"),
            encode("{\"snapshot\":1,\"offset\":2}"),
            encode(json),
            encode("{\"snapshot\":1,\"offset\":2,\"fingerprint\":3}"),
            encode("{\"snapshot\":1.5,\"offset\":2,\"fingerprint\":\"x\"}"),
            encode("{\"snapshot\":1,\"offset\":2,\"fingerprint\":\"x\",\"more\":1}"),
            encode("{\"snapshot\":1,\"offset\":9223372036854775807,\"fingerprint\":\"x\"}"),
            "A".repeat(2_000))) {
      assertThatThrownBy(() -> PageToken.decode(text))
          .as(text)
          .isInstanceOfSatisfying(
              InvalidParameterException.class,
              invalid -> assertThat(invalid.parameter()).isEqualTo("pageToken"));
    }
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
