package dev.passoff.core.model.mailbox;

import java.util.Locale;

/** How a {@code claim} request ended. */
public enum ClaimOutcome {
  /** This session now holds a new claim (possibly after reclaiming an expired one). */
  CLAIMED,
  /** This session already held an unexpired claim. */
  RESUMED,
  /** Another session holds an unexpired claim. */
  HELD,
  /** The own stream already holds a terminal reply. */
  ANSWERED,
  /** A claim file names no owner and is not old enough to reclaim. */
  OWNER_UNKNOWN;

  /** Whether the caller may go on with the work. */
  public boolean mine() {
    return this == CLAIMED || this == RESUMED;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
