package io.tributary.platform.ingestion;

import java.util.Locale;
import java.util.Optional;

/** How a batch's records are laid out in the request body. */
public enum BatchFormat {
  /** One JSON array of objects. */
  JSON_ARRAY("application/json"),
  /** One JSON object per line. */
  NDJSON("application/x-ndjson");

  private final String mediaType;

  BatchFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format of a {@code Content-Type}, parameters such as {@code charset} ignored. */
  public static Optional<BatchFormat> ofContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String essence = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (BatchFormat format : values()) {
      if (format.mediaType.equals(essence)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
