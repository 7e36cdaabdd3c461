package io.tributary.platform.service;

import io.tributary.platform.api.PlatformException;
import io.tributary.platform.declaration.DeclarationException;
import io.tributary.platform.declaration.Domain;
import io.tributary.platform.declaration.Problem;
import io.tributary.platform.registry.Actor;
import io.tributary.platform.registry.AuditOutcome;
import io.tributary.platform.registry.DomainEntry;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.ExpectedRevision;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Onboarding and changing domains: who may, what is stored, and the run that provisions it. */
@ApplicationScoped
public class DomainService {
  @Inject PlatformStore store;
  @Inject Provisioning provisioning;
  @Inject DomainLocks locks;

  /** The stored domain, whether it was new, and the run that provisioned it. */
  public record Result(DomainRecord domain, boolean created, Provisioning.RunResult run) {}

  public Result put(
      Caller caller, String name, String body, Optional<Long> ifMatch, String requestId) {
    Actor actor = new Actor(caller.user(), requestId);
    Documents.Submitted<Domain> submitted = Documents.domain(body);
    if (!submitted.declaration().name().equals(name)) {
      throw new DeclarationException(
          List.of(
              new Problem(
                  "/metadata/name",
                  "the declaration names domain '%s' but the URL names '%s'"
                      .formatted(submitted.declaration().name(), name))));
    }
    return locks.withLock(
        name,
        () -> {
          Optional<DomainRecord> existing = store.getDomain(name);
          boolean allowed =
              existing.map(domain -> Role.of(caller, domain).mayChange()).orElse(caller.admin());
          if (!allowed) {
            store.recordAuditEvent(
                name,
                actor,
                existing.isPresent() ? "domain.update" : "domain.create",
                name,
                AuditOutcome.DENIED);
            throw PlatformException.forbidden(
                existing.isPresent()
                    ? "Only the owners of domain '%s' or platform admins may change it"
                        .formatted(name)
                    : "Only platform admins may onboard a domain");
          }
          ExpectedRevision expected =
              ifMatch
                  .map(ExpectedRevision::exactly)
                  .orElse(
                      existing.isPresent() ? ExpectedRevision.any() : ExpectedRevision.absent());
          Domain domain = submitted.declaration();
          DomainRecord stored =
              store.putDomain(
                  new DomainEntry(
                      name, submitted.json(), domain.spec().owners(), domain.spec().members()),
                  expected,
                  actor);
          Provisioning.RunResult run =
              provisioning.provision(
                  provisioning.desiredState(stored, Map.of()),
                  (existing.isPresent() ? "domain updated by " : "domain onboarded by ")
                      + caller.user());
          return new Result(stored, existing.isEmpty(), run);
        });
  }

  /** The domain, for a caller who may see its private metadata. */
  public DomainRecord read(Caller caller, String name, String requestId) {
    DomainRecord domain = require(name);
    if (!Role.of(caller, domain).mayReadPrivate()) {
      store.recordAuditEvent(
          name, new Actor(caller.user(), requestId), "domain.read", name, AuditOutcome.DENIED);
      throw PlatformException.forbidden(
          "Domain '%s' shows its details to its owners and members only".formatted(name));
    }
    return domain;
  }

  public DomainRecord require(String name) {
    return store
        .getDomain(name)
        .orElseThrow(() -> PlatformException.notFound("No domain '%s'".formatted(name)));
  }
}
