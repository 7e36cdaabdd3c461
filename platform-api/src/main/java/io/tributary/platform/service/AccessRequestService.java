package io.tributary.platform.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.platform.api.ErrorCode;
import io.tributary.platform.api.PlatformException;
import io.tributary.platform.api.view.AccessRequestView;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.events.CloudEvent;
import io.tributary.platform.events.DecisionEvents;
import io.tributary.platform.registry.AccessRequestEntry;
import io.tributary.platform.registry.AccessRequestId;
import io.tributary.platform.registry.AccessRequestRecord;
import io.tributary.platform.registry.AccessRequestStatus;
import io.tributary.platform.registry.Actor;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.ExpectedRevision;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.ProductStatus;
import io.tributary.platform.security.Caller;
import io.tributary.policies.grant.ProductColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Access requests: any caller who may see a product asks for its columns for a purpose and a while;
 * an owner of the product's domain (or a platform admin) approves, rejects or later revokes it.
 * Every decision is audited, published to Trino's rules at once, and sent as an event.
 */
@ApplicationScoped
public class AccessRequestService {
  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(AccessRequestService.class);
  private static final int MAXIMUM_PURPOSE_LENGTH = 1000;
  private static final Set<String> STATUSES =
      Set.of("pending", "approved", "rejected", "revoked", "expired");

  @Inject PlatformStore store;
  @Inject ProductService products;
  @Inject DomainService domains;
  @Inject AccessControlPublisher accessControl;
  @Inject DecisionEvents events;
  @Inject PlatformConfig config;
  @Inject ObjectMapper json;

  /** Which requests a listing shows: the caller's own, those they may decide, or both. */
  public enum Role {
    REQUESTER,
    DECIDER
  }

  /** Asks for access to a product the caller may see. */
  public AccessRequestRecord request(
      Caller caller, String domainName, String productName, JsonNode body, String requestId) {
    ProductRecord product = products.read(caller, domainName, productName, requestId);
    if (product.status() == ProductStatus.RETIRED) {
      throw new PlatformException(
          ErrorCode.CONFLICT,
          "%s.%s is retired: it takes no access requests".formatted(domainName, productName));
    }
    DataProduct declared = Documents.storedProduct(product.document());
    List<PlatformException.FieldError> problems = new ArrayList<>();
    JsonNode given = body == null ? json.nullNode() : body;
    Optional<List<String>> columns =
        columns(given.path("columns"), PolicyModel.columns(declared), problems);
    String purpose =
        given.path("purpose").isTextual() ? given.path("purpose").asText().strip() : "";
    if (purpose.isEmpty()) {
      problems.add(
          new PlatformException.FieldError("/purpose", "say what the data is for, as text"));
    } else if (purpose.length() > MAXIMUM_PURPOSE_LENGTH) {
      problems.add(
          new PlatformException.FieldError(
              "/purpose", "at most " + MAXIMUM_PURPOSE_LENGTH + " characters"));
    }
    Duration duration = duration(given.path("duration"), problems);
    if (!problems.isEmpty()) {
      throw new PlatformException(
          ErrorCode.INVALID_REQUEST, "The access request is not valid", problems);
    }
    AccessRequestRecord created =
        store.createAccessRequest(
            new AccessRequestEntry(
                domainName, productName, caller.user(), columns, purpose, duration),
            new Actor(caller.user(), requestId));
    emit("requested", created);
    return created;
  }

  private static Optional<List<String>> columns(
      JsonNode node, ProductColumns product, List<PlatformException.FieldError> problems) {
    if (node.isTextual() && node.asText().equals("all")) {
      return Optional.empty();
    }
    if (!node.isArray() || node.isEmpty()) {
      problems.add(
          new PlatformException.FieldError(
              "/columns", "\"all\" or a non-empty list of the product's columns"));
      return Optional.empty();
    }
    Set<String> columns = new LinkedHashSet<>();
    for (int index = 0; index < node.size(); index++) {
      JsonNode column = node.get(index);
      if (!column.isTextual() || !product.has(column.asText())) {
        problems.add(
            new PlatformException.FieldError(
                "/columns/" + index,
                "%s is not a column of %s; it has %s"
                    .formatted(column, product.product(), product.names())));
      } else {
        columns.add(column.asText());
      }
    }
    return Optional.of(List.copyOf(columns));
  }

  private Duration duration(JsonNode node, List<PlatformException.FieldError> problems) {
    Duration maximum = config.accessRequests().maxDuration();
    if (!node.isTextual()) {
      problems.add(
          new PlatformException.FieldError(
              "/duration",
              "an ISO-8601 duration such as P30D, at most " + AccessRequestView.text(maximum)));
      return maximum;
    }
    try {
      Duration duration = Duration.parse(node.asText());
      if (duration.isNegative() || duration.isZero()) {
        problems.add(new PlatformException.FieldError("/duration", "must be positive"));
        return maximum;
      }
      return duration.compareTo(maximum) > 0 ? maximum : duration;
    } catch (DateTimeParseException unreadable) {
      problems.add(
          new PlatformException.FieldError(
              "/duration",
              "'%s' is not an ISO-8601 duration such as P30D or PT12H".formatted(node.asText())));
      return maximum;
    }
  }

  /**
   * The caller's requests and those they may decide (on products of domains they own, or any as a
   * platform admin), newest first, optionally only one role's and one status's.
   */
  public List<AccessRequestRecord> list(
      Caller caller, Optional<String> status, Optional<Role> role, Instant now) {
    status.ifPresent(
        wanted -> {
          if (!STATUSES.contains(wanted)) {
            throw new PlatformException(
                ErrorCode.INVALID_REQUEST,
                "status must be one of %s, not '%s'".formatted(STATUSES, wanted));
          }
        });
    Map<String, AccessRequestRecord> found = new LinkedHashMap<>();
    if (role.isEmpty() || role.get() == Role.REQUESTER) {
      store.listAccessRequestsBy(caller.user()).forEach(r -> found.put(r.id().toString(), r));
    }
    if (role.isEmpty() || role.get() == Role.DECIDER) {
      for (DomainRecord domain : store.allDomains()) {
        if (io.tributary.platform.service.Role.of(caller, domain).mayChange()) {
          store.listAccessRequests(domain.name()).forEach(r -> found.put(r.id().toString(), r));
        }
      }
    }
    return found.values().stream()
        .filter(request -> status.isEmpty() || request.effectiveStatus(now).equals(status.get()))
        .sorted(
            Comparator.comparing((AccessRequestRecord request) -> request.id().ulid()).reversed())
        .toList();
  }

  /** One request, for its requester and those who may decide it. */
  public AccessRequestRecord read(Caller caller, String id, String requestId) {
    AccessRequestId requestIdentity = parse(id);
    DomainRecord domain = domains.require(requestIdentity.domain());
    AccessRequestRecord request =
        store.getAccessRequest(requestIdentity).orElseThrow(() -> notFound(id));
    if (!request.requester().equals(caller.user())
        && !io.tributary.platform.service.Role.of(caller, domain).mayChange()) {
      store.recordAuditEvent(
          domain.name(),
          new Actor(caller.user(), requestId),
          "access-request.read",
          id,
          AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Only its requester and the owners of domain '%s' may read access request %s"
              .formatted(domain.name(), id));
    }
    return request;
  }

  /**
   * Approves, rejects or revokes a request, as an owner of the product's domain or a platform
   * admin. Approving and revoking change Trino's rules before this returns.
   */
  public AccessRequestRecord decide(
      Caller caller,
      String id,
      AccessRequestStatus decision,
      String reason,
      Optional<Long> ifMatch,
      String requestId) {
    AccessRequestId requestIdentity = parse(id);
    Actor actor = new Actor(caller.user(), requestId);
    DomainRecord domain = domains.require(requestIdentity.domain());
    String verb =
        switch (decision) {
          case APPROVED -> "approve";
          case REJECTED -> "reject";
          case REVOKED -> "revoke";
          case PENDING -> throw new IllegalArgumentException("not a decision: " + decision);
        };
    if (!io.tributary.platform.service.Role.of(caller, domain).mayChange()) {
      store.recordAuditEvent(
          domain.name(), actor, "access-request." + verb, id, AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Only the owners of domain '%s' or platform admins may %s its access requests"
              .formatted(domain.name(), verb));
    }
    store.getAccessRequest(requestIdentity).orElseThrow(() -> notFound(id));
    if (reason != null && reason.length() > MAXIMUM_PURPOSE_LENGTH) {
      throw new PlatformException(
          ErrorCode.INVALID_REQUEST,
          "The reason is too long",
          List.of(
              new PlatformException.FieldError(
                  "/reason", "at most " + MAXIMUM_PURPOSE_LENGTH + " characters")));
    }
    AccessRequestRecord decided =
        store.decideAccessRequest(
            requestIdentity,
            decision,
            reason == null || reason.isBlank() ? null : reason.strip(),
            ifMatch.map(ExpectedRevision::exactly).orElse(ExpectedRevision.any()),
            actor);
    if (decision != AccessRequestStatus.REJECTED) {
      accessControl.publish();
    }
    emit(decision.name().toLowerCase(), decided);
    return decided;
  }

  private void emit(String kind, AccessRequestRecord request) {
    Instant now = Instant.now();
    try {
      events.emit(
          CloudEvent.accessRequest(
              kind,
              request.domain() + "." + request.product(),
              now,
              json.valueToTree(AccessRequestView.of(request, now))));
    } catch (RuntimeException e) {
      // The change is stored and audited; a sink's failure must not undo the answer.
      LOG.errorf(e, "Could not emit the %s event of access request %s", kind, request.id());
    }
  }

  private static AccessRequestId parse(String id) {
    try {
      return AccessRequestId.parse(id);
    } catch (IllegalArgumentException e) {
      throw notFound(id);
    }
  }

  private static PlatformException notFound(String id) {
    return PlatformException.notFound("No access request '%s'".formatted(id));
  }
}
