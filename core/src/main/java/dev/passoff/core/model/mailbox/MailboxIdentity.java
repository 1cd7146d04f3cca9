package dev.passoff.core.model.mailbox;

import dev.passoff.core.model.ClientIdentity;
import org.jspecify.annotations.Nullable;

/**
 * Who is acting: the configured side and resolved session, stamped by the adapter and never taken
 * from what a model claims.
 *
 * @param side the side the caller writes as
 * @param session the caller's session
 * @param client the MCP client, or {@code null} on the command line
 */
public record MailboxIdentity(Side side, SessionId session, @Nullable ClientIdentity client) {}
