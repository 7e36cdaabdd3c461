package io.tributary.platform.declaration;

import java.util.Locale;

/** Whether other domains can find a product's metadata; reading its rows always needs a grant. */
public enum Visibility {
  /** Listed in discovery for every authenticated user. */
  DISCOVERABLE,
  /** Seen only by the owning domain and the principals it grants. */
  PRIVATE;

  public String declaredName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
