package dev.passoff.core.service.mailbox;

import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.port.in.MailboxUseCase;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import dev.passoff.core.port.out.MailboxRuntimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/** Finds and opens mailbox runtimes and builds a {@link MailboxService} over each. */
public final class MailboxOpener implements OpenMailboxUseCase {
  /** The environment variable naming the project root. */
  public static final String ROOT_VARIABLE = "PASSOFF_MAILBOX_ROOT";

  private static final String RUNTIME = ".handoff-runtime";

  private final MailboxRuntimes runtimes;
  private final Clock clock;
  private final IntSupplier runNumbers;
  private final String version;

  public MailboxOpener(
      MailboxRuntimes runtimes, Clock clock, IntSupplier runNumbers, String version) {
    this.runtimes = runtimes;
    this.clock = clock;
    this.runNumbers = runNumbers;
    this.version = version;
  }

  @Override
  public Optional<Path> findRoot(
      @Nullable Path explicit, Map<String, String> environment, Path workingDirectory) {
    Optional<Path> configured = configured(explicit, environment, workingDirectory);
    if (configured.isPresent()) {
      return configured;
    }
    return nearest(workingDirectory, RUNTIME);
  }

  @Override
  public Path initRoot(
      @Nullable Path explicit, Map<String, String> environment, Path workingDirectory) {
    return configured(explicit, environment, workingDirectory)
        .or(() -> nearest(workingDirectory, RUNTIME))
        .or(() -> nearest(workingDirectory, ".git"))
        .orElse(workingDirectory.toAbsolutePath().normalize());
  }

  private static Optional<Path> configured(
      @Nullable Path explicit, Map<String, String> environment, Path workingDirectory) {
    if (explicit != null) {
      return Optional.of(workingDirectory.resolve(explicit).toAbsolutePath().normalize());
    }
    String env = environment.get(ROOT_VARIABLE);
    if (env != null && !env.isBlank()) {
      return Optional.of(workingDirectory.resolve(env.strip()).toAbsolutePath().normalize());
    }
    return Optional.empty();
  }

  private static Optional<Path> nearest(Path start, String marker) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(marker);
      if (marker.equals(RUNTIME) ? Files.isDirectory(candidate) : Files.exists(candidate)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  @Override
  public MailboxUseCase open(Path root) {
    return runtimes
        .open(root)
        .<MailboxUseCase>map(r -> new MailboxService(r, clock, runNumbers, version))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no mailbox runtime at "
                        + root.resolve(RUNTIME)
                        + "; run passoff mailbox init"));
  }

  @Override
  public List<String> init(Path root, boolean fresh, boolean gitignore) {
    return runtimes.init(root, fresh, gitignore);
  }
}
