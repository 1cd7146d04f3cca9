package dev.passoff.core.port.in;

import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.ThreadDirection;
import java.util.List;

/** Shows the lineage around a handoff. */
public interface ThreadHandoffUseCase {
  /** Ancestors root first, the anchor, then descendants level by level; throws not found. */
  List<Handoff> thread(HandoffId anchor, ThreadDirection direction);
}
