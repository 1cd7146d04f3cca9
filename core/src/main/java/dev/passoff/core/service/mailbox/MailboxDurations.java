package dev.passoff.core.service.mailbox;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restricted ISO 8601 durations of {@code expected_within} and {@code eta}: optional days, then
 * optionally {@code T} with hours[minutes][seconds], minutes[seconds] or seconds. No weeks, months,
 * years or fractions.
 */
public final class MailboxDurations {
  private static final Pattern FORM =
      Pattern.compile(
          "P(?=\\d|T\\d)(?:(\\d+)D)?(?:T(?:(\\d+)H(?:(\\d+)M)?(?:(\\d+)S)?|(\\d+)M(?:(\\d+)S)?|(\\d+)S))?");

  /** The error text for a value outside the subset. */
  public static final String PROBLEM =
      "must be an ISO 8601 duration (subset): PT30M, PT2H, P1D, P1DT2H, PT1H30M or PT45S";

  private MailboxDurations() {}

  /** Whether {@code text} is in the accepted subset. */
  public static boolean isValid(String text) {
    return FORM.matcher(text).matches();
  }

  /** The duration, when {@code text} is valid and fits. */
  public static Optional<Duration> parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Duration d = Duration.ZERO;
      d = d.plusDays(number(m.group(1)));
      d = d.plusHours(number(m.group(2)));
      d = d.plusMinutes(number(m.group(3)) + number(m.group(5)));
      d = d.plusSeconds(number(m.group(4)) + number(m.group(6)) + number(m.group(7)));
      return Optional.of(d);
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
