package dev.passoff.core.service;

import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.port.in.GetHandoffUseCase;
import dev.passoff.core.port.out.HandoffStore;
import java.util.List;

/** Reads handoffs without stamping a load. */
public final class GetHandoffService implements GetHandoffUseCase {
  private final HandoffStore store;

  public GetHandoffService(HandoffStore store) {
    this.store = store;
  }

  @Override
  public Handoff get(HandoffId id) {
    return store.find(id).orElseThrow(() -> NotFoundException.handoff(id.value()));
  }

  @Override
  public List<LoadRecord> loads(HandoffId id) {
    get(id);
    return store.loads(id);
  }
}
