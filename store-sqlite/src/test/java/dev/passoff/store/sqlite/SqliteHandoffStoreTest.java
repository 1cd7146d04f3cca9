package dev.passoff.store.sqlite;

import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.core.testing.AbstractHandoffStoreTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The HandoffStore contract, run against a real SQLite file per store. */
class SqliteHandoffStoreTest extends AbstractHandoffStoreTest {
  @TempDir Path dir;
  private final List<String> notices = new ArrayList<>();
  private int files;

  @Override
  protected HandoffStore createStore() {
    // A fresh file each time: the export/import test asks for a second, empty store.
    return SqliteHandoffStore.open(dir.resolve("db-" + files++ + ".sqlite"), notices::add);
  }
}
