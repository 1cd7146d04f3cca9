package dev.passoff.distribution.wiring;

import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.store.sqlite.SqliteHandoffStore;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Opens the SQLite file at {@code PASSOFF_DB_PATH} or {@code ~/.passoff/db.sqlite}. */
final class SqliteStoreFactory implements StoreFactory {
  private final Settings settings;

  @Inject
  SqliteStoreFactory(Settings settings) {
    this.settings = settings;
  }

  private Path path() {
    return SqliteHandoffStore.defaultPath(settings.environment(), settings.home());
  }

  @Override
  public HandoffStore open() {
    return SqliteHandoffStore.open(path(), settings.notices());
  }

  @Override
  public String location() {
    return path().toString();
  }
}
