package dev.passoff.core.service.mailbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runtime's timestamp formats. Everything Passoff writes has exactly three fraction digits in
 * UTC; file names use the compact form. Reading accepts any ISO 8601 instant.
 */
public final class MailboxTimes {
  private static final DateTimeFormatter WRITE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter COMPACT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What every written timestamp matches. */
  public static final Pattern WRITTEN =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  private MailboxTimes() {}

  /** Whether {@code text} has the written form (without checking that the date exists). */
  public static boolean isWritten(String text) {
    if (text.length() != WRITTEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < WRITTEN_LENGTH; i++) {
      if (!fitsWritten(i, text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The length of the written form. */
  public static final int WRITTEN_LENGTH = 24;

  /**
   * Whether character {@code c} may stand at {@code position} of the written form: the one rule
   * behind {@link #isWritten} and byte-level checks of the same form.
   */
  public static boolean fitsWritten(int position, int c) {
    return switch (position) {
      case 4, 7 -> c == '-';
      case 10 -> c == 'T';
      case 13, 16 -> c == ':';
      case 19 -> c == '.';
      case 23 -> c == 'Z';
      default -> c >= '0' && c <= '9';
    };
  }

  /** {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC. */
  public static String format(Instant instant) {
    return WRITE.format(instant);
  }

  /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC, for file names and run ids. */
  public static String compact(Instant instant) {
    return COMPACT.format(instant);
  }

  /** Any ISO 8601 instant with {@code Z} or an offset and 0 to 9 fraction digits. */
  public static Optional<Instant> parse(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(Instant.parse(text.strip()));
      } catch (DateTimeParseException again) {
        return Optional.empty();
      }
    }
  }
}
