package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.mailbox.MailboxFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every mailbox command shares: help, usage errors and session resolution (§6.2, §12). */
class MailboxUsageTest {
  static final String ROOT = "/home/dev/projects/netutil";

  @TempDir Path home;
  TestCliServices cli;

  @BeforeEach
  void givenARuntimeWithOneTask() {
    cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);
    cli.mailboxes
        .at(Path.of(ROOT))
        .appendRaw(Side.CLAUDE, MailboxFixtures.fields(Side.CLAUDE, 1, "task"));
  }

  /** Each mailbox command with arguments that would otherwise succeed or fail later. */
  static Stream<Arguments> everyCommand() {
    return Stream.of(
        Arguments.of((Object) new String[] {"init"}),
        Arguments.of((Object) new String[] {"send", "--type", "status", "--summary", "x"}),
        Arguments.of((Object) new String[] {"poll"}),
        Arguments.of((Object) new String[] {"claim", "claude-000001"}),
        Arguments.of((Object) new String[] {"renew", "claude-000001"}),
        Arguments.of(
            (Object)
                new String[] {"complete", "claude-000001", "--type", "done", "--summary", "x"}),
        Arguments.of((Object) new String[] {"advance", "--through", "claude-000001"}),
        Arguments.of((Object) new String[] {"cursor"}),
        Arguments.of((Object) new String[] {"thread", "claude-000001"}),
        Arguments.of((Object) new String[] {"sessions"}),
        Arguments.of((Object) new String[] {"poll-gate"}),
        Arguments.of((Object) new String[] {"doctor"}),
        Arguments.of((Object) new String[] {"archive"}),
        Arguments.of((Object) new String[] {"repair"}));
  }

  private Run mailbox(String[] command, String... more) {
    List<String> args = new ArrayList<>(List.of("mailbox"));
    args.addAll(List.of(command));
    args.addAll(List.of("--root", ROOT, "--side", "codex"));
    args.addAll(List.of(more));
    return cli.run(args.toArray(new String[0]));
  }

  private static void thenInvalidSession(Run run, String[] command, String source) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("FATAL: session: invalid session id ").hasLineCount(1);
    assertThat(run.err()).contains("from " + source);
    if (command[0].equals("poll-gate")) {
      assertThat(run.out()).startsWith("{\"decision\": \"error\", \"reason\": ");
    } else {
      assertThat(run.out()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void givenAnInvalidSessionOption_everyCommand_exits2NamingTheSource(String[] command) {
    thenInvalidSession(mailbox(command, "--session", "bad session"), command, "--session");
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void givenAnInvalidSessionVariable_everyCommand_exits2NamingTheSource(String[] command) {
    cli.environment.put("HANDOFF_SESSION_ID", "-x");

    thenInvalidSession(mailbox(command), command, "HANDOFF_SESSION_ID");
  }

  @Test
  void givenAnInvalidSessionFile_poll_exits2NamingTheFile() {
    cli.mailboxes.at(Path.of(ROOT)).sessionFile(Side.CODEX, "a b\n");

    Run run = mailbox(new String[] {"poll"});

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(".handoff-runtime/.codex-session").hasLineCount(1);
  }

  @Test
  void givenAnInvalidSessionOption_init_createsNothing() {
    Run run = cli.run("mailbox", "init", "--root", "/home/dev/fresh", "--session", "bad session");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(cli.mailboxes.open(Path.of("/home/dev/fresh"))).isEmpty();
  }

  @Test
  void givenAnInvalidSide_poll_exits2() {
    Run run = cli.run("mailbox", "poll", "--root", ROOT, "--side", "gemini");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("FATAL: --side: must be claude or codex, not 'gemini'\n");
  }

  @Test
  void givenAnInvalidSideVariable_poll_exits2NamingIt() {
    cli.environment.put("PASSOFF_MAILBOX_SIDE", "both");

    Run run = cli.run("mailbox", "poll", "--root", ROOT);

    assertThat(run.err())
        .isEqualTo("FATAL: PASSOFF_MAILBOX_SIDE: must be claude or codex, not 'both'\n");
  }

  @Test
  void givenNoRuntime_everyReadingCommand_exits3() {
    for (String[] command :
        List.of(
            new String[] {"poll"},
            new String[] {"claim", "claude-000001"},
            new String[] {"cursor"},
            new String[] {"thread", "claude-000001"},
            new String[] {"sessions"},
            new String[] {"archive"},
            new String[] {"repair"})) {
      List<String> args = new ArrayList<>(List.of("mailbox"));
      args.addAll(List.of(command));
      args.addAll(List.of("--root", "/home/dev/elsewhere", "--side", "codex"));

      Run run = cli.run(args.toArray(new String[0]));

      assertThat(run.exitCode()).as(command[0]).isEqualTo(3);
      assertThat(run.out()).as(command[0]).isEmpty();
      assertThat(run.err())
          .as(command[0])
          .isEqualTo(
              "FATAL: no mailbox runtime at /home/dev/elsewhere/.handoff-runtime;"
                  + " run passoff mailbox init\n");
    }
  }

  @Test
  void givenABadStream_archiveAndRepair_exit2BeforeLookingForTheRuntime() {
    for (String command : List.of("archive", "repair")) {
      Run run =
          cli.run("mailbox", command, "--root", "/home/dev/elsewhere", "--stream", "sideways");

      assertThat(run.exitCode()).as(command).isEqualTo(2);
      assertThat(run.err())
          .as(command)
          .isEqualTo("FATAL: --stream: must be c2x or x2c, not 'sideways'\n");
    }
  }

  @Test
  void givenBothDryRunSpellingsAndAnUnknownFlag_archive_exits2() {
    Run run = cli.run("mailbox", "archive", "--root", ROOT, "--dry-run", "--keep-all");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("FATAL: ").contains("--keep-all").hasLineCount(1);
  }

  @Test
  void givenAnUnknownCommand_mailbox_exits2WithASuggestion() {
    Run run = cli.run("mailbox", "pol");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("FATAL: unknown mailbox command 'pol'").hasLineCount(1);
  }

  @Test
  void givenNoCommand_mailbox_exits2ListingTheCommands() {
    Run run = cli.run("mailbox");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("FATAL: missing command: one of init, send, poll,")
        .hasLineCount(1);
  }

  @Test
  void givenAnUnknownOption_send_exits2WithOneFatalLine() {
    Run run = cli.run("mailbox", "send", "--type", "status", "--summary", "x", "--urgent");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("FATAL: Unknown option: '--urgent'").hasLineCount(1);
  }

  @Test
  void help_listsEveryMailboxCommandWithoutOpeningAnything() {
    Run run = cli.run("mailbox", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("Usage: passoff mailbox ")
        .contains(
            "init",
            "send",
            "poll",
            "claim",
            "renew",
            "complete",
            "advance",
            "cursor",
            "thread",
            "sessions",
            "poll-gate",
            "doctor",
            "archive",
            "repair",
            "PASSOFF_MAILBOX_SIDE");
    assertThat(cli.useCaseCalls).hasValue(0);
  }

  @Test
  void commandHelp_printsItsOptions() {
    Run run = cli.run("mailbox", "send", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Usage: passoff mailbox send ")
        .contains("--context-stdin", "--skipped", "--lock-timeout", "--root", "--json");
    assertThat(cli.useCaseCalls).hasValue(0);
  }

  @Test
  void helpSubcommand_printsACommandsHelp() {
    Run run = cli.run("mailbox", "help", "poll-gate");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: passoff mailbox poll-gate ").contains("--skip-held");
  }

  @Test
  void passoffHelp_listsTheMailboxCommand() {
    Run run = cli.run("--help");

    assertThat(run.out()).contains("  mailbox ");
  }

  @Test
  void anAtSign_isNotReadAsAnArgumentFileByTheMailboxCommands() {
    Run run =
        cli.run(
            "mailbox",
            "send",
            "--root",
            ROOT,
            "--side",
            "claude",
            "--type",
            "status",
            "--summary",
            "@codex have a look",
            "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"summary\":\"@codex have a look\"");
  }
}
