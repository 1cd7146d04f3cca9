package dev.passoff.core.port.in;

import dev.passoff.core.model.HandoffListing;
import dev.passoff.core.model.ListHandoffsRequest;

/** Lists recent handoffs, metadata only. */
public interface ListHandoffsUseCase {
  /** Lists newest first within the requested scope. */
  HandoffListing list(ListHandoffsRequest request);
}
