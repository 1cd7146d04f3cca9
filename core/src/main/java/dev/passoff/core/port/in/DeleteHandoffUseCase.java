package dev.passoff.core.port.in;

import dev.passoff.core.model.HandoffId;

/** Removes a handoff for good. */
public interface DeleteHandoffUseCase {
  /**
   * Deletes the handoff and its load history. A handoff with children is refused unless {@code
   * reparent}, which attaches the children to its parent in the same transaction.
   */
  void delete(HandoffId id, boolean reparent);
}
