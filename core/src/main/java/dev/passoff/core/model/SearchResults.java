package dev.passoff.core.model;

import java.util.List;
import java.util.Objects;

/** Ranked search hits and the project scope searched. */
public record SearchResults(ProjectScope scope, List<SearchHit> hits) {
  public SearchResults {
    Objects.requireNonNull(scope, "scope");
    hits = List.copyOf(hits);
  }
}
