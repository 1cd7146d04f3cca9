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

  private static final java.util.Map<String, MessageType> BY_WIRE = byWire();

  private final boolean lease;
  private final String wire;

  MessageType(boolean lease) {
    this.lease = lease;
    this.wire = name().toLowerCase(java.util.Locale.ROOT);
  }

  private static java.util.Map<String, MessageType> byWire() {
    java.util.Map<String, MessageType> m = new java.util.HashMap<>();
    for (MessageType t : values()) {
      m.put(t.wire, t);
    }
    return java.util.Map.copyOf(m);
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
    return wire;
  }

  /** The type with this exact wire name. */
  public static Optional<MessageType> find(String wire) {
    return Optional.ofNullable(BY_WIRE.get(wire));
  }
}
