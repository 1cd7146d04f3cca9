package dev.passoff.core.model.mailbox;

import java.util.Optional;

/**
 * The seven message types. Lease types must be claimed before a reader acts on them; pure types are
 * consumed without a claim and never answered with a {@code done}.
 */
public enum MessageType {
  TASK(true),
  HANDOFF(true),
  QUESTION(true),
  DONE(false),
  STATUS(false),
  ERROR(true),
  CANCEL(true);

  private final boolean lease;

  MessageType(boolean lease) {
    this.lease = lease;
  }

  /** Whether a reader must claim it before acting. */
  public boolean lease() {
    return lease;
  }

  /** Whether it terminates the message it replies to ({@code done} or {@code error}). */
  public boolean terminal() {
    return this == DONE || this == ERROR;
  }

  /** The name on the wire. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The type with this exact wire name. */
  public static Optional<MessageType> find(String wire) {
    for (MessageType t : values()) {
      if (t.wire().equals(wire)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
