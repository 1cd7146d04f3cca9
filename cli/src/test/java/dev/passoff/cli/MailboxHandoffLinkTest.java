package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.TestHandoffs;
import dev.passoff.core.testing.TestIds;
import dev.passoff.core.testing.mailbox.InMemoryMailboxRuntime;
import dev.passoff.core.testing.mailbox.MailboxFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handoff carried through the mailbox shows up in the baton pass's thread, and back. */
class MailboxHandoffLinkTest {
  static final String ROOT = "/home/dev/projects/netutil";

  @TempDir Path home;

  @Test
  void threadListsTheMailboxMessagesThatCarriedTheChain() {
    TestCliServices cli = new TestCliServices(home);
    Handoff h = cli.store.create(TestHandoffs.aHandoff("Port the lexer", 0), new TestIds());
    cli.mailboxes.init(Path.of(ROOT), false, false);
    InMemoryMailboxRuntime runtime = cli.mailboxes.at(Path.of(ROOT));
    Map<String, @Nullable Object> f = MailboxFixtures.fields(Side.CLAUDE, 1, "handoff");
    f.put("passoff", Map.of("tool", "passoff/1", "handoff_id", h.id().value()));
    runtime.appendRaw(Side.CLAUDE, f);
    runtime.appendRaw(Side.CLAUDE, MailboxFixtures.fields(Side.CLAUDE, 2, "status"));

    String without = cli.run("thread", h.id().value()).out();
    cli.environment.put("PASSOFF_MAILBOX_ROOT", ROOT);
    TestCliServices.Run with = cli.run("thread", h.id().value());
    TestCliServices.Run json = cli.run("thread", h.id().value(), "--json");

    assertThat(with.exitCode()).isZero();
    assertThat(without).doesNotContain("mailbox");
    assertThat(with.out())
        .startsWith(without)
        .endsWith(
            "\nCarried through the mailbox:\n"
                + "  claude-000001 handoff from claude-main carries "
                + h.id().value()
                + ": handoff 1\n");
    assertThat(json.out()).doesNotContain("claude-000001");
  }
}
