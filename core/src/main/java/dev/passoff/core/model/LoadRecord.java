package dev.passoff.core.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One entry of a handoff's load history. */
public record LoadRecord(
    HandoffId handoffId,
    String client,
    @Nullable String clientVersion,
    @Nullable String model,
    Instant loadedAt) {

  public LoadRecord {
    Objects.requireNonNull(handoffId, "handoffId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(loadedAt, "loadedAt");
  }

  /** The history entry a load stamp leaves. */
  public static LoadRecord of(HandoffId id, LoadStamp stamp) {
    return new LoadRecord(
        id, stamp.client().name(), stamp.client().version(), stamp.model(), stamp.at());
  }
}
