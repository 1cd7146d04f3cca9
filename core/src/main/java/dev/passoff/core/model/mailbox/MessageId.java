package dev.passoff.core.model.mailbox;

import dev.passoff.core.error.ValidationException;
import java.util.Optional;

/**
 * A stream message id: the writer side, {@code -}, and its seq. Passoff writes at least six digits
 * ({@code claude-000042}); readers accept any number, so {@code text} keeps the id as written.
 */
public record MessageId(String text, Side side, long seq) {

  public MessageId {
    if (seq < 0) {
      throw new IllegalArgumentException("negative seq " + seq);
    }
  }

  /** The id Passoff writes for this seq: {@code <side>-%06d}. */
  public static MessageId of(Side side, long seq) {
    return new MessageId(String.format("%s-%06d", side.wire(), seq), side, seq);
  }

  /** Reads an id written by anyone: any number of digits, seq within a signed 64-bit integer. */
  public static Optional<MessageId> read(String text) {
    // Hand-written rather than a regular expression: every line of every stream goes through it.
    Side side;
    int digits;
    if (text.startsWith("claude-")) {
      side = Side.CLAUDE;
      digits = 7;
    } else if (text.startsWith("codex-")) {
      side = Side.CODEX;
      digits = 6;
    } else {
      return Optional.empty();
    }
    int n = text.length();
    if (n == digits) {
      return Optional.empty();
    }
    long seq = 0;
    for (int i = digits; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
      int d = c - '0';
      if (seq > (Long.MAX_VALUE - d) / 10) {
        return Optional.empty();
      }
      seq = seq * 10 + d;
    }
    return Optional.of(new MessageId(text, side, seq));
  }

  /** Parses an id given by a user, failing with a validation error naming {@code field}. */
  public static MessageId parse(String field, String text) {
    return read(text.strip())
        .orElseThrow(
            () ->
                new ValidationException(
                    field, "'" + text + "' is not a message id like claude-000001"));
  }

  /** Whether {@code text} is an id in the form Passoff writes (six digits or more). */
  public static boolean isWritable(String text) {
    int prefix = text.startsWith("claude-") ? 7 : text.startsWith("codex-") ? 6 : -1;
    return prefix > 0 && text.length() - prefix >= 6 && read(text).isPresent();
  }

  @Override
  public String toString() {
    return text;
  }
}
