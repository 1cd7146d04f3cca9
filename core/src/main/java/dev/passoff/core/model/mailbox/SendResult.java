package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * A sent (or, in a dry run, validated) message.
 *
 * @param message the message as written or as it would be written
 * @param stream absolute path of the stream
 * @param note the note path written (or to be written), relative to the runtime
 * @param dryRun whether nothing was written
 */
public record SendResult(
    MailboxMessage message, String stream, @Nullable String note, boolean dryRun) {}
