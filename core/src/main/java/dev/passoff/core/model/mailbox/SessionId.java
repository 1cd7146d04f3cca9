package dev.passoff.core.model.mailbox;

import dev.passoff.core.error.ValidationException;
import java.util.regex.Pattern;

/**
 * A session: one running agent of a side. Session ids name cursor files, so they are restricted to
 * {@code ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$}.
 */
public record SessionId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

  public SessionId {
    if (!isValid(value)) {
      throw new ValidationException("session", "'" + value + "' is not a valid session id");
    }
  }

  /** Whether {@code value} matches the session id pattern. */
  public static boolean isValid(String value) {
    return VALID.matcher(value).matches();
  }

  /** A session id from {@code source} (an option or file name), failing with that name. */
  public static SessionId parse(String source, String value) {
    if (!isValid(value)) {
      throw new ValidationException(
          "session",
          "invalid session id '"
              + value
              + "' from "
              + source
              + " (allowed: a letter or digit, then up to 63 of A-Z a-z 0-9 _ . : -)");
    }
    return new SessionId(value);
  }

  /** The default session of a side with a single session: {@code <side>-default}. */
  public static SessionId defaultFor(Side side) {
    return new SessionId(side.wire() + "-default");
  }

  @Override
  public String toString() {
    return value;
  }
}
