package dev.passoff.core.model;

import java.util.List;
import java.util.Objects;

/** A handoff with its load history, as export writes and import reads it. */
public record ExportedHandoff(Handoff handoff, List<LoadRecord> loads) {
  public ExportedHandoff {
    Objects.requireNonNull(handoff, "handoff");
    loads = List.copyOf(loads);
  }
}
