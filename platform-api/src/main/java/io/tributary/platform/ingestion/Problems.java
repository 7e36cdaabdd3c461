package io.tributary.platform.ingestion;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a batch's problems: every one is counted, the first {@link #LISTED} are kept, so a
 * million bad records cost no more memory than a hundred.
 */
final class Problems {
  static final int LISTED = 100;

  private final List<RecordProblem> listed = new ArrayList<>();
  private int count;

  void add(String pointer, String message) {
    count++;
    if (listed.size() < LISTED) {
      listed.add(new RecordProblem(pointer, message));
    }
  }

  int count() {
    return count;
  }

  List<RecordProblem> listed() {
    return List.copyOf(listed);
  }

  static String field(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static String index(String parent, int index) {
    return parent + "/" + index;
  }
}
