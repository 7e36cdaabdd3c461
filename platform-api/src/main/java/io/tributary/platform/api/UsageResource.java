package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.DomainService;
import io.tributary.platform.service.Role;
import io.tributary.platform.usage.UsageReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the queries the platform ran for a domain's products cost the engine, summed per product or
 * per consumer over a period; for the domain's owners and platform admins.
 */
@Authenticated
@Path("/api/v1/domains/{domain}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {
  /** The period when {@code from} is absent: the last thirty days. */
  private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  @Inject CurrentCaller caller;
  @Inject DomainService domains;
  @Inject PlatformStore store;
  @Inject PlatformConfig config;

  @GET
  public UsageReport usage(
      @PathParam("domain") String name,
      @QueryParam("from") String fromText,
      @QueryParam("to") String toText,
      @QueryParam("groupBy") String groupByText) {
    DomainRecord domain = domains.require(name);
    if (!Role.of(caller.get(), domain).mayChange()) {
      throw PlatformException.forbidden(
          "The usage of domain '%s' is for its owners and platform admins".formatted(name));
    }
    List<PlatformException.FieldError> errors = new ArrayList<>();
    Instant to = instant("to", toText, Instant.now(), errors);
    Instant from = instant("from", fromText, to == null ? null : to.minus(DEFAULT_PERIOD), errors);
    UsageReport.GroupBy groupBy =
        groupByText == null || groupByText.isBlank()
            ? UsageReport.GroupBy.PRODUCT
            : UsageReport.GroupBy.fromParameter(groupByText.strip());
    if (groupBy == null) {
      errors.add(
          new PlatformException.FieldError(
              "groupBy", "'%s' is neither product nor consumer".formatted(groupByText)));
    }
    if (from != null && to != null) {
      if (!from.isBefore(to)) {
        errors.add(new PlatformException.FieldError("from", "from must be before to"));
      } else if (Duration.between(from, to).compareTo(config.usage().maxPeriod()) > 0) {
        errors.add(
            new PlatformException.FieldError(
                "from",
                "the period from %s to %s is longer than %s"
                    .formatted(from, to, config.usage().maxPeriod())));
      }
    }
    if (!errors.isEmpty()) {
      throw new PlatformException(
          ErrorCode.INVALID_REQUEST,
          "The usage parameters are not valid: "
              + String.join(
                  "; ", errors.stream().map(PlatformException.FieldError::message).toList()),
          errors);
    }
    return UsageReport.of(
        domain.name(), from, to, groupBy, store.listUsage(domain.name(), from, to));
  }

  private static Instant instant(
      String parameter, String text, Instant absent, List<PlatformException.FieldError> errors) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException malformed) {
      errors.add(
          new PlatformException.FieldError(
              parameter,
              "'%s' is not an ISO-8601 instant such as 2025-01-31T00:00:00Z".formatted(text)));
      return null;
    }
  }
}
