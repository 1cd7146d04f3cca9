package dev.passoff.core.service;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.CreateHandoffRequest;
import dev.passoff.core.model.CreatedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.NewHandoff;
import dev.passoff.core.port.in.CreateHandoffUseCase;
import dev.passoff.core.port.in.ResolveProjectUseCase;
import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.core.port.out.IdSource;
import java.time.Clock;

/** Creates handoffs in the caller's project unless another one is named. */
public final class CreateHandoffService implements CreateHandoffUseCase {
  private final HandoffStore store;
  private final ResolveProjectUseCase projects;
  private final Clock clock;
  private final IdSource ids;

  public CreateHandoffService(
      HandoffStore store, ResolveProjectUseCase projects, Clock clock, IdSource ids) {
    this.store = store;
    this.projects = projects;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public CreatedHandoff create(CreateHandoffRequest request, ClientIdentity client) {
    String project = request.project() != null ? request.project() : projects.current().slug();
    NewHandoff draft =
        new NewHandoff(
            project,
            request.title(),
            request.content(),
            request.tags(),
            client,
            request.fromModel(),
            request.parentId() == null ? null : HandoffId.of(request.parentId()),
            Times.now(clock));
    Handoff stored = store.create(draft, ids);
    return new CreatedHandoff(stored.id(), stored.createdAt(), stored.project());
  }
}
