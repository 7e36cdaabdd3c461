package io.tributary.lakehouse.mesh;

import java.util.Objects;
import java.util.Optional;

/** How the platform API answered one declaration. */
public sealed interface ApplyOutcome {

  /** Whether the declaration did not take effect. */
  boolean failed();

  /**
   * The API accepted the declaration and ran (or, on a dry run, planned) its provisioning.
   *
   * @param status 200 for a change to something that existed, 201 for something new
   * @param revision the registry's revision of the domain or product after the change
   * @param etag the {@code ETag} header, for a later conditional write
   * @param run what was provisioned; absent only if the API sends none
   */
  record Applied(int status, long revision, Optional<String> etag, Optional<ProvisioningRun> run)
      implements ApplyOutcome {
    public Applied {
      Objects.requireNonNull(etag, "etag");
      Objects.requireNonNull(run, "run");
    }

    @Override
    public boolean failed() {
      return run.map(ProvisioningRun::failed).orElse(false);
    }
  }

  /** The API refused the declaration, or could not be asked. */
  record Refused(ApiProblem problem) implements ApplyOutcome {
    public Refused {
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public boolean failed() {
      return true;
    }
  }
}
