package dev.passoff.core.port.out;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens and sets up mailbox runtimes. */
public interface MailboxRuntimes {
  /**
   * The runtime under {@code root}, if {@code root/.handoff-runtime} is a folder.
   *
   * @throws dev.passoff.core.error.StoreUnavailableException if it exists but is not a folder
   */
  Optional<MailboxRuntime> open(Path root);

  /**
   * Creates {@code root/.handoff-runtime} with its folders, the two empty streams, and the seq and
   * legacy cursor files holding {@code 0}, each only when missing; with {@code gitignore}, adds the
   * runtime to the root's {@code .gitignore} unless it is listed. With {@code fresh}, deletes an
   * existing runtime first.
   *
   * @return the paths created, relative to {@code root}
   */
  List<String> init(Path root, boolean fresh, boolean gitignore);
}
