package dev.passoff.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The metadata of a handoff as listings show it, without the body. */
public record HandoffSummary(
    HandoffId id,
    String title,
    List<String> tags,
    String fromClient,
    @Nullable String fromModel,
    @Nullable String toClient,
    Instant createdAt,
    HandoffStatus status) {

  public HandoffSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    tags = List.copyOf(tags);
    Objects.requireNonNull(fromClient, "fromClient");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
  }
}
