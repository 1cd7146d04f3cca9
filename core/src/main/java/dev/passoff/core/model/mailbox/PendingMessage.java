package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * A message after the cursor with its handling for the polling session.
 *
 * @param seq the message's seq
 * @param handling what the session must do with it
 * @param claim the current claim on it, if any
 * @param message the message as written
 * @param noteText its note, inlined on request
 */
public record PendingMessage(
    long seq,
    Handling handling,
    @Nullable ClaimState claim,
    MailboxMessage message,
    @Nullable String noteText) {}
