package dev.passoff.core.model;

import dev.passoff.core.error.Violations;
import org.jspecify.annotations.Nullable;

/**
 * A request to load a handoff: by id, or the newest active one with {@code latest}. Blank strings
 * count as absent.
 *
 * @param id the handoff to load; wins over {@code latest}
 * @param latest load the newest open or loaded handoff
 * @param project with {@code latest}: limit to this project; {@code null} or {@code *} for all
 * @param toModel the loading agent's model id (self-declared), or {@code null}
 */
public record LoadHandoffRequest(
    @Nullable String id, boolean latest, @Nullable String project, @Nullable String toModel) {

  public LoadHandoffRequest {
    Violations v = new Violations();
    id = v.optional("id", id, CreateHandoffRequest.MAX_ID);
    project = v.optional("project", project, CreateHandoffRequest.MAX_PROJECT);
    toModel = v.optional("to_model", toModel, CreateHandoffRequest.MAX_MODEL);
    v.throwIfAny();
  }

  /** Loads one handoff by id. */
  public static LoadHandoffRequest byId(String id, @Nullable String toModel) {
    return new LoadHandoffRequest(id, false, null, toModel);
  }

  /** Loads the newest active handoff, in one project or ({@code null}) across all. */
  public static LoadHandoffRequest latest(@Nullable String project, @Nullable String toModel) {
    return new LoadHandoffRequest(null, true, project, toModel);
  }
}
