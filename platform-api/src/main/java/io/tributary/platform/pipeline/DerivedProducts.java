package io.tributary.platform.pipeline;

import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.Grant;
import io.tributary.platform.declaration.Principal;
import io.tributary.platform.declaration.Problem;
import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.service.Documents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the platform checks when a SQL-derived product is declared, beyond what the declaration says
 * on its own: the query reads only its declared inputs, and each input exists, is not retired, and
 * is readable by the declaring domain.
 *
 * <p>Readable means: in the same domain, or granted (without expiry, or expiring later) to one of
 * the declaring domain's owner groups. The refresh itself runs as the platform's service user, so
 * this check is what keeps a domain from deriving data it could not read itself.
 */
public final class DerivedProducts {
  static final String QUERY_POINTER = "/spec/source/query";
  static final String INPUTS_POINTER = "/spec/source/inputs";

  private DerivedProducts() {}

  /**
   * The problems of a declaration, each with its JSON pointer; empty when it is not SQL-derived or
   * has none.
   *
   * @param products finds a declared product
   */
  public static List<Problem> check(
      DataProduct product,
      DomainRecord declaringDomain,
      Function<ProductReference, Optional<ProductRecord>> products,
      Instant now) {
    if (!(product.spec().source() instanceof Source.Sql sql)) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    try {
      DerivedQuery query = DerivedQuery.parse(sql.query(), sql.inputs());
      for (ProductReference input : sql.inputs()) {
        if (!query.tablesRead().contains(input.toString())) {
          problems.add(
              new Problem(
                  INPUTS_POINTER + "/" + sql.inputs().indexOf(input),
                  "'" + input + "' is declared as an input but the query does not read it"));
        }
      }
    } catch (DerivedQuery.InvalidQueryException invalid) {
      problems.add(new Problem(QUERY_POINTER, invalid.getMessage()));
    }
    for (int position = 0; position < sql.inputs().size(); position++) {
      ProductReference input = sql.inputs().get(position);
      String pointer = INPUTS_POINTER + "/" + position;
      Optional<ProductRecord> record = products.apply(input);
      if (record.isEmpty() || record.get().status() == ProductStatus.RETIRED) {
        problems.add(
            new Problem(
                pointer,
                "input '"
                    + input
                    + "' "
                    + (record.isEmpty() ? "is not a declared product" : "is retired")));
        continue;
      }
      if (!input.domain().equals(declaringDomain.name())
          && !grantedToOwners(
              Documents.storedProduct(record.get().document()), declaringDomain, now)) {
        problems.add(
            new Problem(
                pointer,
                "input '"
                    + input
                    + "' is not readable by domain '"
                    + declaringDomain.name()
                    + "': it needs a grant to one of its owner groups "
                    + declaringDomain.ownerGroups().stream().map(group -> "group:" + group).toList()
                    + " in the input's declaration"));
      }
    }
    return problems;
  }

  private static boolean grantedToOwners(DataProduct input, DomainRecord domain, Instant now) {
    for (Grant grant : input.spec().access().grants()) {
      boolean current = grant.expires().map(expiry -> expiry.isAfter(now)).orElse(true);
      if (current
          && grant.principal().kind() == Principal.Kind.GROUP
          && domain.ownerGroups().contains(grant.principal().name())) {
        return true;
      }
    }
    return false;
  }
}
