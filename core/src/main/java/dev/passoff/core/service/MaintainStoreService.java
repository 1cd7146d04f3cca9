package dev.passoff.core.service;

import dev.passoff.core.model.StoreReport;
import dev.passoff.core.port.in.MaintainStoreUseCase;
import dev.passoff.core.port.out.HandoffStore;

/** Health checks and index repair, delegated to the store. */
public final class MaintainStoreService implements MaintainStoreUseCase {
  private final HandoffStore store;

  public MaintainStoreService(HandoffStore store) {
    this.store = store;
  }

  @Override
  public StoreReport inspect() {
    return store.inspect();
  }

  @Override
  public long rebuildIndex() {
    return store.rebuildIndex();
  }
}
