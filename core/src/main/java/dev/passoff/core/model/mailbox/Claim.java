package dev.passoff.core.model.mailbox;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A lease on a message: the reading side's session that handles it, until {@code expiresAt}.
 *
 * @param side the reading side
 * @param session the claiming session, {@code null} when the claim file does not name one
 * @param messageId the claimed message id as written
 * @param runId {@code <side>-<yyyyMMdd'T'HHmmss'Z'>-<nnn>}
 * @param createdAt when the claim was made
 * @param expiresAt when the lease ends; {@code null} when missing or unreadable
 * @param completedBy the id of the terminal reply, once sent
 */
public record Claim(
    Side side,
    @Nullable String session,
    String messageId,
    @Nullable String runId,
    @Nullable Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable String completedBy) {
  public Claim {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(messageId, "messageId");
  }

  /** Whether the lease has ended at {@code now}; a claim without an expiry counts as ended. */
  public boolean expiredAt(Instant now) {
    return expiresAt == null || !now.isBefore(expiresAt);
  }

  /** Whether it is held by {@code session}. */
  public boolean heldBy(SessionId session) {
    return session.value().equals(this.session);
  }

  /** This claim with its terminal reply recorded. */
  public Claim completedBy(String replyId) {
    return new Claim(side, session, messageId, runId, createdAt, expiresAt, replyId);
  }

  /** This claim with a new expiry. */
  public Claim expiringAt(Instant expiry) {
    return new Claim(side, session, messageId, runId, createdAt, expiry, completedBy);
  }
}
