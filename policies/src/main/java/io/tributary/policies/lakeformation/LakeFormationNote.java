package io.tributary.policies.lakeformation;

import java.time.Instant;

/**
 * Something the compiled plan does differently from what the grants declare, always stricter. The
 * platform shows these notes in the product's metadata.
 */
public sealed interface LakeFormationNote {

  /** The product the note is about, as {@code domain.product}. */
  String product();

  /** The grant's principal, as declared ({@code group:NAME} or {@code user:NAME}). */
  String principal();

  /**
   * Lake Formation has no masks: the masked column is excluded from the grant instead, so the
   * principal does not see the column at all through Athena.
   */
  record MaskedColumnExcluded(String product, String principal, String column, Mask mask)
      implements LakeFormationNote {}

  /** The grant had expired when the plan was made: it is absent, so it is revoked. */
  record ExpiredGrantOmitted(String product, String principal, Instant expired)
      implements LakeFormationNote {}

  /**
   * No column is left once excluded and masked columns are taken away, and Lake Formation cannot
   * grant zero columns: the grant is left out.
   */
  record GrantWithoutColumnsOmitted(String product, String principal)
      implements LakeFormationNote {}
}
