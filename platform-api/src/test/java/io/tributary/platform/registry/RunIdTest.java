package io.tributary.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunIdTest {
  @Test
  void roundTripsThroughText() {
    RunId id = new RunId("sales", new Ulid(Clock.systemUTC()).next());

    assertThat(RunId.parse(id.toString())).isEqualTo(id);
    assertThat(id.toString()).startsWith("sales.");
  }

  @Test
  void refusesTextThatIsNotARunId() {
    for (String invalid :
        List.of("sales", "sales.not-a-ulid", "Sales.01HZZZZZZZZZZZZZZZZZZZZZZZ", ".01HZZ")) {
      assertThatThrownBy(() -> RunId.parse(invalid))
          .as(invalid)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void ulidsFromOneGeneratorStrictlyIncreaseWithinAMillisecond() {
    Ulid generator = new Ulid(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    List<String> ids = new ArrayList<>();
    for (int index = 0; index < 1000; index++) {
      ids.add(generator.next());
    }

    assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(Ulid::isValid);
  }
}
