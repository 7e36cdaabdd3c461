package io.tributary.policies.lakeformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Lake Formation example names only calls that exist. */
class LakeFormationReadmeTest {

  @Test
  void everyPlanCallInTheReadmeExists() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## The Lake Formation compiler"));
    String example = section.substring(section.indexOf("```java"), section.indexOf("```\n", 10));
    List<String> calls = new ArrayList<>();
    Matcher matcher = Pattern.compile("plan\\.(\\w+)\\(\\)").matcher(example);
    while (matcher.find()) {
      calls.add(matcher.group(1));
    }
    List<String> methods =
        Arrays.stream(LakeFormationPlan.class.getMethods())
            .filter(method -> method.getParameterCount() == 0)
            .map(Method::getName)
            .toList();

    assertThat(calls).hasSizeGreaterThanOrEqualTo(6);
    assertThat(methods).containsAll(calls);
  }
}
