package dev.passoff.core.port.out;

import dev.passoff.core.model.HandoffId;

/** Draws new handoff ids. */
@FunctionalInterface
public interface IdSource {
  /**
   * Returns a fresh id of the form {@code ph_} plus 8 characters from {@code [0-9A-Za-z]}. Ids
   * should be drawn uniformly from a cryptographically secure source so that collisions are rare;
   * stores still retry on a collision.
   */
  HandoffId nextHandoffId();
}
