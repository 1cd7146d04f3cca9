package dev.passoff.core.testing.mailbox;

import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.testing.TestClock;
import org.junit.jupiter.api.Nested;

/** The in-memory fake passes the same contract suites as the file store. */
class InMemoryMailboxRuntimeTest {
  @Nested
  class Messages extends AbstractMessageStoreTest {
    @Override
    protected MailboxRuntime createRuntime() {
      return new InMemoryMailboxRuntime(new TestClock());
    }
  }

  @Nested
  class Cursors extends AbstractCursorStoreTest {
    @Override
    protected MailboxRuntime createRuntime() {
      return new InMemoryMailboxRuntime(new TestClock());
    }
  }

  @Nested
  class Claims extends AbstractClaimStoreTest {
    @Override
    protected MailboxRuntime createRuntime() {
      return new InMemoryMailboxRuntime(new TestClock());
    }
  }
}
