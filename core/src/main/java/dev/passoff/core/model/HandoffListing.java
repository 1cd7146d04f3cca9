package dev.passoff.core.model;

import java.util.List;
import java.util.Objects;

/** A page of handoff summaries and the project scope it was taken from. */
public record HandoffListing(ProjectScope scope, List<HandoffSummary> items) {
  public HandoffListing {
    Objects.requireNonNull(scope, "scope");
    items = List.copyOf(items);
  }
}
