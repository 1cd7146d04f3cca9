package dev.passoff.core.model.mailbox;

/** How a reclaim of an expired claim ended. */
public enum ReclaimOutcome {
  /** The expired claim was set aside and the new claim created. */
  RECLAIMED,
  /** The expired claim was gone or changed before it could be set aside: evaluate again. */
  RETRY,
  /** Another session created the new claim first. */
  HELD
}
