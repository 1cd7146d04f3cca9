package dev.passoff.core.model.mailbox;

import dev.passoff.core.error.ValidationException;

/**
 * A session: one running agent of a side. Session ids name cursor files, so they are restricted to
 * {@code ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$}.
 */
public record SessionId(String value) {
  public SessionId {
    if (!isValid(value)) {
      throw new ValidationException("session", "'" + value + "' is not a valid session id");
    }
  }

  /** Whether {@code value} matches the session id pattern. */
  public static boolean isValid(String value) {
    int n = value.length();
    if (n == 0 || n > 64 || !alnum(value.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = value.charAt(i);
      if (!alnum(c) && c != '_' && c != '.' && c != ':' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
