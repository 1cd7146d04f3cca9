package dev.passoff.core.service;

import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.port.in.ChangeStatusUseCase;
import dev.passoff.core.port.out.HandoffStore;

/** Archives and reopens handoffs. */
public final class ChangeStatusService implements ChangeStatusUseCase {
  private final HandoffStore store;

  public ChangeStatusService(HandoffStore store) {
    this.store = store;
  }

  @Override
  public HandoffSummary archive(HandoffId id) {
    return set(id, HandoffStatus.ARCHIVED);
  }

  @Override
  public HandoffSummary reopen(HandoffId id) {
    return set(id, HandoffStatus.OPEN);
  }

  private HandoffSummary set(HandoffId id, HandoffStatus status) {
    return store.setStatus(id, status).orElseThrow(() -> NotFoundException.handoff(id.value()));
  }
}
