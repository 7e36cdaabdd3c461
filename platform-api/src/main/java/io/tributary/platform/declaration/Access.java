package io.tributary.platform.declaration;

import java.util.List;
import java.util.Objects;

/**
 * Who can find and read a product. When a declaration has no {@code access} section the product is
 * {@link Visibility#PRIVATE} with no grants: nothing is shown to others unless declared.
 *
 * <pre>
 * access:
 *   visibility: discoverable    # required in this section: discoverable | private
 *   grants: [...]               # optional
 * </pre>
 */
public record Access(Visibility visibility, List<Grant> grants) {

  /** What a product without an {@code access} section gets. */
  public static final Access PRIVATE_WITHOUT_GRANTS = new Access(Visibility.PRIVATE, List.of());

  public Access {
    Objects.requireNonNull(visibility, "visibility");
    grants = List.copyOf(grants);
  }
}
