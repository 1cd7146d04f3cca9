package dev.passoff.core.testing.mailbox;

import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.port.out.MailboxRuntimes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runtimes held in memory, one per root; {@code init} creates one. */
public final class InMemoryMailboxRuntimes implements MailboxRuntimes {
  private final Clock clock;
  private final Map<Path, InMemoryMailboxRuntime> runtimes = new HashMap<>();

  public InMemoryMailboxRuntimes(Clock clock) {
    this.clock = clock;
  }

  /** The runtime at {@code root}, created when missing. */
  public synchronized InMemoryMailboxRuntime at(Path root) {
    return runtimes.computeIfAbsent(
        root.toAbsolutePath().normalize(), r -> new InMemoryMailboxRuntime(clock));
  }

  @Override
  public synchronized Optional<MailboxRuntime> open(Path root) {
    return Optional.ofNullable(runtimes.get(root.toAbsolutePath().normalize()));
  }

  @Override
  public synchronized List<String> init(Path root, boolean fresh, boolean gitignore) {
    Path key = root.toAbsolutePath().normalize();
    if (fresh) {
      runtimes.remove(key);
    }
    if (runtimes.containsKey(key)) {
      return List.of();
    }
    runtimes.put(key, new InMemoryMailboxRuntime(clock));
    return List.of(".handoff-runtime/");
  }
}
