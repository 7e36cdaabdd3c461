package io.tributary.platform.query;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Reshapes the text a Trino-dialect engine (Trino, Athena engine v3) writes for temporal values to
 * the ISO-8601 pages carry, keeping the engine's precision.
 */
public final class EngineText {
  private EngineText() {}

  /**
   * A temporal value of this engine type as ISO-8601: {@code 2025-01-31 12:00:00.000000} becomes
   * {@code 2025-01-31T12:00:00.000000}, a zone becomes an offset; dates and times stay as they are.
   */
  public static String temporal(String text, String engineType) {
    if (text == null) {
      return null;
    }
    String type = engineType.toLowerCase(Locale.ROOT);
    if (type.startsWith("timestamp") && type.endsWith("with time zone")) {
      return isoWithOffset(text);
    }
    if (type.startsWith("timestamp")) {
      return text.replaceFirst(" ", "T");
    }
    return text;
  }

  /**
   * The engines write {@code 2025-01-31 12:00:00.000000 Europe/Paris}; ISO-8601 wants {@code
   * 2025-01-31T12:00:00.000000+01:00}.
   */
  private static String isoWithOffset(String text) {
    int zoneStart = text.lastIndexOf(' ');
    if (zoneStart < 0) {
      return text;
    }
    String local = text.substring(0, zoneStart).replace(' ', 'T');
    try {
      ZoneId zone = ZoneId.of(text.substring(zoneStart + 1));
      return local + zone.getRules().getOffset(LocalDateTime.parse(local)).getId();
    } catch (DateTimeException unexpectedShape) {
      return text;
    }
  }
}
