package dev.passoff.core.service;

import dev.passoff.core.error.InvalidRequestException;
import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.LoadHandoffRequest;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.port.in.LoadHandoffUseCase;
import dev.passoff.core.port.out.HandoffStore;
import java.time.Clock;

/** Loads a handoff by id or the newest active one, and records the receiver. */
public final class LoadHandoffService implements LoadHandoffUseCase {
  private final HandoffStore store;
  private final Clock clock;

  public LoadHandoffService(HandoffStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Handoff load(LoadHandoffRequest request, ClientIdentity client) {
    LoadStamp stamp = new LoadStamp(client, request.toModel(), Times.now(clock));
    String id = request.id();
    if (id != null) {
      return store
          .loadById(HandoffId.of(id), stamp)
          .orElseThrow(() -> NotFoundException.handoff(id));
    }
    if (!request.latest()) {
      throw new InvalidRequestException("Must provide either `id` or `latest: true`.");
    }
    String project = request.project();
    boolean all = project == null || ProjectScope.WILDCARD.equals(project);
    ProjectScope scope = all ? ProjectScope.all() : ProjectScope.of(project);
    return store
        .loadLatest(scope, stamp)
        .orElseThrow(
            () ->
                new NotFoundException(
                    (all
                            ? "No active handoffs found."
                            : "No active handoffs for project '" + project + "'.")
                        + " Use passoff_list to see archived ones, or passoff_create to write"
                        + " a new one."));
  }
}
