package dev.passoff.core.port.in;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Finds, opens and sets up the mailbox runtime of a repository. */
public interface OpenMailboxUseCase {
  /**
   * The project root: {@code explicit} if given, else {@code PASSOFF_MAILBOX_ROOT}, else the
   * nearest folder at or above {@code workingDirectory} that holds a {@code .handoff-runtime/}.
   */
  Optional<Path> findRoot(
      @Nullable Path explicit, Map<String, String> environment, Path workingDirectory);

  /**
   * Where {@code init} sets up: {@code explicit}, else {@code PASSOFF_MAILBOX_ROOT}, else the
   * nearest folder holding a runtime or a {@code .git}, else the working directory.
   */
  Path initRoot(@Nullable Path explicit, Map<String, String> environment, Path workingDirectory);

  /**
   * The mailbox at {@code root}.
   *
   * @throws dev.passoff.core.error.NotFoundException if it has no runtime
   */
  MailboxUseCase open(Path root);

  /** Sets up a runtime at {@code root}; returns the created paths. */
  List<String> init(Path root, boolean fresh, boolean gitignore);
}
