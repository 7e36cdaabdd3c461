package io.tributary.platform.provisioning.terraform;

import java.util.List;

/** A terraform command that failed or ran out of time, with the last lines it printed. */
public final class TerraformFailure extends RuntimeException {
  private final String command;

  TerraformFailure(String command, String what, List<String> lastLines) {
    super(
        "terraform %s %s%s"
            .formatted(
                command, what, lastLines.isEmpty() ? "" : ":\n" + String.join("\n", lastLines)));
    this.command = command;
  }

  /** Whether the failed command is {@code apply}, which may have changed some resources. */
  public boolean isApply() {
    return command.equals("apply");
  }

  /** The failed command: {@code init}, {@code workspace select}, {@code plan}, ... */
  public String command() {
    return command;
  }
}
