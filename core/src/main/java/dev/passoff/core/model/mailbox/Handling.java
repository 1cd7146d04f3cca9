package dev.passoff.core.model.mailbox;

import java.util.Locale;

/** How a pending message is handled by one session (the rows of the classification table). */
public enum Handling {
  /** Directed at another session: counted, skipped. */
  ELSEWHERE(true, false),
  /** A {@code status} or {@code done}: read it; consumed once the cursor passes it. */
  CONSUME(false, true),
  /** The own stream already holds a terminal reply to it. */
  ANSWERED(true, false),
  /** An unknown type or a lease message breaking its rules: claim it and reply with an error. */
  REJECT(false, true),
  /** A lease message with no claim yet. */
  CLAIM(false, true),
  /** Claimed by this session and not expired: continue the earlier work. */
  RESUME(false, true),
  /** Claimed by another session and not expired. */
  HELD(true, false),
  /** Its claim has expired: reclaim it. */
  RECLAIM(false, true),
  /** Its claim names no owner and is younger than six hours. */
  OWNER_UNKNOWN(true, false);

  private final boolean autoAdvance;
  private final boolean returned;

  Handling(boolean autoAdvance, boolean returned) {
    this.autoAdvance = autoAdvance;
    this.returned = returned;
  }

  /** Whether the cursor moves over it without the caller. */
  public boolean autoAdvance() {
    return autoAdvance;
  }

  /** Whether {@code poll} returns it to the caller (the others are only counted). */
  public boolean returned() {
    return returned;
  }

  /** Whether it still needs this session's work, so the cursor must not pass it. */
  public boolean pendingWork() {
    return this == CLAIM || this == RESUME || this == RECLAIM || this == REJECT;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
