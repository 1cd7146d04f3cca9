package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * One session's entry in the poll gate's state file.
 *
 * @param idleStreak successive idle decisions
 * @param lastDecision the last decision written
 * @param updatedAt when it was written, in the runtime's timestamp format
 */
public record GateState(
    int idleStreak, @Nullable String lastDecision, @Nullable String updatedAt) {}
