package dev.passoff.core.service.mailbox;

import static dev.passoff.core.testing.mailbox.MailboxFixtures.fields;
import static dev.passoff.core.testing.mailbox.MailboxFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimOutcome;
import dev.passoff.core.model.mailbox.ClaimResult;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.CompleteResult;
import dev.passoff.core.model.mailbox.CursorPosition;
import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.GateResult;
import dev.passoff.core.model.mailbox.Handling;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SendResult;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.SessionReport;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.TestClock;
import dev.passoff.core.testing.mailbox.InMemoryMailboxRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MailboxServiceTest {
  final TestClock clock = new TestClock(Instant.parse("2026-11-21T22:23:41.123Z"));
  final InMemoryMailboxRuntime runtime = new InMemoryMailboxRuntime(clock);
  final MailboxService mailbox = new MailboxService(runtime, clock, () -> 7, "9.9.9");

  static final MailboxIdentity CLAUDE =
      new MailboxIdentity(Side.CLAUDE, new SessionId("claude-main"), null);
  static final MailboxIdentity CODEX =
      new MailboxIdentity(Side.CODEX, new SessionId("codex-main"), null);
  static final MailboxIdentity CODEX_B =
      new MailboxIdentity(Side.CODEX, new SessionId("codex-b"), null);

  SendResult send(MailboxIdentity who, SendRequest.Builder request) {
    return mailbox.send(who, request.build());
  }

  static SendRequest.Builder status(String summary) {
    return SendRequest.builder("status", summary);
  }

  static SendRequest.Builder task(String summary) {
    return SendRequest.builder("task", summary).goal("make it so");
  }

  MailboxMessage peerTask(long seq) {
    Map<String, @Nullable Object> f = fields(Side.CLAUDE, seq, "task");
    runtime.appendRaw(Side.CLAUDE, f);
    return runtime
        .messages()
        .find(dev.passoff.core.model.mailbox.MessageId.of(Side.CLAUDE, seq))
        .orElseThrow();
  }

  void peer(Map<String, @Nullable Object> f) {
    runtime.appendRaw(Side.CLAUDE, f);
  }

  // ---------------------------------------------------------------------------------------------
  // send

  @Test
  void aSentMessageCarriesEveryProtocolFieldInTheWritersOrder() {
    SendResult sent =
        send(
            CLAUDE,
            task("Port the parser")
                .context("why")
                .acceptance(List.of("tests pass"))
                .priority("urgent")
                .expectedWithin("PT2H")
                .blocking(true)
                .commit("abc123"));
    MailboxMessage m = sent.message();
    assertThat(m.id().text()).isEqualTo("claude-000001");
    assertThat(List.copyOf(m.fields().keySet()))
        .containsExactly(
            "v",
            "id",
            "ts",
            "from",
            "from_session",
            "type",
            "thread",
            "summary",
            "blocking",
            "peer_cursor_observed",
            "refs",
            "context",
            "goal",
            "priority",
            "expected_within",
            "acceptance",
            "files_changed",
            "passoff");
    assertThat(m.fields().get("ts")).isEqualTo("2026-11-21T22:23:41.123Z");
    assertThat(m.fields().get("from_session")).isEqualTo("claude-main");
    assertThat(m.thread()).isEqualTo("claude-000001");
    assertThat(m.fields().get("files_changed")).isEqualTo(List.of());
    assertThat(m.fields().get("refs"))
        .isEqualTo(
            new java.util.LinkedHashMap<>(
                Map.of("reply_to", "x", "notes_file", "x", "commit", "abc123")) {
              {
                put("reply_to", null);
                put("notes_file", null);
              }
            });
    assertThat(m.fields().get("passoff")).isEqualTo(Map.of("tool", "passoff/9.9.9"));
    assertThat(MessageRules.check(m.fields(), Side.CLAUDE, true)).isEmpty();
  }

  @Test
  void nullPriorityOrStateIsAViolationNotACrash() {
    Map<String, @Nullable Object> f = fields(Side.CLAUDE, 1, "status");
    f.put("priority", null);
    f.put("state", null);

    assertThat(MessageRules.check(f, Side.CLAUDE, true))
        .extracting(dev.passoff.core.error.Violation::field)
        .contains("priority", "state");
  }

  @Test
  void theMcpClientIsRecordedAsProvenance() {
    MailboxIdentity viaMcp =
        new MailboxIdentity(
            Side.CLAUDE, new SessionId("claude-main"), new ClientIdentity("claude-code", "2.1"));
    MailboxMessage m =
        mailbox.send(viaMcp, status("hi").handoffId("ph_abcdefgh").build()).message();
    assertThat(m.fields().get("passoff"))
        .isEqualTo(
            Map.of(
                "tool", "passoff/9.9.9",
                "client", Map.of("name", "claude-code", "version", "2.1"),
                "handoff_id", "ph_abcdefgh"));
    assertThat(m.handoffId()).isEqualTo("ph_abcdefgh");
  }

  @Test
  void everyTypeIsWrittenValid() {
    MailboxMessage target = peerTask(1);
    send(CODEX, task("t"));
    send(CODEX, SendRequest.builder("handoff", "h").nextAction("review"));
    send(CODEX, SendRequest.builder("question", "q?"));
    send(CODEX, status("s").state("progress"));
    send(CODEX, SendRequest.builder("error", "e").replyTo(target.id().text()));
    send(
        CODEX,
        SendRequest.builder("done", "d")
            .replyTo(target.id().text())
            .applied(2L)
            .totalProposed(3L)
            .skipped(List.of(new SendRequest.Skipped("p1", "not needed")))
            .state("claimed"));
    send(CODEX, SendRequest.builder("cancel", "c").replyTo("codex-000001"));
    List<MailboxMessage> all = runtime.messages().readAfter(Side.CODEX, 0, 100, false).messages();
    assertThat(all).hasSize(7);
    for (MailboxMessage m : all) {
      assertThat(MessageRules.check(m.fields(), Side.CODEX, true)).as(m.type()).isEmpty();
    }
  }

  @Test
  void aReplyInheritsTheThreadAndAddressesThePeerSession() {
    Map<String, @Nullable Object> f = fields(Side.CLAUDE, 1, "task");
    f.put("thread", "claude-000001");
    f.put("from_session", "claude-worker");
    peer(f);
    MailboxMessage reply = send(CODEX, status("on it").replyTo("claude-000001")).message();
    assertThat(reply.thread()).isEqualTo("claude-000001");
    assertThat(reply.toSession()).isEqualTo("claude-worker");
    assertThat(reply.replyTo()).isEqualTo("claude-000001");
  }

  @Test
  void aReplyToAnUnknownIdStartsAThreadNamedAfterIt() {
    MailboxMessage reply = send(CODEX, status("late").replyTo("claude-000042")).message();
    assertThat(reply.thread()).isEqualTo("claude-000042");
    assertThat(reply.toSession()).isNull();
  }

  @Test
  void cancellingOnesOwnTaskIsABroadcast() {
    send(CODEX, task("t"));
    MailboxMessage cancel =
        send(CODEX, SendRequest.builder("cancel", "never mind").replyTo("codex-000001")).message();
    assertThat(cancel.fields()).doesNotContainKey("to_session");
    assertThat(cancel.thread()).isEqualTo("codex-000001");
  }

  @Test
  void broadcastAndExplicitAddresseesAreHonoured() {
    Map<String, @Nullable Object> f = fields(Side.CLAUDE, 1, "task");
    peer(f);
    assertThat(
            send(CODEX, status("x").replyTo("claude-000001").broadcast(true)).message().toSession())
        .isNull();
    assertThat(send(CODEX, status("y").toSession("claude-other")).message().toSession())
        .isEqualTo("claude-other");
    assertThatThrownBy(() -> send(CODEX, status("z").broadcast(true).toSession("claude-main")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("broadcast");
  }

  @Test
  void twoHundredCodePointsWithAstralCharactersFitTheSummary() {
    String summary = "\ud83d\ude00".repeat(100) + "a".repeat(100);
    MailboxMessage m = send(CLAUDE, status(summary)).message();
    assertThat(m.summary()).isEqualTo(summary);
    assertThat(m.notesFile()).isNull();
  }

  @Test
  void aLongSummaryMovesIntoANoteWithTheContext() {
    String summary = "x".repeat(150) + "y".repeat(51);
    SendResult sent = send(CLAUDE, status(summary).context("background"));
    MailboxMessage m = sent.message();
    assertThat(m.notesFile()).isEqualTo("notes/claude-000001.md");
    assertThat(m.summary()).isEqualTo("x".repeat(150) + "... see notes/claude-000001.md");
    assertThat(m.summary().codePointCount(0, m.summary().length())).isEqualTo(180);
    assertThat(m.fields()).doesNotContainKey("context");
    String note = runtime.messages().readNote("notes/claude-000001.md", 10_000).orElseThrow();
    assertThat(note).contains(summary).contains("background");
    assertThat(sent.note()).isEqualTo("notes/claude-000001.md");
  }

  @Test
  void anAutomaticNotePathThatIsTakenGetsASuffix() {
    mailbox.send(
        CLAUDE, status("a").noteText("pre-existing").notesFile("notes/claude-000002.md").build());
    SendResult next = send(CLAUDE, status("z".repeat(250)));
    assertThat(next.message().id().text()).isEqualTo("claude-000002");
    assertThat(next.note()).isEqualTo("notes/claude-000002-2.md");
    assertThat(runtime.messages().readNote("notes/claude-000002.md", 100)).contains("pre-existing");
  }

  @Test
  void anExplicitNoteThatExistsIsAConflictForALongSummary() {
    mailbox.send(CLAUDE, status("a").noteText("mine").notesFile("notes/plan.md").build());
    assertThatThrownBy(() -> send(CLAUDE, status("z".repeat(250)).notesFile("notes/plan.md")))
        .isInstanceOf(ConflictException.class);
    assertThat(runtime.messages().maxSeq(Side.CLAUDE)).isEqualTo(1);
  }

  @Test
  void referencingAMissingNoteIsNotFound() {
    assertThatThrownBy(() -> send(CLAUDE, status("see").notesFile("notes/missing.md")))
        .isInstanceOf(NotFoundException.class);
    assertThat(runtime.messages().maxSeq(Side.CLAUDE)).isZero();
  }

  @Test
  void aNoteTooLongForTheSummaryRuleIsInvalid() {
    String path = "notes/" + "n".repeat(200) + ".md";
    assertThatThrownBy(() -> send(CLAUDE, status("z".repeat(250)).notesFile(path)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theDuplicateGuardRefusesASecondTerminalReply() {
    peerTask(1);
    send(CODEX, SendRequest.builder("done", "first").replyTo("claude-000001"));
    assertThatThrownBy(
            () -> send(CODEX, SendRequest.builder("done", "again").replyTo("claude-000001")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("codex-000001");
    assertThat(
            send(
                    CODEX,
                    SendRequest.builder("done", "again")
                        .replyTo("claude-000001")
                        .allowDuplicate(true))
                .message()
                .id()
                .text())
        .isEqualTo("codex-000002");
    send(CODEX, SendRequest.builder("error", "an error is another type").replyTo("claude-000001"));
  }

  @Test
  void invalidRequestsAreRefusedWithEveryProblemAndWriteNothing() {
    List<SendRequest.Builder> bad =
        List.of(
            SendRequest.builder("bogus", "x"),
            SendRequest.builder("status", "two\nlines"),
            SendRequest.builder("status", "cr\rhere"),
            SendRequest.builder("handoff", "no next action"),
            SendRequest.builder("task", "no goal"),
            SendRequest.builder("done", "no reply"),
            SendRequest.builder("cancel", "no reply"),
            task("t").state("progress"),
            status("s").applied(1L),
            status("s").eta("30m"),
            task("t").expectedWithin("P1W"),
            task("t").priority("high"),
            SendRequest.builder("done", "d")
                .replyTo("claude-000001")
                .skipped(List.of(new SendRequest.Skipped("p", "two\nlines"))),
            status("s").toSession("bad session"),
            status("s").replyTo("not-an-id"),
            status("lone \ud800 surrogate"),
            status("s").notesFile("../x"),
            status("s").context("x".repeat(1 << 20)));
    for (SendRequest.Builder request : bad) {
      assertThatThrownBy(() -> send(CLAUDE, request)).isInstanceOf(ValidationException.class);
    }
    assertThat(runtime.messages().maxSeq(Side.CLAUDE)).isZero();
  }

  @Test
  void validationNamesEachBrokenRule() {
    assertThatThrownBy(() -> send(CLAUDE, task("t").state("progress").priority("high")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field())
                    .contains("state", "priority"));
  }

  @Test
  void aDryRunValidatesAndWritesNothing() {
    SendResult dry = mailbox.send(CLAUDE, status("z".repeat(250)).dryRun(true).build());
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.message().id().text()).isEqualTo("claude-000001");
    assertThat(dry.note()).isEqualTo("notes/claude-000001.md");
    assertThat(runtime.messages().maxSeq(Side.CLAUDE)).isZero();
    assertThat(runtime.messages().noteExists("notes/claude-000001.md")).isFalse();
  }

  @Test
  void peerCursorObservedIsThePeerStreamsLargestSeq() {
    peerTask(1);
    peerTask(5);
    assertThat(send(CODEX, status("s")).message().fields().get("peer_cursor_observed"))
        .isEqualTo(5L);
    assertThat(
            send(CODEX, status("s").peerCursorObserved(2L))
                .message()
                .fields()
                .get("peer_cursor_observed"))
        .isEqualTo(2L);
  }

  @Test
  void durationsFollowTheRestrictedSubset() {
    for (String ok :
        List.of("PT2H", "PT30M", "P1D", "P1DT2H", "PT1H30M", "PT45S", "PT1H30M15S", "P2DT5M")) {
      assertThat(MailboxDurations.isValid(ok)).as(ok).isTrue();
    }
    for (String no :
        List.of("30m", "P1W", "P1M", "PT1.5H", "P", "PT", "P1Y", "PT1H1H", "pt2h", "P1DT")) {
      assertThat(MailboxDurations.isValid(no)).as(no).isFalse();
    }
    assertThat(MailboxDurations.parse("P1DT2H30M")).contains(Duration.ofMinutes(24 * 60 + 150));
  }

  // ---------------------------------------------------------------------------------------------
  // sessions

  @Test
  void theSessionComesFromTheFirstNonEmptyCandidate() {
    runtime.sessionFile(Side.CODEX, "  codex-file \n");
    assertThat(
            mailbox
                .identify(Side.CODEX, "codex-opt", Map.of("HANDOFF_SESSION_ID", "codex-env"), null)
                .session()
                .value())
        .isEqualTo("codex-opt");
    assertThat(
            mailbox
                .identify(
                    Side.CODEX,
                    null,
                    Map.of("HANDOFF_SESSION_ID", "codex-env", "CODEX_SESSION_ID", "x"),
                    null)
                .session()
                .value())
        .isEqualTo("codex-env");
    assertThat(
            mailbox
                .identify(
                    Side.CODEX,
                    "",
                    Map.of("HANDOFF_SESSION_ID", "", "CODEX_SESSION_ID", "codex-side"),
                    null)
                .session()
                .value())
        .isEqualTo("codex-side");
    assertThat(
            mailbox
                .identify(Side.CODEX, null, Map.of("CLAUDE_SESSION_ID", "claude-x"), null)
                .session()
                .value())
        .isEqualTo("codex-file");
    assertThat(mailbox.identify(Side.CLAUDE, null, Map.of(), null).session().value())
        .isEqualTo("claude-default");
  }

  @Test
  void anInvalidSessionFromAnySourceIsAnErrorNamingIt() {
    assertThatThrownBy(() -> mailbox.identify(Side.CODEX, "bad session", Map.of(), null))
        .hasMessageContaining("--session");
    assertThatThrownBy(
            () -> mailbox.identify(Side.CODEX, null, Map.of("HANDOFF_SESSION_ID", "-x"), null))
        .hasMessageContaining("HANDOFF_SESSION_ID");
    runtime.sessionFile(Side.CLAUDE, "a b");
    assertThatThrownBy(() -> mailbox.identify(Side.CLAUDE, null, Map.of(), null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(".claude-session");
  }

  // ---------------------------------------------------------------------------------------------
  // poll and classification

  @Test
  void pollClassifiesEachPendingMessage() {
    peerTask(1); // claim
    Map<String, @Nullable Object> s = fields(Side.CLAUDE, 2, "status");
    peer(s); // consume
    Map<String, @Nullable Object> other = fields(Side.CLAUDE, 3, "task");
    other.put("to_session", "codex-other");
    peer(other); // elsewhere
    peer(fields(Side.CLAUDE, 4, "bogus")); // reject
    Map<String, @Nullable Object> broken = fields(Side.CLAUDE, 5, "handoff");
    broken.remove("next_action");
    peer(broken); // reject
    PollResult poll = mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(poll.messages())
        .extracting(PendingMessage::seq, PendingMessage::handling)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, Handling.CLAIM),
            org.assertj.core.groups.Tuple.tuple(2L, Handling.CONSUME),
            org.assertj.core.groups.Tuple.tuple(4L, Handling.REJECT),
            org.assertj.core.groups.Tuple.tuple(5L, Handling.REJECT));
    assertThat(poll.counts()).isEqualTo(new PollResult.Counts(1, 0, 0, 0));
    assertThat(poll.streamMaxSeq()).isEqualTo(5);
    assertThat(poll.cursor()).isZero();
  }

  @Test
  void pollAdvancesOverWhatNeedsNothingAndStopsAtWork() {
    Map<String, @Nullable Object> other = fields(Side.CLAUDE, 1, "task");
    other.put("to_session", "codex-other");
    peer(other);
    peerTask(2);
    runtime.claims().create(claim("codex-b", "claude-000002", clock.instant().plusSeconds(60)));
    peerTask(3);
    PollResult peek = mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(peek.cursor()).isZero();
    assertThat(runtime.cursors().session(Side.CODEX, CODEX.session()))
        .isEqualTo(new CursorValue.Missing());

    PollResult poll = mailbox.poll(CODEX, PollRequest.defaults());
    assertThat(poll.advancedFrom()).isZero();
    assertThat(poll.cursor()).isEqualTo(2);
    // Counts include what the cursor moved over.
    assertThat(poll.counts()).isEqualTo(new PollResult.Counts(1, 0, 1, 0));
    assertThat(poll.messages()).extracting(PendingMessage::seq).containsExactly(3L);
    assertThat(runtime.cursors().session(Side.CODEX, CODEX.session()))
        .isEqualTo(new CursorValue.Valid(2));
    assertThat(runtime.cursors().legacy(Side.CODEX)).isEqualTo(new CursorValue.Valid(2));
  }

  @Test
  void aMessageAlreadyAnsweredIsPassedWithoutSendingAnything() {
    peerTask(1);
    send(CODEX, SendRequest.builder("done", "did it").replyTo("claude-000001"));
    PollResult poll = mailbox.poll(CODEX, PollRequest.defaults());
    assertThat(poll.counts().answered()).isEqualTo(1);
    assertThat(poll.cursor()).isEqualTo(1);
    assertThat(runtime.messages().maxSeq(Side.CODEX)).isEqualTo(1);
  }

  @Test
  void aNewSessionStartsAtTheLegacyCursorOrAtZero() {
    peerTask(1);
    peerTask(2);
    peerTask(3);
    peerTask(4);
    assertThat(mailbox.cursor(CODEX))
        .isEqualTo(new CursorPosition(0, CursorPosition.Source.ZERO, null));
    runtime.cursors().writeLegacy(Side.CODEX, 3);
    assertThat(mailbox.cursor(CODEX).seq()).isEqualTo(3);
    assertThat(mailbox.cursor(CODEX).source()).isEqualTo(CursorPosition.Source.LEGACY);
    PollResult poll = mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(poll.messages()).extracting(PendingMessage::seq).containsExactly(4L);
  }

  @Test
  void fromLatestStartsANewSessionAtThePeerStreamsEnd() {
    peerTask(1);
    peerTask(2);
    PollResult poll = mailbox.poll(CODEX, new PollRequest(20, false, false, List.of(), true));
    assertThat(poll.cursor()).isEqualTo(2);
    assertThat(poll.messages()).isEmpty();
    assertThat(runtime.cursors().session(Side.CODEX, CODEX.session()))
        .isEqualTo(new CursorValue.Valid(2));
  }

  @Test
  void theLegacyCursorFollowsTheSlowestSession() {
    for (int i = 1; i <= 4; i++) {
      runtime.appendRaw(Side.CLAUDE, fields(Side.CLAUDE, i, "status"));
    }
    mailbox.advance(CODEX_B, "claude-000002", false);
    assertThat(runtime.cursors().legacy(Side.CODEX)).isEqualTo(new CursorValue.Valid(2));
    mailbox.advance(CODEX, "claude-000004", false);
    assertThat(runtime.cursors().legacy(Side.CODEX)).isEqualTo(new CursorValue.Valid(2));
    MailboxIdentity fresh = new MailboxIdentity(Side.CODEX, new SessionId("codex-new"), null);
    assertThat(mailbox.cursor(fresh).seq()).isEqualTo(2);
    assertThat(mailbox.forgetSession(CODEX, "codex-b")).isTrue();
    assertThat(runtime.cursors().legacy(Side.CODEX)).isEqualTo(new CursorValue.Valid(4));
  }

  @Test
  void advanceRefusesToPassPendingLeaseWorkUnlessForced() {
    peerTask(1);
    peer(fields(Side.CLAUDE, 2, "status"));
    assertThatThrownBy(() -> mailbox.advance(CODEX, "claude-000002", false))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("claude-000001");
    assertThat(mailbox.advance(CODEX, "claude-000002", true).seq()).isEqualTo(2);
    assertThat(mailbox.advance(CODEX, "claude-000001", false).seq()).isEqualTo(2);
    assertThatThrownBy(() -> mailbox.advance(CODEX, "claude-000009", false))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> mailbox.advance(CODEX, "codex-000001", false))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void statusAndDoneAreConsumedByAdvancing() {
    peer(fields(Side.CLAUDE, 1, "status"));
    assertThat(mailbox.advance(CODEX, "claude-000001", false).seq()).isEqualTo(1);
    assertThat(mailbox.poll(CODEX, PollRequest.defaults()).messages()).isEmpty();
  }

  @Test
  void directedMessagesReachOnlyTheirSessionOrAnAlsoSession() {
    Map<String, @Nullable Object> f = fields(Side.CLAUDE, 1, "status");
    f.put("to_session", "codex-old");
    peer(f);
    assertThat(
            mailbox
                .poll(CODEX, new PollRequest(20, true, false, List.of(), false))
                .counts()
                .elsewhere())
        .isEqualTo(1);
    assertThat(
            mailbox
                .poll(CODEX, new PollRequest(20, true, false, List.of("codex-old"), false))
                .messages())
        .hasSize(1);
    SessionReport sessions = mailbox.sessions(CODEX);
    assertThat(sessions.orphaned())
        .containsExactly(new SessionReport.Orphaned("claude-000001", "codex-old"));
  }

  @Test
  void sessionsCountsUnreadAndOrphansOverAStreamLongerThanOnePage() {
    for (int seq = 1; seq <= 1_300; seq++) {
      Map<String, @Nullable Object> f = fields(Side.CLAUDE, seq, "status");
      if (seq == 3 || seq == 1_250) {
        f.put("to_session", "codex-gone");
      }
      peer(f);
    }
    runtime.cursors().writeSession(Side.CODEX, new SessionId("codex-a"), 1_000);
    runtime.cursors().writeSession(Side.CODEX, new SessionId("codex-b"), 20);

    SessionReport report = mailbox.sessions(CODEX);

    assertThat(report.streamMaxSeq()).isEqualTo(1_300);
    assertThat(report.sessions())
        .extracting(SessionReport.Session::session, SessionReport.Session::unread)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("codex-a", 300),
            org.assertj.core.groups.Tuple.tuple("codex-b", 1_280));
    assertThat(report.orphaned())
        .containsExactly(
            new SessionReport.Orphaned("claude-000003", "codex-gone"),
            new SessionReport.Orphaned("claude-001250", "codex-gone"));
  }

  @Test
  void aConsumingPollStampsThisSidesLastSeenAndAPeekDoesNot() {
    mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(runtime.cursors().lastSeen(Side.CODEX)).isEmpty();

    mailbox.poll(CODEX, new PollRequest(20, false, false, List.of(), false));

    String stamped = MailboxTimes.format(clock.instant());
    assertThat(runtime.cursors().lastSeen(Side.CODEX)).contains(stamped);
    assertThat(runtime.cursors().lastSeen(Side.CLAUDE)).isEmpty();
    SessionReport report = mailbox.sessions(CLAUDE);
    assertThat(report.lastSeen()).isNull();
    assertThat(report.peerLastSeen()).isEqualTo(stamped);
  }

  @Test
  void pollInlinesNotesOnRequest() {
    mailbox.send(CLAUDE, status("noted").noteText("# details\n").build());
    PollResult poll = mailbox.poll(CODEX, new PollRequest(20, true, true, List.of(), false));
    assertThat(poll.messages().get(0).noteText()).isEqualTo("# details\n");
    PollResult plain = mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(plain.messages().get(0).noteText()).isNull();
  }

  @Test
  void theLimitCapsReturnedMessagesAndSaysThereIsMore() {
    for (int i = 1; i <= 5; i++) {
      peerTask(i);
    }
    PollResult poll = mailbox.poll(CODEX, new PollRequest(2, true, false, List.of(), false));
    assertThat(poll.messages()).hasSize(2);
    assertThat(poll.more()).isTrue();
    assertThatThrownBy(() -> new PollRequest(0, false, false, List.of(), false))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new PollRequest(201, false, false, List.of(), false))
        .isInstanceOf(ValidationException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // claims

  static Claim claim(String session, String id, Instant expires) {
    return new Claim(
        Side.CODEX,
        session,
        id,
        "codex-20261121T222341Z-001",
        expires.minusSeconds(60),
        expires,
        null);
  }

  @Test
  void aClaimIsTakenThenResumedAndHeldForOthers() {
    peerTask(1);
    ClaimResult first = mailbox.claim(CODEX, "claude-000001", null);
    assertThat(first.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    assertThat(first.claim().session()).isEqualTo("codex-main");
    assertThat(first.claim().runId()).isEqualTo("codex-20261121T222341Z-007");
    assertThat(first.claim().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
    assertThat(mailbox.claim(CODEX, "claude-000001", null).outcome())
        .isEqualTo(ClaimOutcome.RESUMED);
    assertThat(mailbox.claim(CODEX_B, "claude-000001", null).outcome())
        .isEqualTo(ClaimOutcome.HELD);
    PollResult forB = mailbox.poll(CODEX_B, PollRequest.defaults());
    assertThat(forB.counts().held()).isEqualTo(1);
    assertThat(forB.cursor()).isEqualTo(1);
    // The claim gave codex-main a cursor file, so the legacy cursor stays before its work.
    assertThat(runtime.cursors().legacy(Side.CODEX)).isEqualTo(new CursorValue.Valid(0));
    PollResult forMain = mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(forMain.messages().get(0).handling()).isEqualTo(Handling.RESUME);
  }

  @Test
  void aLeaseCoversTheMessagesExpectedTimeOrALongerRequest() {
    Map<String, @Nullable Object> f = fields(Side.CLAUDE, 1, "task");
    f.put("expected_within", "PT8H");
    peer(f);
    assertThat(mailbox.claim(CODEX, "claude-000001", null).claim().expiresAt())
        .isEqualTo(clock.instant().plus(Duration.ofHours(8)));
    peerTask(2);
    assertThat(mailbox.claim(CODEX, "claude-000002", "P1D").claim().expiresAt())
        .isEqualTo(clock.instant().plus(Duration.ofDays(1)));
  }

  @Test
  void anExpiredClaimIsReclaimed() {
    peerTask(1);
    mailbox.claim(CODEX_B, "claude-000001", null);
    clock.advance(Duration.ofHours(7));
    PollResult poll = mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(poll.messages().get(0).handling()).isEqualTo(Handling.RECLAIM);
    ClaimResult taken = mailbox.claim(CODEX, "claude-000001", null);
    assertThat(taken.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    assertThat(taken.claim().session()).isEqualTo("codex-main");
  }

  @Test
  void aClaimNamingNoOwnerIsNotStolenUntilItIsOld() {
    peerTask(1);
    runtime.putClaim(
        Side.CODEX,
        "claude-000001",
        new ClaimState.Unreadable("claude-000001", "empty", clock.instant(), new byte[0]));
    assertThat(mailbox.claim(CODEX, "claude-000001", null).outcome())
        .isEqualTo(ClaimOutcome.OWNER_UNKNOWN);
    PollResult poll = mailbox.poll(CODEX, PollRequest.defaults());
    assertThat(poll.counts().ownerUnknown()).isEqualTo(1);
    clock.advance(Duration.ofHours(6));
    assertThat(mailbox.claim(CODEX, "claude-000001", null).outcome())
        .isEqualTo(ClaimOutcome.CLAIMED);
  }

  @Test
  void claimingAStatusOrAnUnknownIdIsRefused() {
    peer(fields(Side.CLAUDE, 1, "status"));
    assertThatThrownBy(() -> mailbox.claim(CODEX, "claude-000001", null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> mailbox.claim(CODEX, "claude-000002", null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> mailbox.claim(CODEX, "codex-000001", null))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void renewalExtendsOnlyOnesOwnLiveClaim() {
    peerTask(1);
    mailbox.claim(CODEX, "claude-000001", null);
    clock.advance(Duration.ofHours(5));
    ClaimResult renewed = mailbox.renew(CODEX, "claude-000001", "PT10H");
    assertThat(renewed.claim().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(10)));
    assertThatThrownBy(() -> mailbox.renew(CODEX_B, "claude-000001", null))
        .isInstanceOf(ConflictException.class);
    clock.advance(Duration.ofHours(11));
    assertThatThrownBy(() -> mailbox.renew(CODEX, "claude-000001", null))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("expired");
  }

  // ---------------------------------------------------------------------------------------------
  // complete

  @Test
  void completeRepliesRecordsTheReplyAndAdvances() {
    Map<String, @Nullable Object> f = fields(Side.CLAUDE, 1, "task");
    f.put("from_session", "claude-lead");
    peer(f);
    Map<String, @Nullable Object> other = fields(Side.CLAUDE, 2, "task");
    other.put("to_session", "codex-other");
    peer(other);
    mailbox.claim(CODEX, "claude-000001", null);
    CompleteResult done =
        mailbox.complete(
            CODEX, "claude-000001", SendRequest.builder("done", "finished").build(), false);
    MailboxMessage reply = done.reply().message();
    assertThat(reply.replyTo()).isEqualTo("claude-000001");
    assertThat(reply.thread()).isEqualTo("claude-000001");
    assertThat(reply.toSession()).isEqualTo("claude-lead");
    assertThat(done.cursor()).isEqualTo(2);
    assertThat(done.blockedBy()).isNull();
    Claim claim =
        ((ClaimState.Held) runtime.claims().find(Side.CODEX, "claude-000001").orElseThrow())
            .claim();
    assertThat(claim.completedBy()).isEqualTo(reply.id().text());
    assertThatThrownBy(
            () ->
                mailbox.complete(
                    CODEX, "claude-000001", SendRequest.builder("done", "again").build(), false))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("already answered");
  }

  @Test
  void completeNeedsTheCallersClaimUnlessAskedToClaim() {
    peerTask(1);
    assertThatThrownBy(
            () ->
                mailbox.complete(
                    CODEX, "claude-000001", SendRequest.builder("done", "x").build(), false))
        .isInstanceOf(ConflictException.class);
    assertThat(runtime.messages().maxSeq(Side.CODEX)).isZero();
    CompleteResult done =
        mailbox.complete(
            CODEX, "claude-000001", SendRequest.builder("error", "cannot").build(), true);
    assertThat(done.reply().message().type()).isEqualTo("error");
    assertThatThrownBy(
            () ->
                mailbox.complete(
                    CODEX, "claude-000001", SendRequest.builder("status", "x").build(), true))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void completeLeavesTheCursorBeforeAnEarlierUnfinishedMessage() {
    peerTask(1);
    peerTask(2);
    mailbox.claim(CODEX, "claude-000002", null);
    CompleteResult done =
        mailbox.complete(
            CODEX, "claude-000002", SendRequest.builder("done", "second").build(), false);
    assertThat(done.blockedBy()).isEqualTo("claude-000001");
    assertThat(done.cursor()).isZero();
    mailbox.complete(CODEX, "claude-000001", SendRequest.builder("done", "first").build(), true);
    assertThat(mailbox.cursor(CODEX).seq()).isEqualTo(2);
  }

  @Test
  void aReplayAfterACrashBeforeTheCursorMovedSendsNothingTwice() {
    peerTask(1);
    mailbox.claim(CODEX, "claude-000001", null);
    // The reply was sent but the process died before the cursor moved.
    send(CODEX, SendRequest.builder("done", "finished").replyTo("claude-000001"));
    PollResult replay = mailbox.poll(CODEX, PollRequest.defaults());
    assertThat(replay.counts().answered()).isEqualTo(1);
    assertThat(replay.cursor()).isEqualTo(1);
    assertThat(mailbox.claim(CODEX, "claude-000001", null).outcome())
        .isEqualTo(ClaimOutcome.ANSWERED);
    assertThat(runtime.messages().maxSeq(Side.CODEX)).isEqualTo(1);
  }

  @Test
  void aRejectedMessageIsClaimedAndAnsweredWithAnError() {
    peer(fields(Side.CLAUDE, 1, "bogus"));
    PollResult poll = mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(poll.messages().get(0).handling()).isEqualTo(Handling.REJECT);
    mailbox.complete(
        CODEX, "claude-000001", SendRequest.builder("error", "unknown type").build(), true);
    assertThat(mailbox.poll(CODEX, PollRequest.defaults()).cursor()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // thread

  @Test
  void threadShowsBothStreamsInTimeOrder() {
    send(CLAUDE, task("root"));
    clock.advance(Duration.ofSeconds(1));
    send(CODEX, status("working").replyTo("claude-000001"));
    clock.advance(Duration.ofSeconds(1));
    send(CODEX, SendRequest.builder("done", "done").replyTo("claude-000001"));
    send(CLAUDE, status("unrelated"));
    assertThat(mailbox.thread("codex-000002"))
        .extracting(m -> m.id().text())
        .containsExactly("claude-000001", "codex-000001", "codex-000002");
    assertThatThrownBy(() -> mailbox.thread("claude-000099")).isInstanceOf(NotFoundException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // gate

  @Test
  void theGateCountsWhatIsPendingAndDecides() {
    peerTask(1);
    peer(fields(Side.CLAUDE, 2, "status"));
    Map<String, @Nullable Object> other = fields(Side.CLAUDE, 3, "task");
    other.put("to_session", "codex-other");
    peer(other);
    peer(fields(Side.CLAUDE, 4, "bogus"));
    GateResult gate = mailbox.gate(CODEX, 0, false);
    assertThat(gate.decision()).isEqualTo(GateResult.Decision.PROCESS);
    assertThat(gate.unreadTotal()).isEqualTo(4);
    assertThat(gate.forMeLease()).isEqualTo(1);
    assertThat(gate.forMePure()).isEqualTo(1);
    assertThat(gate.directedElsewhere()).isEqualTo(1);
    assertThat(gate.unknownType()).isEqualTo(1);
    assertThat(gate.forMe()).isEqualTo(3);
    assertThat(gate.streamMaxSeq()).isEqualTo(4);
  }

  @Test
  void theGateIsProactiveEveryNthIdleRun() {
    List<Integer> codes = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      codes.add(mailbox.gate(CODEX, 3, false).decision().exitCode());
    }
    assertThat(codes).containsExactly(20, 20, 10, 20);
    assertThat(runtime.gates().read(Side.CODEX, "codex-main").idleStreak()).isEqualTo(1);
    peerTask(1);
    assertThat(mailbox.gate(CODEX, 3, false).decision()).isEqualTo(GateResult.Decision.PROCESS);
    assertThat(runtime.gates().read(Side.CODEX, "codex-main").idleStreak()).isZero();
    assertThat(mailbox.gate(CODEX_B, 0, false).decision()).isEqualTo(GateResult.Decision.PROCESS);
    assertThat(runtime.gates().read(Side.CODEX, "codex-b").lastDecision()).isNull();
  }

  @Test
  void skipHeldLeavesOtherSessionsWorkOut() {
    peerTask(1);
    mailbox.claim(CODEX_B, "claude-000001", null);
    assertThat(mailbox.gate(CODEX, 0, false).decision()).isEqualTo(GateResult.Decision.PROCESS);
    assertThat(mailbox.gate(CODEX, 0, true).decision()).isEqualTo(GateResult.Decision.IDLE);
  }

  @Test
  void summariesAreShortenedToTheWritersRule() {
    assertThat(MailboxService.shorten("a".repeat(300), "notes/claude-000002.md"))
        .isEqualTo("a".repeat(150) + "... see notes/claude-000002.md");
    String longPath = "notes/" + "p".repeat(170) + ".md";
    // At least 20 code points are kept, trailing whitespace removed.
    assertThat(MailboxService.shorten("a ".repeat(150), longPath))
        .isEqualTo("a a a a a a a a a a... see " + longPath);
    assertThat(MailboxService.shorten("\ud83d\ude00".repeat(200), "notes/claude-000002.md"))
        .isEqualTo("\ud83d\ude00".repeat(150) + "... see notes/claude-000002.md");
  }
}
