package dev.passoff.core.service;

import dev.passoff.core.model.HandoffId;
import dev.passoff.core.port.in.DeleteHandoffUseCase;
import dev.passoff.core.port.out.HandoffStore;

/** Deletes handoffs, refusing to orphan children unless asked to reparent them. */
public final class DeleteHandoffService implements DeleteHandoffUseCase {
  private final HandoffStore store;

  public DeleteHandoffService(HandoffStore store) {
    this.store = store;
  }

  @Override
  public void delete(HandoffId id, boolean reparent) {
    store.delete(id, reparent);
  }
}
