package dev.passoff.core.port.in;

import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffSummary;

/** Archives a finished handoff or reopens one. */
public interface ChangeStatusUseCase {
  /** Archives from any status; idempotent; throws not found. */
  HandoffSummary archive(HandoffId id);

  /** Sets the status back to open, keeping the load stamps; throws not found. */
  HandoffSummary reopen(HandoffId id);
}
