package dev.passoff.core.service;

import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.port.in.ThreadHandoffUseCase;
import dev.passoff.core.port.out.HandoffStore;
import java.util.List;

/** Walks the lineage around a handoff. */
public final class ThreadHandoffService implements ThreadHandoffUseCase {
  private final HandoffStore store;

  public ThreadHandoffService(HandoffStore store) {
    this.store = store;
  }

  @Override
  public List<Handoff> thread(HandoffId anchor, ThreadDirection direction) {
    return store
        .thread(anchor, direction)
        .orElseThrow(() -> NotFoundException.handoff(anchor.value()));
  }
}
