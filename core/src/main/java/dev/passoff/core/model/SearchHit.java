package dev.passoff.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One full-text search result.
 *
 * @param snippet a short extract of the body, matches in {@code [} {@code ]}
 */
public record SearchHit(
    HandoffId id,
    String title,
    String snippet,
    Instant createdAt,
    String fromClient,
    HandoffStatus status) {

  public SearchHit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(snippet, "snippet");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(fromClient, "fromClient");
    Objects.requireNonNull(status, "status");
  }
}
