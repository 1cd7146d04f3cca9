package dev.passoff.core.service;

import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHandoffsRequest;
import dev.passoff.core.model.SearchResults;
import dev.passoff.core.port.in.SearchHandoffsUseCase;
import dev.passoff.core.port.out.HandoffStore;

/** Searches handoffs; every word of the query must match, literally. */
public final class SearchHandoffsService implements SearchHandoffsUseCase {
  private final HandoffStore store;
  private final ProjectResolver projects;

  public SearchHandoffsService(HandoffStore store, ProjectResolver projects) {
    this.store = store;
    this.projects = projects;
  }

  @Override
  public SearchResults search(SearchHandoffsRequest request) {
    ProjectScope scope = projects.scope(request.project());
    return new SearchResults(scope, store.search(request.terms(), scope, request.limit()));
  }
}
