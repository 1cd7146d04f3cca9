package dev.passoff.distribution.wiring;

import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.store.jsonl.log.JsonlHandoffStore;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Opens the append-only handoff log at {@code PASSOFF_LOG_PATH} or {@code
 * ~/.passoff/handoffs.jsonl}: a git-friendly alternative to the SQLite file.
 */
final class JsonlStoreFactory implements StoreFactory {
  /** Environment variable naming the log file. */
  static final String PATH_VARIABLE = "PASSOFF_LOG_PATH";

  private final Settings settings;

  @Inject
  JsonlStoreFactory(Settings settings) {
    this.settings = settings;
  }

  private Path path() {
    return settings
        .variable(PATH_VARIABLE)
        .map(p -> settings.workingDirectory().resolve(p).toAbsolutePath().normalize())
        .orElse(settings.home().resolve(".passoff").resolve("handoffs.jsonl"));
  }

  @Override
  public HandoffStore open() {
    return JsonlHandoffStore.open(path(), settings.notices());
  }

  @Override
  public String location() {
    return path().toString();
  }
}
