package dev.passoff.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A deliberate, self-contained note from one agent to the next: the unit of the baton pass.
 *
 * @param id the handoff's id
 * @param project project slug, or the string the creator gave
 * @param title one line
 * @param content markdown body
 * @param tags tags in the creator's order; empty when none or unreadable
 * @param fromClient creator's client name as the transport reported it
 * @param fromClientVersion creator's client version
 * @param fromModel model id the creating agent declared (self-declared)
 * @param toClient most recent loader's client name
 * @param toClientVersion most recent loader's client version
 * @param toModel model id the most recent loader declared (self-declared)
 * @param parentId the handoff this one continues
 * @param createdAt creation time, millisecond precision
 * @param loadedAt time of the most recent load
 * @param status open, loaded, archived, or a value another tool stored
 */
public record Handoff(
    HandoffId id,
    String project,
    String title,
    String content,
    List<String> tags,
    String fromClient,
    @Nullable String fromClientVersion,
    @Nullable String fromModel,
    @Nullable String toClient,
    @Nullable String toClientVersion,
    @Nullable String toModel,
    @Nullable HandoffId parentId,
    Instant createdAt,
    @Nullable Instant loadedAt,
    HandoffStatus status) {

  public Handoff {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(content, "content");
    tags = List.copyOf(tags);
    Objects.requireNonNull(fromClient, "fromClient");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
  }

  /** The metadata of this handoff without its body. */
  public HandoffSummary summary() {
    return new HandoffSummary(id, title, tags, fromClient, fromModel, toClient, createdAt, status);
  }

  /** A copy with another status. */
  public Handoff withStatus(HandoffStatus newStatus) {
    return new Handoff(
        id,
        project,
        title,
        content,
        tags,
        fromClient,
        fromClientVersion,
        fromModel,
        toClient,
        toClientVersion,
        toModel,
        parentId,
        createdAt,
        loadedAt,
        newStatus);
  }

  /** A copy with another parent. */
  public Handoff withParent(@Nullable HandoffId newParent) {
    return new Handoff(
        id,
        project,
        title,
        content,
        tags,
        fromClient,
        fromClientVersion,
        fromModel,
        toClient,
        toClientVersion,
        toModel,
        newParent,
        createdAt,
        loadedAt,
        status);
  }

  /**
   * A copy stamped by a load: the loader becomes the receiver and an open handoff becomes loaded;
   * an archived one stays archived.
   */
  public Handoff stampedBy(LoadStamp stamp) {
    HandoffStatus next = status.equals(HandoffStatus.ARCHIVED) ? status : HandoffStatus.LOADED;
    return new Handoff(
        id,
        project,
        title,
        content,
        tags,
        fromClient,
        fromClientVersion,
        fromModel,
        stamp.client().name(),
        stamp.client().version(),
        stamp.model(),
        parentId,
        createdAt,
        stamp.at(),
        next);
  }
}
