package dev.passoff.core.testing;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.NewHandoff;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Factories for handoffs in tests. */
public final class TestHandoffs {
  public static final Instant T0 = Instant.parse("2025-11-21T22:00:00.000Z");
  public static final ClientIdentity CLAUDE = new ClientIdentity("claude-code", "1.0.0");

  private TestHandoffs() {}

  /** A draft in project {@code proj-abc123} created at {@code T0 + offsetMillis}. */
  public static NewHandoff aHandoff(String title, long offsetMillis) {
    return aHandoff("proj-abc123", title, "## Current State\nworking on " + title, offsetMillis);
  }

  public static NewHandoff aHandoff(
      String project, String title, String content, long offsetMillis) {
    return new NewHandoff(
        project,
        title,
        content,
        List.of("test"),
        CLAUDE,
        "claude-opus-4-1",
        null,
        T0.plusMillis(offsetMillis));
  }

  /** The same draft with a parent. */
  public static NewHandoff childOf(@Nullable HandoffId parent, NewHandoff draft) {
    return new NewHandoff(
        draft.project(),
        draft.title(),
        draft.content(),
        draft.tags(),
        draft.from(),
        draft.fromModel(),
        parent,
        draft.createdAt());
  }

  /** The same draft with other tags ({@code null} for none given). */
  public static NewHandoff withTags(@Nullable List<String> tags, NewHandoff draft) {
    return new NewHandoff(
        draft.project(),
        draft.title(),
        draft.content(),
        tags,
        draft.from(),
        draft.fromModel(),
        draft.parentId(),
        draft.createdAt());
  }
}
