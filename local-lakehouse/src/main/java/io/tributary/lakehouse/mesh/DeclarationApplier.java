package io.tributary.lakehouse.mesh;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * Applies declarations one after the other through the platform API and tells the user, for each,
 * what it is, the plan and how it ended:
 *
 * <pre>
 * DataProduct sales.orders  (data-products/sales/orders.yaml)
 *   + create-table sales.orders: 7 columns, partitioned by day(ordered_at)
 *   succeeded (revision 1, run 0f2c...)
 * </pre>
 *
 * A refused declaration shows the problem's detail and each error with its JSON pointer. Later
 * declarations are still applied, so that one run reports every problem; a product whose domain was
 * refused is then refused by the API too, with its own message.
 */
public final class DeclarationApplier {

  private final PlatformApiClient client;
  private final PrintStream out;
  private final String indent;

  /**
   * @param indent put before every line, so the output nests inside the progress of {@code up}
   */
  public DeclarationApplier(PlatformApiClient client, PrintStream out, String indent) {
    this.client = Objects.requireNonNull(client, "client");
    this.out = Objects.requireNonNull(out, "out");
    this.indent = Objects.requireNonNull(indent, "indent");
  }

  /** Applies every document in order; the report says how many failed. */
  public Report apply(List<DeclarationDocument> documents) {
    int failed = 0;
    for (DeclarationDocument document : documents) {
      if (!applyOne(document)) {
        failed++;
      }
    }
    Report report = new Report(documents.size(), failed);
    out.println(indent + report.summary());
    return report;
  }

  private boolean applyOne(DeclarationDocument document) {
    if (document.unroutable().isPresent()) {
      out.println(indent + "?  " + document.location());
      out.println(indent + "  refused: " + document.unroutable().get());
      return false;
    }
    out.println(
        indent
            + document.kind()
            + " "
            + document.qualifiedName()
            + "  ("
            + document.location()
            + ")");
    ApplyOutcome outcome = client.apply(document);
    switch (outcome) {
      case ApplyOutcome.Applied applied -> printApplied(applied);
      case ApplyOutcome.Refused refused -> printRefused(refused.problem());
    }
    out.flush();
    return !outcome.failed();
  }

  private void printApplied(ApplyOutcome.Applied applied) {
    if (applied.run().isEmpty()) {
      out.println(indent + "  applied (revision " + applied.revision() + ", no provisioning run)");
      return;
    }
    ProvisioningRun run = applied.run().get();
    if (run.plan().isEmpty()) {
      out.println(indent + "  (no changes)");
    }
    for (ProvisioningRun.PlanStep step : run.plan()) {
      out.println(indent + "  " + step.describe());
    }
    out.println(
        indent
            + "  "
            + run.status()
            + " (revision "
            + applied.revision()
            + (run.id().isEmpty() ? "" : ", run " + run.id())
            + ")");
    if (run.failed()) {
      run.error().ifPresent(error -> out.println(indent + "  error: " + error));
      // The log says where it stopped; on success the plan already says what happened.
      run.log().forEach(line -> out.println(indent + "    | " + line));
    }
  }

  private void printRefused(ApiProblem problem) {
    out.println(indent + "  refused: " + problem.summary());
    for (ApiProblem.FieldError error : problem.errors()) {
      out.println(indent + "    " + error.describe());
    }
  }

  /** How an {@code apply} went. */
  public record Report(int declarations, int failed) {

    public boolean succeeded() {
      return failed == 0;
    }

    public String summary() {
      String count = declarations + (declarations == 1 ? " declaration" : " declarations");
      if (failed == 0) {
        return "Applied " + count + ".";
      }
      return failed == declarations
          ? "All " + count + " failed."
          : failed + " of " + count + " failed; the others were applied.";
    }
  }
}
