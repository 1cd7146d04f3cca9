package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * A message ready to append, with the note to write before it.
 *
 * @param message the complete, validated message
 * @param note the note to create exclusively before the line, if any
 */
public record Outgoing(MailboxMessage message, @Nullable Note note) {
  /**
   * A note file under {@code notes/}.
   *
   * @param path relative to the runtime, e.g. {@code notes/claude-000002.md}
   * @param text the Markdown to write
   */
  public record Note(String path, String text) {}
}
