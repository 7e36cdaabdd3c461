package io.tributary.platform.declaration;

/** Builds RFC 6901 JSON pointers one token at a time. */
final class JsonPointers {

  private JsonPointers() {}

  /** The pointer to a field of the object at {@code parent}; escapes {@code ~} and {@code /}. */
  static String field(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer to an element of the array at {@code parent}. */
  static String index(String parent, int index) {
    return parent + "/" + index;
  }
}
