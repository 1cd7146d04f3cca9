package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.mailbox.InMemoryMailboxRuntime;
import dev.passoff.core.testing.mailbox.MailboxFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code passoff mailbox poll-gate}: output byte for byte, decisions and exit codes (§7). */
class MailboxPollGateTest {
  static final String ROOT = "/home/dev/projects/netutil";

  @TempDir Path home;
  TestCliServices cli;
  InMemoryMailboxRuntime runtime;

  @BeforeEach
  void givenARuntime() {
    cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);
    runtime = cli.mailboxes.at(Path.of(ROOT));
  }

  private Run gate(String... args) {
    List<String> all = new ArrayList<>(List.of("mailbox", "poll-gate", "--root", ROOT));
    all.addAll(List.of("--side", "codex", "--session", "codex-main"));
    all.addAll(List.of(args));
    return cli.run(all.toArray(new String[0]));
  }

  private void givenClaudeWrote(long seq, String type, @Nullable String toSession) {
    Map<String, @Nullable Object> fields = MailboxFixtures.fields(Side.CLAUDE, seq, type);
    if (toSession != null) {
      fields.put("to_session", toSession);
    }
    runtime.appendRaw(Side.CLAUDE, fields);
  }

  @Test
  void givenALeaseMessage_pollGate_printsTheExactLineAndExits0() {
    givenClaudeWrote(1, "task", null);

    Run run = gate();

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            "{\"side\": \"codex\", \"session\": \"codex-main\", \"cursor\": 0,"
                + " \"stream_max_seq\": 1, \"decision\": \"process\", \"unread_total\": 1,"
                + " \"for_me\": 1, \"for_me_lease\": 1, \"for_me_pure\": 0,"
                + " \"directed_elsewhere\": 0, \"unknown_type\": 0}\n");
  }

  @Test
  void givenOnlyMessagesForAnotherSession_pollGate_isIdleAndExits20() {
    givenClaudeWrote(1, "status", "codex-other");
    givenClaudeWrote(2, "task", "codex-other");

    Run run = gate();

    assertThat(run.exitCode()).isEqualTo(20);
    assertThat(run.out())
        .isEqualTo(
            "{\"side\": \"codex\", \"session\": \"codex-main\", \"cursor\": 0,"
                + " \"stream_max_seq\": 2, \"decision\": \"idle\", \"unread_total\": 2,"
                + " \"for_me\": 0, \"for_me_lease\": 0, \"for_me_pure\": 0,"
                + " \"directed_elsewhere\": 2, \"unknown_type\": 0}\n");
  }

  @Test
  void givenAnEmptyQueueAndProactiveEvery3_pollGate_exits20_20_10_20() {
    List<Integer> codes = new ArrayList<>();
    List<String> decisions = new ArrayList<>();
    for (int run = 0; run < 4; run++) {
      Run gate = gate("--proactive-every", "3");
      codes.add(gate.exitCode());
      decisions.add(gate.out().replaceAll(".*\"decision\": \"([a-z]+)\".*\\n", "$1"));
    }

    assertThat(codes).containsExactly(20, 20, 10, 20);
    assertThat(decisions).containsExactly("idle", "idle", "proactive", "idle");
  }

  @Test
  void givenWorkAfterIdleRuns_pollGate_processesAndRestartsTheStreak() {
    gate("--proactive-every", "2");
    givenClaudeWrote(1, "question", null);

    assertThat(gate("--proactive-every", "2").exitCode()).isZero();

    // The process run reset the streak: one idle run before the next proactive one.
    cli.run(
        "mailbox",
        "advance",
        "--root",
        ROOT,
        "--side",
        "codex",
        "--session",
        "codex-main",
        "--through",
        "claude-000001",
        "--force");
    assertThat(gate("--proactive-every", "2").exitCode()).isEqualTo(20);
    assertThat(gate("--proactive-every", "2").exitCode()).isEqualTo(10);
  }

  @Test
  void givenQuiet_pollGate_printsNothingAndKeepsTheExitCode() {
    givenClaudeWrote(1, "done", null);

    Run run = gate("--quiet");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEmpty();
  }

  @Test
  void givenNoRuntime_pollGate_printsAJsonErrorAndExits2() {
    Run run = cli.run("mailbox", "poll-gate", "--side", "codex", "--root", "/home/dev/elsewhere");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .isEqualTo(
            "{\"decision\": \"error\", \"reason\": \"no mailbox runtime at"
                + " /home/dev/elsewhere/.handoff-runtime; run passoff mailbox init\"}\n");
    assertThat(run.err()).startsWith("FATAL: no mailbox runtime").hasLineCount(1);
  }

  @Test
  void givenNoRuntimeAndQuiet_pollGate_printsNothingOnStdoutAndExits2() {
    Run run =
        cli.run(
            "mailbox", "poll-gate", "--side", "codex", "--root", "/home/dev/elsewhere", "--quiet");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void givenAnInvalidSessionInTheEnvironment_pollGate_exits2() {
    cli.environment.put("HANDOFF_SESSION_ID", "-x");

    Run run = cli.run("mailbox", "poll-gate", "--side", "codex", "--root", ROOT);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).startsWith("{\"decision\": \"error\", \"reason\": \"").contains("-x");
    assertThat(run.err()).startsWith("FATAL: ").contains("HANDOFF_SESSION_ID").hasLineCount(1);
  }

  @Test
  void givenABadArgument_pollGate_exits2() {
    Run run = gate("--proactive-every", "often");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("FATAL: ").contains("often").hasLineCount(1);
  }

  @Test
  void givenSkipHeld_pollGate_leavesOutMessagesAnotherSessionHolds() {
    givenClaudeWrote(1, "task", null);
    cli.run(
        "mailbox",
        "claim",
        "claude-000001",
        "--root",
        ROOT,
        "--side",
        "codex",
        "--session",
        "codex-other");

    assertThat(gate().exitCode()).isZero();
    assertThat(gate("--skip-held").exitCode()).isEqualTo(20);
  }
}
