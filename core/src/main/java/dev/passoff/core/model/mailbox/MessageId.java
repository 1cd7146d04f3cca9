package dev.passoff.core.model.mailbox;

import dev.passoff.core.error.ValidationException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream message id: the writer side, {@code -}, and its seq. Passoff writes at least six digits
 * ({@code claude-000042}); readers accept any number, so {@code text} keeps the id as written.
 */
public record MessageId(String text, Side side, long seq) {
  private static final Pattern READ = Pattern.compile("(codex|claude)-(\\d+)");
  private static final Pattern WRITE = Pattern.compile("(codex|claude)-\\d{6,}");

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
    Matcher m = READ.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long seq = Long.parseLong(m.group(2));
      return Optional.of(new MessageId(text, Side.find(m.group(1)).orElseThrow(), seq));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
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
    return WRITE.matcher(text).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
