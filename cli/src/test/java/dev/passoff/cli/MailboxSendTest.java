package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.mailbox.InMemoryMailboxRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code passoff mailbox send}: flags, output forms and refusals (mailbox.md §5.3, §5.4, §12). */
class MailboxSendTest {
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

  /** Runs {@code passoff mailbox send} as claude-main in the test root. */
  private Run send(String... args) {
    return sendWithInput("", args);
  }

  private Run sendWithInput(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("mailbox", "send", "--root", ROOT));
    all.addAll(List.of("--side", "claude", "--session", "claude-main"));
    all.addAll(List.of(args));
    return cli.runWithInput(stdin, all.toArray(new String[0]));
  }

  private List<MailboxMessage> outbox() {
    return runtime.messages().readAfter(Side.CLAUDE, 0, 100, false).messages();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> message(Run run) {
    return (Map<String, Object>) object(run.out()).get("message");
  }

  private static void thenFailedWith(Run run, int exitCode, String... problems) {
    assertThat(run.exitCode()).isEqualTo(exitCode);
    assertThat(run.out()).isEmpty();
    List<String> lines = run.err().lines().toList();
    assertThat(lines).hasSize(problems.length);
    for (int i = 0; i < problems.length; i++) {
      assertThat(lines.get(i)).startsWith("FATAL: ").contains(problems[i]);
    }
  }

  @Test
  void givenAHandoff_sendWithHandoff_carriesItsMarkdownInTheNoteAndLinksIt() {
    dev.passoff.core.model.Handoff h =
        cli.store.create(
            dev.passoff.core.testing.TestHandoffs.aHandoff("Port the lexer", 0),
            new dev.passoff.core.testing.TestIds());

    Run run =
        send(
            "--type",
            "handoff",
            "--summary",
            "Your turn",
            "--next-action",
            "review",
            "--handoff",
            h.id().value());
    Run unknown =
        send(
            "--type", "handoff", "--summary", "x", "--next-action", "y", "--handoff", "ph_missing");

    assertThat(run.exitCode()).as(run.err()).isZero();
    MailboxMessage m = outbox().get(0);
    assertThat(m.handoffId()).isEqualTo(h.id().value());
    assertThat(runtime.messages().readNote(m.notesFile(), 10_000).orElseThrow())
        .startsWith("# Port the lexer\n")
        .contains("working on Port the lexer");
    thenFailedWith(unknown, 3, "ph_missing");
    assertThat(outbox()).hasSize(1);
  }

  @Test
  void givenATask_send_printsTheMessageAndWhereItWasWritten() {
    Run run = send("--type", "task", "--summary", "Fix the parser", "--goal", "green tests");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
            {
              "v": "1.0",
              "id": "claude-000001",
              "ts": "2025-11-21T22:24:50.123Z",
              "from": "claude",
              "from_session": "claude-main",
              "type": "task",
              "thread": "claude-000001",
              "summary": "Fix the parser",
              "blocking": false,
              "peer_cursor_observed": 0,
              "refs": {
                "reply_to": null,
                "notes_file": null,
                "commit": null
              },
              "goal": "green tests",
              "files_changed": [],
              "passoff": {
                "tool": "passoff/0.1.0-test"
              }
            }
            WROTE claude-000001 to memory/claude-to-codex.jsonl
            """);
    assertThat(outbox()).extracting(m -> m.id().text()).containsExactly("claude-000001");
  }

  @Test
  void givenJson_send_printsOneCompactObject() {
    Run run =
        send("--type", "status", "--summary", "Working on it", "--state", "progress", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
    Map<String, Object> out = object(run.out());
    assertThat(out).containsOnlyKeys("id", "stream", "note", "message");
    assertThat(out.get("id")).isEqualTo("claude-000001");
    assertThat(out.get("stream")).isEqualTo("memory/claude-to-codex.jsonl");
    assertThat(out.get("note")).isNull();
    assertThat(message(run)).containsEntry("state", "progress").containsEntry("type", "status");
  }

  @Test
  void givenEveryScalarAndListFlag_send_writesThemAll() {
    Run run =
        send(
            "--type",
            "task",
            "--summary",
            "Split the loader",
            "--next-action",
            "read the loader",
            "--priority",
            "urgent",
            "--blocking",
            "--expected-within",
            "PT2H",
            "--eta",
            "PT1H",
            "--commit",
            "abc123",
            "--to-session",
            "codex-main",
            "--thread",
            "claude-000009",
            "--acceptance",
            "tests pass",
            "--acceptance",
            "no new warnings",
            "--constraint",
            "keep the API",
            "--context-file-ref",
            "src/Loader.java",
            "--file-changed",
            "src/Config.java",
            "--peer-cursor-observed",
            "7",
            "--json");

    assertThat(run.exitCode()).isZero();
    Map<String, Object> m = message(run);
    assertThat(m)
        .containsEntry("next_action", "read the loader")
        .containsEntry("priority", "urgent")
        .containsEntry("blocking", true)
        .containsEntry("expected_within", "PT2H")
        .containsEntry("eta", "PT1H")
        .containsEntry("to_session", "codex-main")
        .containsEntry("thread", "claude-000009")
        .containsEntry("acceptance", List.of("tests pass", "no new warnings"))
        .containsEntry("constraints", List.of("keep the API"))
        .containsEntry("context_files", List.of("src/Loader.java"))
        .containsEntry("files_changed", List.of("src/Config.java"))
        .containsEntry("peer_cursor_observed", 7L);
    assertThat(m.get("refs")).isEqualTo(refs(null, null, "abc123"));
  }

  private static Map<String, Object> refs(String replyTo, String notes, String commit) {
    Map<String, Object> refs = new java.util.LinkedHashMap<>();
    refs.put("reply_to", replyTo);
    refs.put("notes_file", notes);
    refs.put("commit", commit);
    return refs;
  }

  @Test
  void givenSkippedInTheThreeForms_send_writesEachItem() {
    Run run =
        send(
            "--type",
            "done",
            "--summary",
            "Applied most",
            "--reply-to",
            "codex-000004",
            "--applied",
            "2",
            "--total-proposed",
            "5",
            "--skipped",
            "{\"id\": \"P-1\", \"reason\": \"already fixed\"}",
            "--skipped",
            "P-2=out of scope",
            "--skipped",
            "P-3:needs a decision: yours",
            "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    Map<String, Object> m = message(run);
    assertThat(m.get("skipped"))
        .isEqualTo(
            List.of(
                Map.of("id", "P-1", "reason", "already fixed"),
                Map.of("id", "P-2", "reason", "out of scope"),
                Map.of("id", "P-3", "reason", "needs a decision: yours")));
    assertThat(m).containsEntry("applied", 2L).containsEntry("total_proposed", 5L);
  }

  @Test
  void givenSkippedWithoutReason_send_exits2WithOneLinePerBadItemAndWritesNothing() {
    Run run =
        send(
            "--type", "done",
            "--summary", "Applied",
            "--reply-to", "codex-000004",
            "--skipped", "noreason",
            "--skipped", "{\"id\": \"x\"}");

    thenFailedWith(run, 2, "--skipped: 'noreason'", "--skipped: '{\"id\": \"x\"}'");
    assertThat(outbox()).isEmpty();
  }

  @Test
  void givenContextFromFlagFileAndStdin_send_joinsThemWithBlankLines() throws Exception {
    Files.write(
        home.resolve("context.md"),
        "\uFEFFfrom the file\nsecond line\n".getBytes(StandardCharsets.UTF_8));

    Run run =
        sendWithInput(
            "from stdin\n",
            "--type",
            "status",
            "--summary",
            "Context test",
            "--context",
            "from the flag",
            "--context-file",
            "context.md",
            "--context-stdin",
            "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(message(run))
        .containsEntry("context", "from the flag\n\nfrom the file\nsecond line\n\nfrom stdin");
  }

  @Test
  void givenStdinThatIsNotUtf8_send_exits2() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = {
      "mailbox",
      "send",
      "--root",
      ROOT,
      "--side",
      "claude",
      "--type",
      "status",
      "--summary",
      "x",
      "--context-stdin"
    };

    int code =
        PassoffCli.run(
            args,
            cli,
            new ByteArrayInputStream(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("FATAL: --context-stdin: is not valid UTF-8\n");
    assertThat(outbox()).isEmpty();
  }

  @Test
  void givenAMissingContextFile_send_exits3() {
    Run run = send("--type", "status", "--summary", "x", "--context-file", "missing.md");

    thenFailedWith(run, 3, "context file " + home.resolve("missing.md") + " does not exist");
  }

  @Test
  void givenDryRun_send_printsWhatItWouldWriteAndWritesNothing() {
    Run run = send("--type", "question", "--summary", "Which branch?", "--dry-run");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("{\n  \"v\": \"1.0\",\n  \"id\": \"claude-000001\",")
        .endsWith("}\nDRY-RUN: would write claude-000001 to memory/claude-to-codex.jsonl\n");
    assertThat(outbox()).isEmpty();
  }

  @Test
  void givenDryRunAndJson_send_marksTheObjectAsADryRun() {
    Run run = send("--type", "status", "--summary", "x", "--dry-run", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(object(run.out()))
        .containsEntry("id", "claude-000001")
        .containsEntry("dry_run", true);
    assertThat(outbox()).isEmpty();
  }

  @Test
  void givenVerifyAndALongSummary_send_alsoNamesTheNoteItWouldWrite() {
    String summary = "word ".repeat(50).strip();

    Run run = send("--type", "status", "--summary", summary, "--verify");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("\"notes_file\": \"notes/claude-000001.md\"")
        .endsWith(
            "DRY-RUN: would write claude-000001 to memory/claude-to-codex.jsonl\n"
                + "DRY-RUN: would write memory/notes/claude-000001.md\n");
    assertThat(runtime.messages().noteExists("notes/claude-000001.md")).isFalse();
    assertThat(outbox()).isEmpty();
  }

  @Test
  void givenNoteOnStdin_send_writesTheNoteAndReferencesIt() {
    Run run =
        sendWithInput(
            "# Plan\n\nStep one.\n",
            "--type",
            "task",
            "--summary",
            "See the plan",
            "--goal",
            "plan",
            "--note-stdin",
            "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(object(run.out())).containsEntry("note", "notes/claude-000001.md");
    assertThat(runtime.messages().readNote("notes/claude-000001.md", 1000))
        .contains("# Plan\n\nStep one.\n");
  }

  @Test
  void givenBroadcastAndToSession_send_exits2() {
    Run run =
        send("--type", "status", "--summary", "x", "--broadcast", "--to-session", "codex-main");

    thenFailedWith(run, 2, "broadcast");
    assertThat(outbox()).isEmpty();
  }

  @Test
  void givenABogusType_send_exits2() {
    Run run = send("--type", "bogus", "--summary", "x");

    thenFailedWith(run, 2, "type: 'bogus' is not a type");
  }

  @Test
  void givenSeveralBrokenRules_send_printsOneFatalLinePerRule() {
    Run run = send("--type", "handoff", "--summary", "x", "--priority", "high", "--eta", "30m");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(line -> assertThat(line).startsWith("FATAL: "))
        .anySatisfy(line -> assertThat(line).contains("next_action"))
        .anySatisfy(line -> assertThat(line).contains("priority"))
        .anySatisfy(line -> assertThat(line).contains("eta"));
  }

  @Test
  void givenMissingTypeAndSummary_send_printsOneLineForEach() {
    Run run = send();

    thenFailedWith(run, 2, "missing required option --type", "missing required option --summary");
  }

  @Test
  void givenAnUnreadableLockTimeout_send_exits2() {
    Run run = send("--type", "status", "--summary", "x", "--lock-timeout", "soon");

    thenFailedWith(run, 2, "--lock-timeout: 'soon' is not a number of seconds");
  }

  @Test
  void givenASecondDoneForTheSameMessage_send_exits4UnlessAllowed() {
    String[] done = {"--type", "done", "--summary", "Done", "--reply-to", "codex-000002"};
    assertThat(send(done).exitCode()).isZero();

    Run again = send(done);
    thenFailedWith(again, 4, "already exists");

    List<String> allowed = new ArrayList<>(List.of(done));
    allowed.add("--allow-duplicate");
    assertThat(send(allowed.toArray(new String[0])).exitCode()).isZero();
    assertThat(outbox()).hasSize(2);
  }

  @Test
  void givenNoRuntime_send_exits3() {
    Run run =
        cli.run(
            "mailbox",
            "send",
            "--root",
            "/home/dev/elsewhere",
            "--side",
            "claude",
            "--type",
            "status",
            "--summary",
            "x");

    thenFailedWith(run, 3, "no mailbox runtime");
  }

  @Test
  void givenNoSide_send_exits2NamingTheVariable() {
    Run run = cli.run("mailbox", "send", "--root", ROOT, "--type", "status", "--summary", "x");

    thenFailedWith(run, 2, "--side is required (claude or codex), or set PASSOFF_MAILBOX_SIDE");
  }

  @Test
  void givenTheSideInTheEnvironment_send_writesAsThatSide() {
    cli.environment.put("PASSOFF_MAILBOX_SIDE", "codex");

    Run run = cli.run("mailbox", "send", "--root", ROOT, "--type", "status", "--summary", "x");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("WROTE codex-000001 to memory/codex-to-claude.jsonl");
    assertThat(run.out()).contains("\"from_session\": \"codex-default\"");
  }
}
