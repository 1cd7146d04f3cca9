package dev.passoff.core.port.out;

import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.ReclaimOutcome;
import dev.passoff.core.model.mailbox.Side;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The claims (leases) of one runtime's reading sides. A claim never exists without content. */
public interface ClaimStore {
  /** The claim of {@code reader} on {@code messageId}, if there is a claim file. */
  Optional<ClaimState> find(Side reader, String messageId);

  /**
   * Creates the claim atomically with its full content; {@code false} if a claim on that message
   * already exists, which is left untouched.
   */
  boolean create(Claim claim);

  /**
   * Sets an expired claim aside and creates {@code replacement}. The claim file must still hold
   * exactly {@code expiredBytes}; it is renamed to {@code <name>.expired-<yyyyMMdd'T'HHmmss'Z'>}
   * (with {@code -<n>} if that exists) and checked again after the rename; a claim that changed in
   * between is moved back. Two reclaimers racing end with exactly one owner.
   *
   * @param now the time written into the set-aside name
   */
  ReclaimOutcome reclaim(Claim replacement, byte[] expiredBytes, Instant now);

  /** Replaces the claim file's content atomically (renewal, completion). */
  void replace(Claim claim);

  /** Every claim file ({@code *.json}) of {@code reader}. */
  List<ClaimState> all(Side reader);
}
