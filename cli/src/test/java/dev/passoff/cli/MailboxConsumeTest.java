package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.mailbox.InMemoryMailboxRuntime;
import dev.passoff.core.testing.mailbox.MailboxFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading side: poll, claim, renew, complete, advance, cursor, thread and sessions (§6.9),
 * driven as codex over messages claude wrote.
 */
class MailboxConsumeTest {
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

  /** Runs a mailbox command as codex, session codex-main unless the arguments name one. */
  private Run codex(String command, String... args) {
    List<String> all = new ArrayList<>(List.of("mailbox", command, "--root", ROOT));
    all.addAll(List.of("--side", "codex"));
    if (!List.of(args).contains("--session")) {
      all.addAll(List.of("--session", "codex-main"));
    }
    all.addAll(List.of(args));
    return cli.run(all.toArray(new String[0]));
  }

  private void givenClaudeWrote(long seq, String type, @Nullable String toSession) {
    Map<String, @Nullable Object> fields = MailboxFixtures.fields(Side.CLAUDE, seq, type);
    fields.put("ts", "2025-11-21T22:00:00.000Z");
    if (toSession != null) {
      fields.put("to_session", toSession);
    }
    runtime.appendRaw(Side.CLAUDE, fields);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Run run) {
    assertThat(run.out()).hasLineCount(1);
    return (Map<String, Object>) Json.parse(run.out());
  }

  private static void thenFailedWith(Run run, int exitCode, String problem) {
    assertThat(run.exitCode()).isEqualTo(exitCode);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("FATAL: ").contains(problem).hasLineCount(1);
  }

  // ---------------------------------------------------------------------------------------------
  // poll

  @Test
  void givenMixedMessages_pollJson_advancesOverTheLeadingSkippedOnesAndListsTheRest() {
    givenClaudeWrote(1, "status", "codex-other");
    givenClaudeWrote(2, "task", null);
    givenClaudeWrote(3, "status", null);

    Run run = codex("poll", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    Map<String, Object> poll = object(run);
    assertThat(poll.keySet())
        .containsExactly(
            "side",
            "session",
            "cursor",
            "advanced_from",
            "stream_max_seq",
            "counts",
            "messages",
            "more",
            "diagnostics");
    assertThat(poll)
        .containsEntry("side", "codex")
        .containsEntry("session", "codex-main")
        .containsEntry("cursor", 1L)
        .containsEntry("advanced_from", 0L)
        .containsEntry("stream_max_seq", 3L)
        .containsEntry("more", false)
        .containsEntry("diagnostics", List.of());
    assertThat(poll.get("counts"))
        .isEqualTo(Map.of("elsewhere", 1L, "answered", 0L, "held", 0L, "owner_unknown", 0L));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages = (List<Map<String, Object>>) poll.get("messages");
    assertThat(messages).extracting(m -> m.get("handling")).containsExactly("claim", "consume");
    assertThat(messages).extracting(m -> m.get("seq")).containsExactly(2L, 3L);
    assertThat(messages.get(0).keySet()).containsExactly("seq", "handling", "message");
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) messages.get(0).get("message");
    assertThat(first).containsEntry("id", "claude-000002").containsEntry("type", "task");
  }

  @Test
  void givenPeekAndLimit_poll_movesNothingAndSaysThereIsMore() {
    givenClaudeWrote(1, "status", "codex-other");
    givenClaudeWrote(2, "task", null);
    givenClaudeWrote(3, "question", null);

    Map<String, Object> poll = object(codex("poll", "--peek", "--limit", "1", "--json"));

    assertThat(poll).containsEntry("cursor", 0L).containsEntry("more", true);
    assertThat(poll.get("advanced_from")).isNull();
    assertThat((List<?>) poll.get("messages")).hasSize(1);
  }

  @Test
  void givenAClaimedMessage_pollJson_includesTheClaim() {
    givenClaudeWrote(1, "task", null);
    codex("claim", "claude-000001");

    Map<String, Object> poll = object(codex("poll", "--json"));

    @SuppressWarnings("unchecked")
    Map<String, Object> pending = ((List<Map<String, Object>>) poll.get("messages")).get(0);
    assertThat(pending).containsEntry("handling", "resume");
    assertThat(pending.get("claim"))
        .isEqualTo(
            Map.of(
                "side", "codex",
                "session", "codex-main",
                "message_id", "claude-000001",
                "run_id", "codex-20251121T222450Z-001",
                "created_at", "2025-11-21T22:24:50.123Z",
                "expires_at", "2025-11-22T04:24:50.123Z"));
  }

  @Test
  void givenPendingWork_poll_printsAReadableSummary() {
    givenClaudeWrote(1, "status", "codex-other");
    givenClaudeWrote(2, "task", null);

    Run run = codex("poll");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
            codex session codex-main: cursor 1 (moved from 0), peer stream max 2
            Needing nothing from you: 1 for other sessions, 0 answered, 0 held by other \
            sessions, 0 claimed by an unknown owner

            claim: claude-000002 task from claude-main
              task 2
              next_action: do it
            """);
  }

  @Test
  void givenNothing_poll_saysSo() {
    Run run = codex("poll");

    assertThat(run.out())
        .isEqualTo("codex session codex-main: cursor 0, peer stream max 0\nNothing pending.\n");
  }

  @Test
  void givenABadLimitOrFrom_poll_exits2() {
    thenFailedWith(codex("poll", "--limit", "0"), 2, "limit");
    thenFailedWith(codex("poll", "--from", "start"), 2, "--from: must be 'latest'");
  }

  @Test
  void givenFromLatest_poll_startsANewSessionAtTheEnd() {
    givenClaudeWrote(1, "task", null);
    givenClaudeWrote(2, "status", null);

    Map<String, Object> poll = object(codex("poll", "--from", "latest", "--json"));

    assertThat(poll).containsEntry("cursor", 2L);
    assertThat((List<?>) poll.get("messages")).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // claim and renew

  @Test
  void givenAnUnclaimedTask_claim_claimsItAndExits0() {
    givenClaudeWrote(1, "task", null);

    Run run = codex("claim", "claude-000001");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("claimed claude-000001 until 2025-11-22T04:24:50.123Z\n");
  }

  @Test
  void givenMyClaim_claimJson_resumes() {
    givenClaudeWrote(1, "task", null);
    codex("claim", "claude-000001");

    Map<String, Object> result = object(codex("claim", "claude-000001", "--json"));

    assertThat(result.keySet()).containsExactly("outcome", "claim");
    assertThat(result).containsEntry("outcome", "resumed");
    @SuppressWarnings("unchecked")
    Map<String, Object> claim = (Map<String, Object>) result.get("claim");
    assertThat(claim).containsEntry("session", "codex-main");
  }

  @Test
  void givenAClaimOfAnotherSession_claim_exits4NamingTheHolder() {
    givenClaudeWrote(1, "task", null);
    codex("claim", "claude-000001", "--session", "codex-other");

    Run run = codex("claim", "claude-000001");
    Run json = codex("claim", "claude-000001", "--json");

    thenFailedWith(run, 4, "held: claude-000001 is claimed by session codex-other until");
    // With --json the outcome is still printed for scripts, and the exit code still says 4.
    assertThat(json.exitCode()).isEqualTo(4);
    assertThat(object(json)).containsEntry("outcome", "held");
    assertThat(json.err()).startsWith("FATAL: held: ").hasLineCount(1);
  }

  @Test
  void givenAnAnsweredTask_claim_exits4() {
    givenClaudeWrote(1, "task", null);
    codex("complete", "claude-000001", "--type", "done", "--summary", "Done", "--claim");

    thenFailedWith(codex("claim", "claude-000001"), 4, "answered: claude-000001");
  }

  @Test
  void givenAnUnknownId_claim_exits3() {
    thenFailedWith(codex("claim", "claude-000042"), 3, "claude-000042");
  }

  @Test
  void givenAnIdThatIsNoId_claim_exits2() {
    thenFailedWith(codex("claim", "task-1"), 2, "task-1");
  }

  @Test
  void givenMyClaim_renew_extendsIt() {
    givenClaudeWrote(1, "task", null);
    codex("claim", "claude-000001");
    cli.clock.advance(Duration.ofHours(1));

    Run text = codex("renew", "claude-000001");
    Map<String, Object> json = object(codex("renew", "claude-000001", "--for", "PT12H", "--json"));

    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).isEqualTo("renewed claude-000001 until 2025-11-22T05:24:50.123Z\n");
    assertThat(json)
        .containsEntry("message_id", "claude-000001")
        .containsEntry("expires_at", "2025-11-22T11:24:50.123Z");
  }

  @Test
  void givenAnotherSessionsClaim_renew_exits4() {
    givenClaudeWrote(1, "task", null);
    codex("claim", "claude-000001", "--session", "codex-other");

    thenFailedWith(codex("renew", "claude-000001"), 4, "not held by codex-main");
  }

  @Test
  void givenABadDuration_renew_exits2() {
    givenClaudeWrote(1, "task", null);
    codex("claim", "claude-000001");

    Run run = codex("renew", "claude-000001", "--for", "P1W");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("FATAL: extend: ").hasLineCount(1);
  }

  // ---------------------------------------------------------------------------------------------
  // complete and advance

  @Test
  void givenMyClaim_complete_repliesAndAdvances() {
    givenClaudeWrote(1, "task", null);
    codex("claim", "claude-000001");

    Run run = codex("complete", "claude-000001", "--type", "done", "--summary", "Fixed");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("\"reply_to\": \"claude-000001\"", "\"to_session\": \"claude-main\"")
        .endsWith("}\nWROTE codex-000001 to memory/codex-to-claude.jsonl\ncursor: 1\n");
  }

  @Test
  void givenAnEarlierUnfinishedTask_completeJson_reportsWhatBlocksTheCursor() {
    givenClaudeWrote(1, "task", null);
    givenClaudeWrote(2, "task", null);

    Run run =
        codex(
            "complete",
            "claude-000002",
            "--type",
            "error",
            "--summary",
            "Cannot",
            "--claim",
            "--json");

    assertThat(run.exitCode()).isZero();
    Map<String, Object> result = object(run);
    assertThat(result.keySet()).containsExactly("reply_id", "cursor", "blocked_by");
    assertThat(result)
        .containsEntry("reply_id", "codex-000001")
        .containsEntry("cursor", 0L)
        .containsEntry("blocked_by", "claude-000001");
  }

  @Test
  void givenNoClaim_complete_exits4AndSendsNothing() {
    givenClaudeWrote(1, "task", null);

    thenFailedWith(
        codex("complete", "claude-000001", "--type", "done", "--summary", "Done"),
        4,
        "claim it first");
    assertThat(runtime.messages().maxSeq(Side.CODEX)).isZero();
  }

  @Test
  void givenAStatusType_complete_exits2() {
    givenClaudeWrote(1, "task", null);
    codex("claim", "claude-000001");

    thenFailedWith(
        codex("complete", "claude-000001", "--type", "status", "--summary", "x"),
        2,
        "done or an error");
  }

  @Test
  void givenPendingWork_advance_exits4UnlessForced() {
    givenClaudeWrote(1, "task", null);
    givenClaudeWrote(2, "status", null);

    thenFailedWith(codex("advance", "--through", "claude-000002"), 4, "claude-000001");

    Run forced = codex("advance", "--through", "claude-000002", "--force");
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out()).isEqualTo("cursor: 2\n");
  }

  @Test
  void givenConsumedStatus_advanceJson_printsTheCursor() {
    givenClaudeWrote(1, "status", null);

    Run run = codex("advance", "--through", "claude-000001", "--json");

    assertThat(run.out()).isEqualTo("{\"cursor\":1}\n");
  }

  @Test
  void givenNoThrough_advance_exits2() {
    thenFailedWith(codex("advance"), 2, "missing required option --through");
  }

  // ---------------------------------------------------------------------------------------------
  // cursor, thread, sessions

  @Test
  void givenNoCursorFile_cursor_showsZeroThenSetMovesIt() {
    Run shown = codex("cursor");
    Run set = codex("cursor", "--set", "5", "--json");
    Run again = codex("cursor", "--json");

    assertThat(shown.out()).isEqualTo("cursor: 0 (zero)\n");
    assertThat(set.out()).isEqualTo("{\"cursor\":5,\"source\":\"file\"}\n");
    assertThat(again.out()).isEqualTo("{\"cursor\":5,\"source\":\"file\"}\n");
  }

  @Test
  void givenANegativeOrNonNumericSet_cursor_exits2() {
    thenFailedWith(codex("cursor", "--set", "-1"), 2, "set: must not be negative");
    thenFailedWith(codex("cursor", "--set", "five"), 2, "five");
  }

  @Test
  void givenAReply_thread_listsBothDirectionsInTimeOrder() {
    givenClaudeWrote(1, "task", null);
    cli.clock.advance(Duration.ofMinutes(5));
    codex("complete", "claude-000001", "--type", "done", "--summary", "Fixed it", "--claim");

    Run text = cli.run("mailbox", "thread", "codex-000001", "--root", ROOT);
    Run json = cli.run("mailbox", "thread", "claude-000001", "--root", ROOT, "--json");

    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .isEqualTo(
            "2025-11-21T22:00:00.000Z  claude-000001  task  claude-main -> *  task 1\n"
                + "2025-11-21T22:29:50.123Z  codex-000001  done  codex-main -> claude-main"
                + "  Fixed it\n");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages = (List<Map<String, Object>>) object(json).get("messages");
    assertThat(messages).extracting(m -> m.get("id")).hasSize(2);
  }

  @Test
  void givenAnUnknownMessage_thread_exits3() {
    Run run = cli.run("mailbox", "thread", "claude-000009", "--root", ROOT);

    thenFailedWith(run, 3, "claude-000009");
  }

  @Test
  void givenTwoSessions_sessions_listsTheirCursorsAndOrphans() {
    givenClaudeWrote(1, "status", null);
    givenClaudeWrote(2, "task", "codex-gone");
    codex("advance", "--through", "claude-000001");
    codex("cursor", "--set", "0", "--session", "codex-b");
    runtime.cursors().stampLastSeen(Side.CLAUDE, java.time.Instant.parse("2025-11-21T22:20:00Z"));

    Run text = codex("sessions");
    Map<String, Object> json = object(codex("sessions", "--json"));

    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .isEqualTo(
            """
            side codex, peer stream max 2, legacy cursor 0
            last seen (UTC): codex never, claude 2025-11-21T22:20:00.000Z
            SESSION     CURSOR  UNREAD  MODIFIED (UTC)
            codex-b     0       2       2025-11-21T22:24:50.123Z
            codex-main  1       1       2025-11-21T22:24:50.123Z
            claude-000002 is directed at codex-gone, which has no cursor \
            (poll --also-session codex-gone consumes it)
            """);
    assertThat(json.keySet())
        .containsExactly(
            "side",
            "stream_max_seq",
            "legacy_cursor",
            "sessions",
            "orphaned",
            "last_seen",
            "peer_last_seen");
    assertThat(json.get("peer_last_seen")).isEqualTo("2025-11-21T22:20:00.000Z");
    assertThat(json.get("orphaned"))
        .isEqualTo(List.of(Map.of("message_id", "claude-000002", "to_session", "codex-gone")));
  }

  @Test
  void givenARetiredSession_sessionsForget_removesItsCursor() {
    codex("cursor", "--set", "0", "--session", "codex-old");

    Run forgot = codex("sessions", "--forget", "codex-old");
    Run again = codex("sessions", "--forget", "codex-old", "--json");

    assertThat(forgot.out()).isEqualTo("Forgot session codex-old.\n");
    assertThat(again.out()).isEqualTo("{\"forgotten\":\"codex-old\",\"removed\":false}\n");
  }
}
