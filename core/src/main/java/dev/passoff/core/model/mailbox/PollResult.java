package dev.passoff.core.model.mailbox;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a session has pending.
 *
 * @param side the reading side
 * @param session the reading session
 * @param cursor the cursor after any auto-advance
 * @param advancedFrom the cursor before the auto-advance, when it moved
 * @param streamMaxSeq the peer stream's largest seq
 * @param counts messages counted but not returned, by handling
 * @param messages returned messages in seq order
 * @param more whether returned messages were left out by the limit
 * @param diagnostics lines skipped while reading, and other notices
 */
public record PollResult(
    Side side,
    SessionId session,
    long cursor,
    @Nullable Long advancedFrom,
    long streamMaxSeq,
    Counts counts,
    List<PendingMessage> messages,
    boolean more,
    List<String> diagnostics) {
  public PollResult {
    messages = List.copyOf(messages);
    diagnostics = List.copyOf(diagnostics);
  }

  /** The messages that need nothing from this session, by handling. */
  public record Counts(int elsewhere, int answered, int held, int ownerUnknown) {}
}
