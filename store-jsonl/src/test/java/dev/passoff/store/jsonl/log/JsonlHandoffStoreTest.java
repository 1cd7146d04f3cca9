package dev.passoff.store.jsonl.log;

import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.core.testing.AbstractHandoffStoreTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The HandoffStore contract, run against a real log file per store. */
class JsonlHandoffStoreTest extends AbstractHandoffStoreTest {
  @TempDir Path dir;
  private int files;

  @Override
  protected HandoffStore createStore() {
    // A fresh file each time: the export/import test asks for a second, empty store.
    return JsonlHandoffStore.open(dir.resolve("handoffs-" + files++ + ".jsonl"));
  }
}
