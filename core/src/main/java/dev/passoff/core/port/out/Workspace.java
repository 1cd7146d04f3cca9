package dev.passoff.core.port.out;

import java.nio.file.Path;
import java.util.Optional;

/** The caller's working directory and its project-root override, read afresh on every call. */
public interface Workspace {
  /** The absolute working directory of the process serving the call. */
  Path workingDirectory();

  /**
   * The value of {@code PASSOFF_PROJECT_ROOT}, when set and not empty; it replaces the search for a
   * {@code .git} entry.
   */
  Optional<String> projectRootOverride();
}
