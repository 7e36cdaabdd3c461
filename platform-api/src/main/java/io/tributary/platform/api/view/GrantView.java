package io.tributary.platform.api.view;

import io.tributary.policies.grant.Grant;
import io.tributary.policies.rowfilter.RowFilter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A grant as clients see it: who may read which columns and rows of which product, until when. */
public record GrantView(
    String principal,
    String product,
    String columns,
    Map<String, String> masks,
    String rowFilter,
    Instant expires,
    String purpose,
    String source) {

  public static GrantView of(Grant grant) {
    Map<String, String> masks = new LinkedHashMap<>();
    grant.masks().forEach((column, mask) -> masks.put(column, mask.declaredName()));
    return new GrantView(
        grant.principal().toString(),
        grant.product().toString(),
        grant.columns().toString(),
        masks,
        grant.rowFilter().map(RowFilter::toSqlText).orElse(null),
        grant.expires().orElse(null),
        grant.purpose().orElse(null),
        grant.source().toString());
  }
}
