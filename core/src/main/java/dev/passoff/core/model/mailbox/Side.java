package dev.passoff.core.model.mailbox;

import dev.passoff.core.error.ValidationException;
import java.util.Locale;
import java.util.Optional;

/** One of the two agents of a mailbox; each side writes exactly one stream. */
public enum Side {
  CLAUDE("claude", "claude-to-codex.jsonl"),
  CODEX("codex", "codex-to-claude.jsonl");

  private final String wire;
  private final String outbox;

  Side(String wire, String outbox) {
    this.wire = wire;
    this.outbox = outbox;
  }

  /** The side's name in ids, file names and the {@code from} field. */
  public String wire() {
    return wire;
  }

  /** The file name of the stream this side writes. */
  public String outboxFile() {
    return outbox;
  }

  /** The other side. */
  public Side peer() {
    return this == CLAUDE ? CODEX : CLAUDE;
  }

  /** The stream's short name: {@code c2x} for Claude's outbox, {@code x2c} for Codex's. */
  public String streamName() {
    return this == CLAUDE ? "c2x" : "x2c";
  }

  /** The side named {@code claude} or {@code codex} (any case), if it is one. */
  public static Optional<Side> find(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "claude" -> Optional.of(CLAUDE);
      case "codex" -> Optional.of(CODEX);
      default -> Optional.empty();
    };
  }

  /** Parses a side, or fails with a validation error naming {@code field}. */
  public static Side parse(String field, String name) {
    return find(name)
        .orElseThrow(
            () -> new ValidationException(field, "must be claude or codex, not '" + name + "'"));
  }

  /** The side whose stream has this file name ({@code c2x}/{@code x2c} accepted too). */
  public static Optional<Side> ofStream(String stream) {
    for (Side side : values()) {
      if (side.outbox.equals(stream) || side.streamName().equals(stream)) {
        return Optional.of(side);
      }
    }
    return Optional.empty();
  }
}
