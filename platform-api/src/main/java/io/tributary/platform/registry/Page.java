package io.tributary.platform.registry;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the items, in the listing's order
 * @param nextPageToken an opaque token to read the next page; empty on the last page
 * @param <T> the type of item
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
  public Page {
    items = List.copyOf(items);
  }
}
