package dev.passoff.core.model;

import java.time.Instant;
import java.util.Objects;

/** What a create returns: the new id, its time and the project it was filed under. */
public record CreatedHandoff(HandoffId id, Instant createdAt, String project) {
  public CreatedHandoff {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(project, "project");
  }
}
