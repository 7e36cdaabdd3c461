package io.tributary.platform.provisioning.terraform;

import java.time.Duration;

/**
 * Turns a SQL-derived product's {@code source.schedule} (an ISO-8601 duration) into the EventBridge
 * schedule expression of its refresh rule. EventBridge rates take a whole number of minutes, hours
 * or days, at least one minute, with a singular unit for 1 ({@code rate(1 hour)}) and a plural one
 * above ({@code rate(15 minutes)}).
 */
public final class EventBridgeSchedules {
  private static final long MINUTES_PER_HOUR = 60;
  private static final long MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

  private EventBridgeSchedules() {}

  /**
   * The {@code rate(...)} expression in the largest unit that divides the schedule evenly.
   *
   * @param product the product, {@code domain.product}, named in the error
   * @throws IllegalArgumentException naming the product when the schedule is under a minute or not
   *     a whole number of minutes
   */
  public static String rate(String product, Duration schedule) {
    if (schedule.compareTo(Duration.ofMinutes(1)) < 0
        || !schedule.equals(Duration.ofMinutes(schedule.toMinutes()))) {
      throw new IllegalArgumentException(
          "%s: source.schedule %s cannot be an EventBridge schedule, which takes whole minutes (at least one), hours or days"
              .formatted(product, schedule));
    }
    long minutes = schedule.toMinutes();
    if (minutes % MINUTES_PER_DAY == 0) {
      return expression(minutes / MINUTES_PER_DAY, "day");
    }
    if (minutes % MINUTES_PER_HOUR == 0) {
      return expression(minutes / MINUTES_PER_HOUR, "hour");
    }
    return expression(minutes, "minute");
  }

  private static String expression(long value, String unit) {
    return "rate(%d %s%s)".formatted(value, unit, value == 1 ? "" : "s");
  }
}
