package dev.passoff.core.testing.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.CursorStore;
import dev.passoff.core.port.out.MailboxRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CursorStore} honours, on a fresh runtime from {@link #createRuntime}.
 */
public abstract class AbstractCursorStoreTest {
  protected static final SessionId MAIN = new SessionId("codex-main");

  protected MailboxRuntime runtime;
  protected CursorStore cursors;

  /** A fresh runtime with no session cursors. */
  protected abstract MailboxRuntime createRuntime() throws Exception;

  @BeforeEach
  void open() throws Exception {
    runtime = createRuntime();
    cursors = runtime.cursors();
  }

  @Test
  void aSessionWithoutACursorFileIsMissing() {
    assertThat(cursors.session(Side.CODEX, MAIN)).isEqualTo(new CursorValue.Missing());
    assertThat(cursors.sessions(Side.CODEX)).isEmpty();
    assertThat(cursors.modified(Side.CODEX, MAIN.value())).isEmpty();
  }

  @Test
  void writtenCursorsReadBackPerSideAndSession() {
    cursors.writeSession(Side.CODEX, MAIN, 7);
    cursors.writeSession(Side.CODEX, new SessionId("codex-b"), 3);
    cursors.writeSession(Side.CLAUDE, new SessionId("claude-main"), 9);
    assertThat(cursors.session(Side.CODEX, MAIN)).isEqualTo(new CursorValue.Valid(7));
    assertThat(cursors.sessions(Side.CODEX))
        .containsOnlyKeys("codex-main", "codex-b")
        .containsEntry("codex-b", new CursorValue.Valid(3));
    assertThat(cursors.modified(Side.CODEX, MAIN.value())).isPresent();
  }

  @Test
  void aCursorCanBeReplacedAndForgotten() {
    cursors.writeSession(Side.CODEX, MAIN, 7);
    cursors.writeSession(Side.CODEX, MAIN, 12);
    assertThat(cursors.session(Side.CODEX, MAIN)).isEqualTo(new CursorValue.Valid(12));
    assertThat(cursors.forget(Side.CODEX, MAIN.value())).isTrue();
    assertThat(cursors.forget(Side.CODEX, MAIN.value())).isFalse();
    assertThat(cursors.session(Side.CODEX, MAIN)).isEqualTo(new CursorValue.Missing());
  }

  @Test
  void theLegacyCursorIsPerSide() {
    cursors.writeLegacy(Side.CODEX, 4);
    assertThat(cursors.legacy(Side.CODEX)).isEqualTo(new CursorValue.Valid(4));
    cursors.writeLegacy(Side.CODEX, 2);
    assertThat(cursors.legacy(Side.CODEX)).isEqualTo(new CursorValue.Valid(2));
  }

  @Test
  void noSessionIsConfiguredByDefault() {
    assertThat(cursors.configuredSession(Side.CLAUDE)).isEmpty();
  }

  @Test
  void lastSeenIsStampedPerSideInTheRuntimesTimestampFormat() {
    assertThat(cursors.lastSeen(Side.CLAUDE)).isEmpty();

    cursors.stampLastSeen(Side.CLAUDE, java.time.Instant.parse("2026-12-07T01:02:03.456789Z"));
    cursors.stampLastSeen(Side.CLAUDE, java.time.Instant.parse("2026-12-07T01:02:04Z"));

    assertThat(cursors.lastSeen(Side.CLAUDE)).contains("2026-12-07T01:02:04.000Z");
    assertThat(cursors.lastSeen(Side.CODEX)).isEmpty();
  }
}
