package dev.passoff.core.port.in;

import dev.passoff.core.model.StoreReport;

/** Looks after the store: health checks and index repair. */
public interface MaintainStoreUseCase {
  /** Describes the store and runs its health checks without changing anything. */
  StoreReport inspect();

  /** Rebuilds the search index and returns the number of handoffs indexed. */
  long rebuildIndex();
}
