package dev.passoff.core.service;

import dev.passoff.core.port.in.ClearHandoffsUseCase;
import dev.passoff.core.port.in.ResolveProjectUseCase;
import dev.passoff.core.port.out.HandoffStore;
import org.jspecify.annotations.Nullable;

/** Archives a project's open handoffs in one go. */
public final class ClearHandoffsService implements ClearHandoffsUseCase {
  private final HandoffStore store;
  private final ResolveProjectUseCase projects;

  public ClearHandoffsService(HandoffStore store, ResolveProjectUseCase projects) {
    this.store = store;
    this.projects = projects;
  }

  @Override
  public String project(@Nullable String project) {
    return project == null || project.isBlank() ? projects.current().slug() : project;
  }

  @Override
  public long countOpen(String project) {
    return store.countOpen(project);
  }

  @Override
  public int clear(String project) {
    return store.archiveOpen(project);
  }
}
