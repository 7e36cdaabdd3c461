package io.tributary.platform.registry;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Generates ULIDs (48-bit millisecond time, 80 random bits, Crockford base 32): unique ids whose
 * text order is their creation order. Within one millisecond the random part is incremented rather
 * than drawn again, so ids from one generator are strictly increasing and "newest first" listings
 * stay exact.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final Pattern FORMAT = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private long randomHigh; // upper 16 of the 80 random bits
  private long randomLow; // lower 64 of the 80 random bits

  /** A generator reading time from the clock given. */
  public Ulid(Clock clock) {
    this.clock = clock;
  }

  /** Whether the text is a ULID in canonical upper-case form. */
  public static boolean isValid(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  /** The next ULID, greater than every earlier one from this generator. */
  public synchronized String next() {
    long millis = Math.max(clock.millis(), lastMillis);
    if (millis == lastMillis) {
      randomLow++;
      if (randomLow == 0) {
        randomHigh = (randomHigh + 1) & 0xFFFF;
      }
    } else {
      lastMillis = millis;
      randomHigh = random.nextInt(0x10000);
      randomLow = random.nextLong();
    }
    char[] text = new char[26];
    long time = millis;
    for (int index = 9; index >= 0; index--) {
      text[index] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    // 80 random bits as 16 characters: 4 from the high 16 bits + low 64 bits, 5 bits at a time.
    long low = randomLow;
    long high = randomHigh;
    for (int index = 25; index >= 10; index--) {
      text[index] = ALPHABET[(int) (low & 31)];
      low = (low >>> 5) | ((high & 31) << 59);
      high >>>= 5;
    }
    return new String(text);
  }
}
