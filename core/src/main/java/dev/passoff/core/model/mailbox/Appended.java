package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * A message that is now on disk.
 *
 * @param message the message as written
 * @param stream absolute path of the stream it was appended to
 * @param note the note written with it, relative to the runtime, if any
 */
public record Appended(MailboxMessage message, String stream, @Nullable String note) {}
