package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@code claim} or {@code renew}.
 *
 * @param outcome what happened
 * @param claim the claim now on the message, if there is a readable one
 * @param reply the terminal reply, when the outcome is {@link ClaimOutcome#ANSWERED}
 */
public record ClaimResult(ClaimOutcome outcome, @Nullable Claim claim, @Nullable String reply) {}
