package dev.passoff.core.port.in;

import org.jspecify.annotations.Nullable;

/** Archives every open handoff of a project at once. */
public interface ClearHandoffsUseCase {
  /** The project a clear would affect: the given one, or the current project when null. */
  String project(@Nullable String project);

  /** How many open handoffs the project holds. */
  long countOpen(String project);

  /** Archives the project's open handoffs and returns how many. */
  int clear(String project);
}
