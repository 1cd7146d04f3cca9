package dev.passoff.core.model;

import dev.passoff.core.error.Violations;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to list handoffs, newest first.
 *
 * @param project the project; {@code null} for the current one, {@code *} for all
 * @param status which statuses to include
 * @param limit 1 to 50
 */
public record ListHandoffsRequest(@Nullable String project, StatusFilter status, int limit) {
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 50;

  public ListHandoffsRequest {
    Objects.requireNonNull(status, "status");
    Violations v = new Violations();
    project = v.optional("project", project, CreateHandoffRequest.MAX_PROJECT);
    v.range("limit", limit, 1, MAX_LIMIT);
    v.throwIfAny();
  }
}
