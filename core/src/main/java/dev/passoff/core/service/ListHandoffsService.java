package dev.passoff.core.service;

import dev.passoff.core.model.HandoffListing;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.port.in.ListHandoffsUseCase;
import dev.passoff.core.port.out.HandoffStore;

/** Lists handoffs of the current project, a named one, or all. */
public final class ListHandoffsService implements ListHandoffsUseCase {
  private final HandoffStore store;
  private final ProjectResolver projects;

  public ListHandoffsService(HandoffStore store, ProjectResolver projects) {
    this.store = store;
    this.projects = projects;
  }

  @Override
  public HandoffListing list(ListHandoffsRequest request) {
    ProjectScope scope = projects.scope(request.project());
    return new HandoffListing(scope, store.list(scope, request.status(), request.limit()));
  }
}
