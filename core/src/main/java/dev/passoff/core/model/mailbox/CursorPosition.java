package dev.passoff.core.model.mailbox;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A session's effective cursor and where it came from.
 *
 * @param seq the largest consumed peer seq
 * @param source which file decided it
 * @param problem why the session file was ignored, when it is invalid
 */
public record CursorPosition(long seq, Source source, @Nullable String problem) {
  /** Where a cursor value came from. */
  public enum Source {
    /** The session's own cursor file. */
    FILE,
    /** The side's legacy cursor, seeding a session without a valid file. */
    LEGACY,
    /** Neither file: the start. */
    ZERO,
    /** The peer stream's end, for a new session asked to start there. */
    LATEST;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
