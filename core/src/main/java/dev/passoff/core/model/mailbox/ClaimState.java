package dev.passoff.core.model.mailbox;

import java.time.Instant;

/**
 * What a claim file holds: a readable claim, or something that names no owner (empty, corrupt, or
 * without a session), which is never stolen before its modification time is six hours old.
 */
public sealed interface ClaimState permits ClaimState.Held, ClaimState.Unreadable {
  /** The claimed message id, as the claim file's name gives it. */
  String messageId();

  /** When the claim file was last modified. */
  Instant modified();

  /** The raw bytes of the claim file, which a reclaim compares before and after its rename. */
  byte[] bytes();

  /** A claim file that parses and names its message. */
  record Held(Claim claim, Instant modified, byte[] bytes) implements ClaimState {
    @Override
    public String messageId() {
      return claim.messageId();
    }
  }

  /** A claim file that is empty, not JSON, or names no session. */
  record Unreadable(String messageId, String problem, Instant modified, byte[] bytes)
      implements ClaimState {}
}
