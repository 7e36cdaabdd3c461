package io.tributary.platform.api;

import io.quarkus.security.Authenticated;
import io.tributary.platform.api.view.ProductSummary;
import io.tributary.platform.api.view.QualityView;
import io.tributary.platform.declaration.Sla;
import io.tributary.platform.registry.DomainRecord;
import io.tributary.platform.registry.Page;
import io.tributary.platform.registry.PageRequest;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.registry.QualityEvaluation;
import io.tributary.platform.security.Caller;
import io.tributary.platform.security.CurrentCaller;
import io.tributary.platform.service.Documents;
import io.tributary.platform.service.ProductService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Discovery: the products a caller may know of (discoverable ones, and the private ones of their
 * own domains), searched by text, domain and tag; metadata only, paginated.
 */
@Authenticated
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {
  @Inject CurrentCaller caller;
  @Inject PlatformStore store;

  /** One page of results. */
  public record Results(List<ProductSummary> products, String nextPageToken) {}

  @GET
  public Results discover(
      @QueryParam("q") String text,
      @QueryParam("domain") String domain,
      @QueryParam("tag") String tag,
      @QueryParam("pageSize") @DefaultValue("20") int pageSize,
      @QueryParam("pageToken") String pageToken) {
    Paging.request(pageSize, null);
    Position position = Position.decode(pageToken);
    Caller current = caller.get();
    Map<String, Optional<DomainRecord>> domains = new HashMap<>();
    // One registry query per domain on the page: listing runs no checks.
    Map<String, Map<String, QualityEvaluation>> qualities = new HashMap<>();
    List<ProductSummary> found = new ArrayList<>();
    String registryToken = position.registryToken();
    int skip = position.skip();
    while (true) {
      Page<ProductRecord> page =
          store.discoverProducts(new PageRequest(pageSize, Optional.ofNullable(registryToken)));
      List<ProductSummary> matches = new ArrayList<>();
      for (ProductRecord product : page.items()) {
        Optional<DomainRecord> owner =
            domains.computeIfAbsent(product.domain(), name -> store.getDomain(name));
        if (owner.isPresent() && ProductService.visibleTo(current, owner.get(), product)) {
          ProductSummary summary =
              ProductSummary.of(
                  product,
                  QualityView.listedStatus(
                      qualities
                          .computeIfAbsent(product.domain(), store::latestQualityEvaluations)
                          .get(product.product()),
                      Documents.storedProduct(product.document())
                          .spec()
                          .sla()
                          .map(Sla::freshness)));
          if (matches(summary, text, domain, tag)) {
            matches.add(summary);
          }
        }
      }
      List<ProductSummary> unseen = matches.subList(Math.min(skip, matches.size()), matches.size());
      int room = pageSize - found.size();
      if (unseen.size() > room) {
        found.addAll(unseen.subList(0, room));
        return new Results(found, new Position(registryToken, skip + room).encode());
      }
      found.addAll(unseen);
      if (page.nextPageToken().isEmpty()) {
        return new Results(found, null);
      }
      registryToken = page.nextPageToken().get();
      skip = 0;
      if (found.size() == pageSize) {
        return new Results(found, new Position(registryToken, 0).encode());
      }
    }
  }

  private static boolean matches(ProductSummary product, String text, String domain, String tag) {
    if (domain != null && !domain.isBlank() && !product.domain().equals(domain)) {
      return false;
    }
    if (tag != null && !tag.isBlank() && !product.tags().contains(tag)) {
      return false;
    }
    if (text == null || text.isBlank()) {
      return true;
    }
    String needle = text.toLowerCase(Locale.ROOT);
    return List.of(
            product.domain() + "." + product.name(),
            String.valueOf(product.title()),
            String.valueOf(product.description()),
            String.join(" ", product.tags()))
        .stream()
        .anyMatch(haystack -> haystack.toLowerCase(Locale.ROOT).contains(needle));
  }

  /** Where a page starts: the registry page it is in, and how many matches of it came before. */
  private record Position(String registryToken, int skip) {
    String encode() {
      String text = (registryToken == null ? "" : registryToken) + "\n" + skip;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String token) {
      if (token == null || token.isBlank()) {
        return new Position(null, 0);
      }
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int newline = text.lastIndexOf('\n');
        String registry = text.substring(0, newline);
        return new Position(
            registry.isEmpty() ? null : registry, Integer.parseInt(text.substring(newline + 1)));
      } catch (RuntimeException e) {
        throw new PlatformException(
            ErrorCode.INVALID_REQUEST, "pageToken is not a token this API gave out");
      }
    }
  }
}
