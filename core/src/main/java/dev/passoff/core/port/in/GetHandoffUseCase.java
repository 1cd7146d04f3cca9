package dev.passoff.core.port.in;

import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.LoadRecord;
import java.util.List;

/** Reads a handoff without recording a load. */
public interface GetHandoffUseCase {
  /** The handoff with this id; throws not found otherwise. */
  Handoff get(HandoffId id);

  /** Its load history, oldest first; throws not found for an unknown id. */
  List<LoadRecord> loads(HandoffId id);
}
