package dev.passoff.store.jsonl;

import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.testing.TestClock;
import dev.passoff.core.testing.mailbox.AbstractClaimStoreTest;
import dev.passoff.core.testing.mailbox.AbstractCursorStoreTest;
import dev.passoff.core.testing.mailbox.AbstractMessageStoreTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The file store passes the mailbox contract suites, with and without an index cache. */
class JsonlMailboxContractTest {
  @TempDir Path dir;

  MailboxRuntime fresh(boolean cache) {
    JsonlMailboxRuntimes runtimes =
        new JsonlMailboxRuntimes(cache ? dir.resolve("cache") : null, new TestClock(), "test");
    Path root = dir.resolve("repo");
    runtimes.init(root, false, false);
    return runtimes.open(root).orElseThrow();
  }

  @Nested
  class Messages extends AbstractMessageStoreTest {
    @Override
    protected MailboxRuntime createRuntime() {
      return fresh(true);
    }
  }

  @Nested
  class MessagesWithoutCache extends AbstractMessageStoreTest {
    @Override
    protected MailboxRuntime createRuntime() {
      return fresh(false);
    }
  }

  @Nested
  class Cursors extends AbstractCursorStoreTest {
    @Override
    protected MailboxRuntime createRuntime() {
      return fresh(true);
    }
  }

  @Nested
  class Claims extends AbstractClaimStoreTest {
    @Override
    protected MailboxRuntime createRuntime() {
      return fresh(true);
    }
  }
}
