package dev.passoff.store.jsonl.interop;

import static dev.passoff.store.jsonl.interop.InteropRuntime.claude;
import static dev.passoff.store.jsonl.interop.InteropRuntime.codex;
import static dev.passoff.store.jsonl.interop.InteropRuntime.refs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ValidationException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.GateResult;
import dev.passoff.core.model.mailbox.Handling;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SendResult;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxDurations;
import dev.passoff.core.service.mailbox.MessageRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Messages Passoff writes, as the peer model of the existing scripts sees them (§14 writing). */
class InteropWritingIT {
  @TempDir static Path scripts;
  static Peer peer;

  @TempDir Path dir;
  InteropRuntime x;

  static final MailboxIdentity CLAUDE = claude("claude-main");

  @BeforeAll
  static void installPeer() {
    peer = Peer.install(scripts);
  }

  @BeforeEach
  void setUp() {
    x = InteropRuntime.create(dir, peer, Clock.systemUTC());
  }

  /** A request of {@code type} carrying every optional field that type allows. */
  static SendRequest.Builder everything(String type, String summary) {
    SendRequest.Builder b =
        SendRequest.builder(type, summary)
            .toSession("codex-main")
            .commit("4d36403")
            .context("first line\nsecond line")
            .nextAction("next " + type)
            .goal("goal " + type)
            .priority("urgent")
            .blocking(true)
            .expectedWithin("PT2H")
            .eta("PT30M")
            .acceptance(List.of("tests pass", "doctor clean"))
            .constraints(List.of("no new dependencies"))
            .contextFiles(List.of("docs/a.md"))
            .filesChanged(List.of("src/A.java", "src/B.java"));
    switch (type) {
      case "status" -> b.state("progress");
      case "done" ->
          b.state("blocked")
              .replyTo("codex-000001")
              .applied(2L)
              .totalProposed(3L)
              .skipped(List.of(new SendRequest.Skipped("s-1", "out of scope")));
      case "cancel" -> b.replyTo("claude-000001");
      case "error" -> b.replyTo("codex-000001");
      default -> {
        // task, handoff and question take the common fields only
      }
    }
    return b;
  }

  // §14 item 1
  @Test
  @Timeout(60)
  void givenFreshRuntime_passoffSendsEveryTypeWithEveryField_runtimeIsDoctorCleanAndPeerAccepts() {
    x.assertDoctorClean();
    x.peerSend("codex", "codex-main", "task", "peer task", "--goal", "something");

    x.send(CLAUDE, everything("task", "a task").noteText("# Task notes\n"));
    x.send(CLAUDE, everything("handoff", "a handoff").notesFile("notes/claude-000001.md"));
    for (String type : List.of("question", "status", "done", "cancel", "error")) {
      x.send(CLAUDE, everything(type, "a " + type).noteText("# " + type + "\n"));
    }

    List<Map<String, @Nullable Object>> written = x.messages(Side.CLAUDE);
    assertThat(written)
        .extracting(m -> m.get("type"))
        .containsExactly("task", "handoff", "question", "status", "done", "cancel", "error");
    for (Map<String, @Nullable Object> m : written) {
      assertThat(String.valueOf(m.get("ts"))).matches(InteropRuntime.TIMESTAMP);
      assertThat(refs(m).get("notes_file")).isNotNull();
      List<String> order = new ArrayList<>(MessageRules.KEY_ORDER);
      order.retainAll(m.keySet());
      assertThat(new ArrayList<>(m.keySet())).as("key order").isEqualTo(order);
    }
    x.assertDoctorClean();

    List<Map<String, Object>> calls = new ArrayList<>();
    for (String line : InteropRuntime.lines(x.stream(Side.CLAUDE))) {
      calls.add(Peer.function("validate_line", line, "claude", x.rt.toString()));
    }
    List<Map<String, @Nullable Object>> verdicts = peer.many("send", calls);
    assertThat(verdicts)
        .extracting(v -> v.get("value"))
        .allSatisfy(v -> assertThat(v).isEqualTo(List.of()));
  }

  // §14 item 2
  @Test
  @Timeout(60)
  void givenPassoffMessages_peerPollGate_countsUnreadLeaseAndPurePerSession() {
    x.peerSend("codex", "codex-main", "status", "hello"); // codex-000001
    x.send(CLAUDE, SendRequest.builder("task", "broadcast task").goal("g"));
    x.send(CLAUDE, SendRequest.builder("task", "for main").goal("g").toSession("codex-main"));
    x.send(CLAUDE, SendRequest.builder("task", "for other").goal("g").toSession("codex-other"));
    x.send(CLAUDE, SendRequest.builder("question", "for main?").toSession("codex-main"));
    x.send(CLAUDE, SendRequest.builder("status", "broadcast status").state("progress"));
    x.send(CLAUDE, SendRequest.builder("done", "inferred to main").replyTo("codex-000001"));
    x.send(CLAUDE, SendRequest.builder("error", "for other").toSession("codex-other"));
    x.send(CLAUDE, SendRequest.builder("handoff", "broadcast handoff").nextAction("go"));

    Map<String, @Nullable Object> main = x.peerGate("codex", "codex-main");
    assertThat(main)
        .containsEntry("decision", "process")
        .containsEntry("_exit", 0L)
        .containsEntry("cursor", 0L)
        .containsEntry("stream_max_seq", 8L)
        .containsEntry("unread_total", 8L)
        .containsEntry("for_me", 6L)
        .containsEntry("for_me_lease", 4L)
        .containsEntry("for_me_pure", 2L)
        .containsEntry("directed_elsewhere", 2L);
    Map<String, @Nullable Object> other = x.peerGate("codex", "codex-other");
    assertThat(other)
        .containsEntry("unread_total", 8L)
        .containsEntry("for_me_lease", 4L)
        .containsEntry("for_me_pure", 1L)
        .containsEntry("directed_elsewhere", 3L);

    GateResult passoff = x.mailbox.gate(codex("codex-main"), 0, false);
    assertThat(passoff.unreadTotal()).isEqualTo(8);
    assertThat(passoff.forMeLease()).isEqualTo(4);
    assertThat(passoff.forMePure()).isEqualTo(2);
  }

  // §14 item 3
  @Test
  @Timeout(60)
  void givenPassoffReply_peerDryRunReplyingToIt_inheritsThreadAndAddressesPassoffSession() {
    x.send(CLAUDE, SendRequest.builder("task", "root task").goal("g"));
    String question = x.send(CLAUDE, SendRequest.builder("question", "q").replyTo("claude-000001"));
    byte[] seqBefore = InteropRuntime.bytes(x.file(".codex-seq"));

    Peer.Result r =
        x.peer(
            "send.py",
            "--side",
            "codex",
            "--session",
            "codex-main",
            "--type",
            "done",
            "--summary",
            "answered",
            "--reply-to",
            question,
            "--dry-run");

    assertThat(r.exit()).as("%s", r).isZero();
    Map<String, @Nullable Object> message = r.json();
    assertThat(message)
        .containsEntry("id", "codex-000001")
        .containsEntry("thread", "claude-000001")
        .containsEntry("to_session", "claude-main");
    assertThat(refs(message)).containsEntry("reply_to", question);
    assertThat(r.stdout())
        .contains("DRY-RUN: would write codex-000001 to " + x.stream(Side.CODEX).toAbsolutePath());
    assertThat(InteropRuntime.read(x.stream(Side.CODEX))).isEmpty();
    assertThat(InteropRuntime.bytes(x.file(".codex-seq"))).isEqualTo(seqBefore);
    assertThat(x.list("locks")).isEmpty();
  }

  static final String UNICODE =
      "CJK 漢字かな한글, emoji \uD83D\uDE00\uD83C\uDF89, LS[\u2028] PS[\u2029] NEL[\u0085] end";

  // §14 item 10
  @Test
  @Timeout(60)
  void givenUnicodeSeparators_passoffEscapesThem_andLinesSurviveThePeerArchiver() {
    List<String> ids = new ArrayList<>();
    ids.add(
        x.send(
            CLAUDE,
            SendRequest.builder("status", UNICODE).context(UNICODE + "\nline two " + UNICODE)));
    ids.add(x.send(CLAUDE, SendRequest.builder("task", UNICODE).goal(UNICODE)));
    ids.add(x.send(CLAUDE, SendRequest.builder("status", UNICODE.repeat(5)).context(UNICODE)));
    ids.add(x.send(CLAUDE, SendRequest.builder("status", "newest")));

    byte[] raw = InteropRuntime.bytes(x.stream(Side.CLAUDE));
    String text = new String(raw, StandardCharsets.UTF_8);
    assertThat(indexOf(raw, new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0xA8})).isEqualTo(-1);
    assertThat(indexOf(raw, new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0xA9})).isEqualTo(-1);
    assertThat(indexOf(raw, new byte[] {(byte) 0xC2, (byte) 0x85})).isEqualTo(-1);
    assertThat(text).contains("\\u2028", "\\u2029", "\\u0085", "漢字かな한글", "\uD83D\uDE00");
    x.assertDoctorClean();

    x.mailbox.advance(codex("codex-main"), ids.get(ids.size() - 1), true);
    Peer.Result archived = x.peer("archive.py");
    assertThat(archived.exit()).as("%s", archived).isZero();
    List<String> files = x.list("archive");
    assertThat(files).hasSize(1);
    assertThat(files.get(0)).matches("claude-to-codex\\.jsonl\\.\\d{8}T\\d{6}Z\\.jsonl");

    List<String> lines = new ArrayList<>(InteropRuntime.lines(x.file("archive/" + files.get(0))));
    assertThat(lines).hasSize(3);
    lines.addAll(InteropRuntime.lines(x.stream(Side.CLAUDE)));
    assertThat(lines).hasSize(4);
    for (int i = 0; i < 3; i++) {
      Map<String, @Nullable Object> m = InteropRuntime.object(Json.parse(lines.get(i)));
      assertThat(m.get("id")).isEqualTo(ids.get(i));
      String summary = String.valueOf(m.get("summary"));
      if (i < 2) {
        assertThat(summary).isEqualTo(UNICODE);
      } else {
        assertThat(summary).startsWith("CJK 漢字").endsWith("... see notes/claude-000003.md");
      }
      assertThat(x.runtime.messages().find(MessageId.read(ids.get(i)).orElseThrow()))
          .hasValueSatisfying(found -> assertThat(found.summary()).isEqualTo(summary));
    }
    assertThat(InteropRuntime.object(Json.parse(lines.get(0))).get("context"))
        .isEqualTo(UNICODE + "\nline two " + UNICODE);
    x.assertDoctorClean();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  // §14 item 11, first part
  @Test
  @Timeout(60)
  void given200CodePointsWithAstralCharacters_bothWritersKeepTheSummary() {
    String summary = "\uD83D\uDE00".repeat(100) + "a".repeat(100);
    assertThat(summary.codePointCount(0, summary.length())).isEqualTo(200);

    Peer.Result dry =
        x.peer(
            "send.py",
            "--side",
            "claude",
            "--session",
            "peer",
            "--type",
            "status",
            "--summary",
            summary,
            "--dry-run");
    assertThat(dry.exit()).as("%s", dry).isZero();
    assertThat(dry.json()).containsEntry("summary", summary);

    SendResult sent = x.mailbox.send(CLAUDE, SendRequest.builder("status", summary).build());
    assertThat(sent.note()).isNull();
    Map<String, @Nullable Object> line = x.messages(Side.CLAUDE).get(0);
    assertThat(line).containsEntry("summary", summary);
    assertThat(refs(line).get("notes_file")).isNull();
    x.assertDoctorClean();
  }

  /** A long summary, an optional explicit note path and an optional context. */
  record LongSummary(String summary, @Nullable String notesFile, @Nullable String context) {}

  static List<LongSummary> longSummaries() {
    String pad = "n".repeat(156); // the suffix keeps only the minimum of 20 code points
    String longer = "n".repeat(170); // even the minimum does not fit
    return List.of(
        new LongSummary("a".repeat(201), null, null),
        new LongSummary("\uD83D\uDE00".repeat(201), null, null),
        new LongSummary("b".repeat(150) + "   " + "c".repeat(100), null, null),
        new LongSummary("b".repeat(147) + " \t  " + "c".repeat(100), null, "some context"),
        new LongSummary("d".repeat(146) + "\u3000\u3000\u3000\u3000" + "e".repeat(80), null, null),
        new LongSummary("漢".repeat(120) + "\uD83C\uDF89".repeat(120), null, "ctx\nwith lines"),
        new LongSummary("f".repeat(300), "notes/custom/long-summary.md", null),
        new LongSummary("g".repeat(250), "notes/" + pad + ".md", null),
        new LongSummary("h".repeat(250), "notes/" + longer + ".md", null),
        new LongSummary(
            "i".repeat(10) + "        " + "j".repeat(250), "notes/" + pad + ".md", null));
  }

  // §14 item 11, second part
  @Test
  @Timeout(60)
  void givenLongSummaries_passoffShortensThemExactlyAsThePeerDoes() {
    compareLongSummaries(longSummaries());

    LongSummary withContext = longSummaries().get(3);
    SendResult sent =
        x.mailbox.send(
            CLAUDE,
            SendRequest.builder("status", withContext.summary())
                .context(withContext.context())
                .build());
    assertThat(sent.note()).isEqualTo("notes/claude-000001.md");
    String note = InteropRuntime.read(x.file("notes/claude-000001.md"));
    assertThat(note).contains("Original summary", withContext.summary(), "Context", "some context");
    assertThat(x.messages(Side.CLAUDE).get(0)).doesNotContainKey("context");
    x.peerSend(
        "claude",
        "peer",
        "status",
        withContext.summary(),
        "--context",
        String.valueOf(withContext.context()));
    assertThat(InteropRuntime.read(x.file("notes/claude-000002.md")))
        .contains("Original summary", withContext.summary(), "Context", "some context");
    x.assertDoctorClean();
  }

  // §14 item 11: trailing whitespace that Python's str.rstrip() removes and Java's may not
  @Test
  @Timeout(60)
  void givenPythonOnlyWhitespaceAtTheCut_passoffShortensLikeThePeer() {
    compareLongSummaries(
        List.of(
            new LongSummary("k".repeat(149) + "\u00A0" + "l".repeat(60), null, null),
            new LongSummary("k".repeat(149) + "\u0085" + "l".repeat(60), null, null),
            new LongSummary("k".repeat(148) + "\u2007\u202F" + "l".repeat(60), null, null)));
  }

  private void compareLongSummaries(List<LongSummary> corpus) {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (LongSummary c : corpus) {
      List<String> argv =
          new ArrayList<>(
              List.of(
                  "--side",
                  "claude",
                  "--session",
                  "claude-main",
                  "--type",
                  "status",
                  "--summary",
                  c.summary(),
                  "--dry-run"));
      if (c.notesFile() != null) {
        argv.addAll(List.of("--notes-file", c.notesFile()));
      }
      if (c.context() != null) {
        argv.addAll(List.of("--context", c.context()));
      }
      calls.add(Peer.call(x.root, Map.of(), List.of(), argv.toArray(String[]::new)));
    }
    List<Map<String, @Nullable Object>> results = peer.many("send", calls);

    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      LongSummary c = corpus.get(i);
      Map<String, @Nullable Object> r = results.get(i);
      SendRequest request =
          SendRequest.builder("status", c.summary())
              .notesFile(c.notesFile())
              .context(c.context())
              .dryRun(true)
              .build();
      String label = "entry " + i + " " + Json.compact(c.summary());
      if (Peer.exit(r) != 0) {
        assertThat(Peer.exit(r)).as(label + "\n" + r).isEqualTo(2);
        try {
          x.mailbox.send(CLAUDE, request);
          mismatches.add(label + ": send.py refuses it (exit 2), Passoff accepts it");
        } catch (ValidationException expected) {
          // both refuse
        }
        continue;
      }
      Map<String, @Nullable Object> expected = new Peer.Result(0, Peer.stdout(r), "").json();
      Map<String, @Nullable Object> actual;
      try {
        actual = x.mailbox.send(CLAUDE, request).message().fields();
      } catch (ValidationException e) {
        mismatches.add(label + ": send.py accepts it, Passoff refuses it: " + e.getMessage());
        continue;
      }
      List<Object> mine =
          Arrays.asList(
              actual.get("summary"), refs(actual).get("notes_file"), actual.containsKey("context"));
      List<Object> theirs =
          Arrays.asList(
              expected.get("summary"),
              refs(expected).get("notes_file"),
              expected.containsKey("context"));
      if (!mine.equals(theirs)) {
        mismatches.add(
            label + ":\n  passoff " + Json.compact(mine) + "\n  send.py " + Json.compact(theirs));
      }
    }
    assertThat(mismatches).as("long summaries Passoff and send.py shorten differently").isEmpty();
  }

  // §14 item 11, third part
  @Test
  @Timeout(60)
  void givenSummaryWithLineBreak_bothWritersRefuseAndWriteNothing() {
    for (String summary : List.of("two\nlines", "carriage\rreturn")) {
      assertThatThrownBy(
              () -> x.mailbox.send(CLAUDE, SendRequest.builder("status", summary).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("single line");
      Peer.Result r =
          x.peer(
              "send.py",
              "--side",
              "claude",
              "--session",
              "peer",
              "--type",
              "status",
              "--summary",
              summary);
      assertThat(r.exit()).as("%s", r).isEqualTo(2);
      assertThat(r.stderr()).contains("FATAL: summary must be a single line");
    }
    assertThat(InteropRuntime.read(x.stream(Side.CLAUDE))).isEmpty();
    assertThat(x.number(".claude-seq")).isZero();
  }

  // §14 item 14
  @Test
  @Timeout(60)
  void givenPassoffWritesTimestamps_allHaveThreeFractionDigits_andPeerDoctorAcceptsClaims()
      throws Exception {
    String task = x.send(CLAUDE, SendRequest.builder("task", "work").goal("g"));
    MailboxIdentity worker = codex("codex-main");
    x.mailbox.claim(worker, task, "PT8H");
    x.mailbox.gate(worker, 1, false);
    Map<String, @Nullable Object> claim =
        InteropRuntime.object(
            Json.parse(InteropRuntime.read(x.file("claims/codex-handles-" + task + ".json"))));
    assertThat(String.valueOf(claim.get("created_at"))).matches(InteropRuntime.TIMESTAMP);
    assertThat(String.valueOf(claim.get("expires_at"))).matches(InteropRuntime.TIMESTAMP);
    Peer.Result doctor = x.peer("doctor.py", "--strict");
    assertThat(doctor.stdout()).doesNotContain("expires_at");
    x.assertDoctorClean();

    x.mailbox.complete(worker, task, SendRequest.builder("done", "finished").build(), false);
    assertThat(String.valueOf(x.messages(Side.CLAUDE).get(0).get("ts")))
        .matches(InteropRuntime.TIMESTAMP);
    assertThat(String.valueOf(x.messages(Side.CODEX).get(0).get("ts")))
        .matches(InteropRuntime.TIMESTAMP);
    Map<String, @Nullable Object> gate =
        InteropRuntime.object(Json.parse(InteropRuntime.read(x.file(".codex-pollgate.json"))));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> sessions =
        (Map<String, Map<String, Object>>) gate.get("sessions");
    assertThat(String.valueOf(sessions.get("codex-main").get("updated_at")))
        .matches(InteropRuntime.TIMESTAMP);
    assertThat(Files.readString(x.file("cursors/codex-codex-main")).strip()).isEqualTo("1");
    x.assertDoctorClean();
  }

  // §14 item 15
  @Test
  @Timeout(60)
  void givenPassoffCancelsItsOwnTask_theCancelIsBroadcast_andPeerSessionsCountIt() {
    String task = x.send(CLAUDE, SendRequest.builder("task", "mine").goal("g"));
    x.send(CLAUDE, SendRequest.builder("cancel", "never mind").replyTo(task));

    Map<String, @Nullable Object> cancel = x.messages(Side.CLAUDE).get(1);
    assertThat(cancel).doesNotContainKey("to_session").containsEntry("thread", task);
    for (String session : List.of("codex-main", "codex-other")) {
      assertThat(x.peerGate("codex", session))
          .containsEntry("for_me_lease", 2L)
          .containsEntry("directed_elsewhere", 0L);
      PollResult poll =
          x.mailbox.poll(codex(session), new PollRequest(20, true, false, List.of(), false));
      assertThat(poll.messages())
          .extracting(PendingMessage::handling)
          .containsExactly(Handling.CLAIM, Handling.CLAIM);
    }
    x.assertDoctorClean();
  }

  // §11 D1, as the peer model reproduces it
  @Test
  @Timeout(60)
  void givenPeerCancelsItsOwnTask_itIsAddressedToItself_andPassoffSkipsItAsElsewhere() {
    x.peerSend("claude", "claude-peer", "task", "peer task", "--goal", "g");
    Map<String, @Nullable Object> cancel =
        x.peerSend("claude", "claude-peer", "cancel", "never mind", "--reply-to", "claude-000001");
    assertThat(cancel).containsEntry("to_session", "claude-peer");

    PollResult poll =
        x.mailbox.poll(codex("codex-main"), new PollRequest(20, true, false, List.of(), false));
    assertThat(poll.messages())
        .extracting(p -> p.message().id().text())
        .containsExactly("claude-000001");
    assertThat(poll.counts().elsewhere()).isEqualTo(1);
  }

  /** Durations both rules must agree on: the §4.9 examples and their neighbours. */
  static final List<String> DURATIONS =
      List.of(
          "PT2H",
          "PT30M",
          "P1D",
          "P1DT2H",
          "PT1H30M",
          "PT45S",
          "P0D",
          "PT0S",
          "P10DT10H10M10S",
          "PT1H1S",
          "PT1M1S",
          "P1DT1M",
          "P1DT1S",
          "P365D",
          "PT100H",
          "PT1H30M15S",
          "P007D",
          "30m",
          "P1W",
          "P1M",
          "PT1.5H",
          "P",
          "PT",
          "",
          "pt2h",
          "PT2h",
          "P1Y",
          "P1DT",
          "PT1S2M",
          "PT1M1H",
          "P1H",
          "PT2H ",
          " PT2H",
          "P-1D",
          "P+1D",
          "PT1,5H",
          "P1DT2H3",
          "PT2H30",
          "-PT2H",
          "P1D2D",
          "PT1H1H",
          "P1Y2M3DT4H5M6S",
          "T2H",
          "2H",
          "P T2H",
          "PTH",
          "PT1HM",
          "P1.5D",
          "P1DT2H30M1.5S",
          "PT-1H",
          "P2W",
          "PT1H30M15S5S");

  // §14 item 17
  @Test
  @Timeout(60)
  void givenDurationCorpus_passoffAndPeerAcceptExactlyTheSameStrings() {
    assertDurationsAgree(DURATIONS);
  }

  // §14 item 17, decision 0020: where Python's re accepts more than the documented pattern
  // (any Unicode digit for \d, "$" before a final newline), Passoff deliberately refuses.
  @Test
  @Timeout(60)
  void givenDurationsOnlyPythonsRegexAccepts_passoffRefusesThemDeliberately() {
    List<String> quirks = List.of("PT2H\n", "P\u0661D", "PT\uFF12H", "P\u0967DT\u0968H");
    List<Map<String, Object>> calls = new ArrayList<>();
    for (String d : quirks) {
      calls.add(Peer.function("duration_ok", d));
    }
    List<Map<String, @Nullable Object>> results = peer.many("send", calls);
    for (int i = 0; i < quirks.size(); i++) {
      String d = quirks.get(i);
      assertThat(results.get(i).get("value"))
          .as("peer accepts %s", Json.compact(d))
          .isEqualTo(true);
      assertThat(MailboxDurations.isValid(d)).as("Passoff refuses %s", Json.compact(d)).isFalse();
    }
  }

  private void assertDurationsAgree(List<String> corpus) {
    List<Map<String, Object>> calls = new ArrayList<>();
    for (String d : corpus) {
      calls.add(Peer.function("duration_ok", d));
      calls.add(
          Peer.call(
              x.root,
              Map.of(),
              List.of(),
              "--side",
              "claude",
              "--type",
              "status",
              "--summary",
              "s",
              "--expected-within",
              d,
              "--eta",
              d,
              "--dry-run"));
    }
    List<Map<String, @Nullable Object>> results = peer.many("send", calls);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      String d = corpus.get(i);
      boolean peerRule = Boolean.TRUE.equals(results.get(2 * i).get("value"));
      boolean peerCli = Peer.exit(results.get(2 * i + 1)) == 0;
      boolean passoffRule = MailboxDurations.isValid(d);
      boolean passoffSend;
      try {
        x.mailbox.send(
            CLAUDE,
            SendRequest.builder("status", "s").expectedWithin(d).eta(d).dryRun(true).build());
        passoffSend = true;
      } catch (ValidationException e) {
        passoffSend = false;
      }
      assertThat(peerCli).as("peer CLI vs peer rule for %s", Json.compact(d)).isEqualTo(peerRule);
      assertThat(passoffSend)
          .as("Passoff send vs rule for %s", Json.compact(d))
          .isEqualTo(passoffRule);
      if (passoffRule != peerRule) {
        disagreements.add(Json.compact(d) + " passoff=" + passoffRule + " peer=" + peerRule);
      }
    }
    assertThat(disagreements).as("durations on which Passoff and send.py disagree").isEmpty();
  }
}
