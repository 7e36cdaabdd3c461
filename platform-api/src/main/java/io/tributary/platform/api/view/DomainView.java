package io.tributary.platform.api.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.platform.declaration.Domain;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.service.Documents;
import java.time.Instant;
import java.util.List;

/** A domain with its private metadata: for its owners, members and admins. */
public record DomainView(
    String name,
    String title,
    String description,
    List<String> owners,
    List<String> members,
    long revision,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy,
    JsonNode declaration) {

  public static DomainView of(DomainRecord record) {
    Domain domain = Documents.storedDomain(record.document());
    return new DomainView(
        record.name(),
        domain.metadata().title().orElse(record.name()),
        domain.metadata().description().orElse(null),
        record.ownerGroups(),
        record.memberGroups(),
        record.revision(),
        record.createdAt(),
        record.createdBy(),
        record.updatedAt(),
        record.updatedBy(),
        Documents.tree(record.document()));
  }

  /** What anyone may know of a domain. */
  public record Summary(String name, String title, String description) {
    public static Summary of(DomainRecord record) {
      Domain domain = Documents.storedDomain(record.document());
      return new Summary(
          record.name(),
          domain.metadata().title().orElse(record.name()),
          domain.metadata().description().orElse(null));
    }
  }
}
