package io.tributary.platform.api;

import io.tributary.platform.registry.PageRequest;
import java.util.Optional;

/** Page-size and page-token parameters, checked the same way everywhere. */
final class Paging {
  private Paging() {}

  static PageRequest request(int pageSize, String pageToken) {
    if (pageSize < 1 || pageSize > PageRequest.MAXIMUM_PAGE_SIZE) {
      throw new PlatformException(
          ErrorCode.INVALID_REQUEST,
          "pageSize must be between 1 and %d, got %d"
              .formatted(PageRequest.MAXIMUM_PAGE_SIZE, pageSize));
    }
    return new PageRequest(pageSize, Optional.ofNullable(pageToken));
  }
}
