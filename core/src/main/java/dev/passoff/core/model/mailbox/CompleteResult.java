package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * A completed lease message.
 *
 * @param reply the terminal reply that was sent
 * @param cursor the session's cursor afterwards
 * @param blockedBy the earlier message that kept the cursor from passing the completed one
 */
public record CompleteResult(SendResult reply, long cursor, @Nullable String blockedBy) {}
