package dev.passoff.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated handoff about to be stored; the store draws its id.
 *
 * @param tags the tags, or {@code null} when the creator gave none (stored as NULL, read as empty)
 */
public record NewHandoff(
    String project,
    String title,
    String content,
    @Nullable List<String> tags,
    ClientIdentity from,
    @Nullable String fromModel,
    @Nullable HandoffId parentId,
    Instant createdAt) {

  public NewHandoff {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(content, "content");
    tags = tags == null ? null : List.copyOf(tags);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The stored handoff this becomes under the given id. */
  public Handoff toHandoff(HandoffId id) {
    return new Handoff(
        id,
        project,
        title,
        content,
        tags == null ? List.of() : tags,
        from.name(),
        from.version(),
        fromModel,
        null,
        null,
        null,
        parentId,
        createdAt,
        null,
        HandoffStatus.OPEN);
  }
}
