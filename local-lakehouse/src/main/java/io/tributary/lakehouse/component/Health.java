package io.tributary.lakehouse.component;

/** The answer of a component's health probe. */
public record Health(boolean healthy, String detail) {

  public static Health up(String detail) {
    return new Health(true, detail);
  }

  public static Health down(String detail) {
    return new Health(false, detail);
  }
}
