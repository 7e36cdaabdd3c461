package io.tributary.platform.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The request's id (the client's {@code X-Request-Id}, or a new one) and its If-Match revision. */
@RequestScoped
public class RequestContext {
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Inject HttpServerRequest request;

  private String requestId;

  public String requestId() {
    if (requestId == null) {
      String given = request.getHeader("X-Request-Id");
      requestId =
          given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
    return requestId;
  }

  /** The revision named by {@code If-Match}: an ETag this API gave out, {@code "<revision>"}. */
  public Optional<Long> ifMatch() {
    String header = request.getHeader("If-Match");
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return Optional.empty();
    }
    String tag = header.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    tag = tag.replace("\"", "");
    try {
      return Optional.of(Long.parseLong(tag));
    } catch (NumberFormatException e) {
      throw new PlatformException(
          ErrorCode.INVALID_REQUEST,
          "If-Match takes an ETag this API returned, such as \"3\"; got " + header);
    }
  }

  /** The ETag of a revision. */
  public static String etag(long revision) {
    return "\"" + revision + "\"";
  }
}
