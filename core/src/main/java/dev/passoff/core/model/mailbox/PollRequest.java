package dev.passoff.core.model.mailbox;

import dev.passoff.core.error.Violations;
import java.util.List;

/**
 * What {@code poll} is asked for.
 *
 * @param limit the most messages returned, 1 to 200
 * @param peek list only; never move the cursor
 * @param withNotes inline note text (up to 64 KiB per note)
 * @param alsoSessions retired sessions whose directed messages this session consumes
 * @param fromLatest start a session without a cursor at the peer stream's current end
 */
public record PollRequest(
    int limit, boolean peek, boolean withNotes, List<String> alsoSessions, boolean fromLatest) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 200;

  public PollRequest {
    alsoSessions = List.copyOf(alsoSessions);
    Violations v = new Violations();
    v.range("limit", limit, 1, MAX_LIMIT);
    for (String s : alsoSessions) {
      if (!SessionId.isValid(s)) {
        v.add("also-session", "'" + s + "' is not a valid session id");
      }
    }
    v.throwIfAny();
  }

  /** The defaults: 20 messages, advancing, no notes. */
  public static PollRequest defaults() {
    return new PollRequest(DEFAULT_LIMIT, false, false, List.of(), false);
  }
}
