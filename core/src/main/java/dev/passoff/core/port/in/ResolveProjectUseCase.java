package dev.passoff.core.port.in;

import dev.passoff.core.model.ProjectLocation;

/** Tells which project the caller's working directory belongs to. */
public interface ResolveProjectUseCase {
  /** Resolves root and slug afresh from the current working directory. */
  ProjectLocation current();
}
