package io.tributary.platform.registry;

import java.util.Optional;

/**
 * Which page of a listing to read.
 *
 * @param pageSize the most items to return, 1 to {@value #MAXIMUM_PAGE_SIZE}
 * @param pageToken the opaque token of the previous page's {@link Page#nextPageToken}; empty for
 *     the first page
 */
public record PageRequest(int pageSize, Optional<String> pageToken) {
  /** The largest page the registry serves. */
  public static final int MAXIMUM_PAGE_SIZE = 1000;

  public PageRequest {
    if (pageSize < 1 || pageSize > MAXIMUM_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size must be between 1 and " + MAXIMUM_PAGE_SIZE + ", got " + pageSize);
    }
    pageToken = pageToken.filter(token -> !token.isEmpty());
  }

  /** The first page of the given size. */
  public static PageRequest first(int pageSize) {
    return new PageRequest(pageSize, Optional.empty());
  }

  /** The page after the one whose token is given. */
  public static PageRequest after(int pageSize, String pageToken) {
    return new PageRequest(pageSize, Optional.ofNullable(pageToken));
  }
}
