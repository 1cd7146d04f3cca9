package dev.passoff.store.jsonl.interop;

import static dev.passoff.store.jsonl.interop.InteropRuntime.claude;
import static dev.passoff.store.jsonl.interop.InteropRuntime.codex;
import static dev.passoff.store.jsonl.interop.InteropRuntime.refs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.ClaimOutcome;
import dev.passoff.core.model.mailbox.ClaimResult;
import dev.passoff.core.model.mailbox.CursorPosition;
import dev.passoff.core.model.mailbox.Handling;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxService;
import dev.passoff.core.service.mailbox.MailboxTimes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Passoff consuming what the peer model writes, next to sessions that work by hand (§14). */
class InteropReadingIT {
  @TempDir static Path scripts;
  static Peer peer;

  @TempDir Path dir;
  InteropRuntime x;

  static final MailboxIdentity ME = claude("claude-main");
  static final PollRequest PEEK = new PollRequest(200, true, false, List.of(), false);

  @BeforeAll
  static void installPeer() {
    peer = Peer.install(scripts);
  }

  @BeforeEach
  void setUp() {
    x = InteropRuntime.create(dir, peer, Clock.systemUTC());
  }

  private static List<String> ids(String prefix, int... seqs) {
    List<String> out = new ArrayList<>();
    for (int seq : seqs) {
      out.add(String.format("%s-%06d", prefix, seq));
    }
    return out;
  }

  /** How many messages of the stream reply to {@code id}, by reply id. */
  private List<String> repliesTo(Side writer, String id) {
    List<String> out = new ArrayList<>();
    for (Map<String, @Nullable Object> m : x.messages(writer)) {
      if (id.equals(refs(m).get("reply_to"))) {
        out.add(String.valueOf(m.get("id")));
      }
    }
    return out;
  }

  /** A claim file as a session following the protocol by hand writes it, created exclusively. */
  private void handClaim(String reader, String session, String messageId, Instant expires)
      throws Exception {
    Map<String, Object> claim = new LinkedHashMap<>();
    claim.put("side", reader);
    claim.put("session", session);
    claim.put("message_id", messageId);
    claim.put("run_id", reader + "-20260101T000000Z-001");
    claim.put("created_at", MailboxTimes.format(expires.minus(Duration.ofHours(6))));
    claim.put("expires_at", MailboxTimes.format(expires));
    Path file = x.file("claims/" + reader + "-handles-" + messageId + ".json");
    Files.writeString(
        file, Json.python(claim) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
  }

  // §14 item 19
  @Test
  @Timeout(60)
  void givenEveryTypeFromThePeer_passoffConsumesAll_peerGateIsIdle_andOnlyItsLeaseWorkIsClaimed()
      throws Exception {
    String mine = x.send(ME, SendRequest.builder("task", "passoff task").goal("g"));
    x.peerSend("codex", "codex-main", "task", "broadcast task", "--goal", "g");
    x.peerSend(
        "codex",
        "codex-main",
        "handoff",
        "for main",
        "--to-session",
        "claude-main",
        "--next-action",
        "n");
    x.peerSend("codex", "codex-main", "question", "broadcast question");
    x.peerSend("codex", "codex-main", "status", "progress", "--state", "progress");
    x.peerSend("codex", "codex-main", "done", "did it", "--reply-to", mine);
    x.peerSend(
        "codex", "codex-main", "task", "for other", "--goal", "g", "--to-session", "claude-other");
    // D1: the peer addresses a cancel of its own task to itself.
    x.peerSend("codex", "codex-main", "cancel", "drop my task", "--reply-to", "codex-000006");
    x.peerSend(
        "codex",
        "codex-main",
        "cancel",
        "drop the broadcast",
        "--reply-to",
        "codex-000001",
        "--broadcast");
    x.peerSend("codex", "codex-main", "error", "failed", "--reply-to", mine);
    x.peerSend("codex", "codex-main", "question", "other?", "--to-session", "claude-other");
    x.peerSend("codex", "codex-main", "status", "other", "--to-session", "claude-other");

    List<String> handled = x.pass(ME);

    assertThat(handled).isEqualTo(ids("codex", 1, 2, 3, 4, 5, 8, 9));
    assertThat(x.mailbox.cursor(ME).seq()).isEqualTo(11);
    Map<String, @Nullable Object> gate = x.peerGate("claude", "claude-main");
    assertThat(gate)
        .containsEntry("decision", "idle")
        .containsEntry("_exit", 20L)
        .containsEntry("cursor", 11L)
        .containsEntry("unread_total", 0L);
    List<String> claims = new ArrayList<>();
    for (String id : ids("codex", 1, 2, 3, 8, 9)) {
      claims.add("claude-handles-" + id + ".json");
      assertThat(repliesTo(Side.CLAUDE, id)).as("replies to %s", id).hasSize(1);
    }
    assertThat(x.list("claims")).containsExactlyElementsOf(claims);
    x.assertDoctorClean();
  }

  // §14 item 20
  @Test
  @Timeout(60)
  void givenMessagesForAnotherSession_passoffSkipsThemWithoutClaims_andMovesItsCursorPast() {
    x.peerSend("codex", "codex-main", "task", "t", "--goal", "g", "--to-session", "claude-other");
    x.peerSend("codex", "codex-main", "question", "q", "--to-session", "claude-other");
    x.peerSend("codex", "codex-main", "status", "s", "--to-session", "claude-other");
    x.peerSend("codex", "codex-main", "status", "for everyone");

    PollResult poll = x.mailbox.poll(ME, PollRequest.defaults());

    assertThat(poll.advancedFrom()).isEqualTo(0L);
    assertThat(poll.cursor()).isEqualTo(3);
    assertThat(poll.counts().elsewhere()).isEqualTo(3);
    assertThat(poll.messages())
        .extracting(p -> p.message().id().text())
        .containsExactly("codex-000004");
    assertThat(x.list("claims")).isEmpty();
    assertThat(x.peerGate("claude", "claude-main"))
        .containsEntry("cursor", 3L)
        .containsEntry("unread_total", 1L)
        .containsEntry("for_me_pure", 1L);
    x.mailbox.advance(ME, "codex-000004", false);
    assertThat(x.number("cursors/claude-claude-main")).isEqualTo(4);
    x.assertDoctorClean();
  }

  // §14 item 21
  @Test
  @Timeout(60)
  void givenLegacyAndHandWrittenCursors_passoffAndPeerGateStartFromTheSameSeq() throws Exception {
    for (int i = 1; i <= 5; i++) {
      x.peerSend("codex", "codex-main", "status", "s" + i);
    }
    x.write(".claude-cursor", "3\n");
    PollResult fromLegacy = x.mailbox.poll(ME, PEEK);
    assertThat(fromLegacy.messages().get(0).seq()).isEqualTo(4);
    assertThat(x.mailbox.cursor(ME))
        .extracting(CursorPosition::seq, CursorPosition::source)
        .containsExactly(3L, CursorPosition.Source.LEGACY);
    assertThat(x.peerGate("claude", "claude-main")).containsEntry("cursor", 3L);

    Files.delete(x.file(".claude-cursor"));
    MailboxIdentity fresh = claude("claude-two");
    assertThat(x.mailbox.poll(fresh, PEEK).messages().get(0).seq()).isEqualTo(1);
    assertThat(x.mailbox.cursor(fresh).source()).isEqualTo(CursorPosition.Source.ZERO);
    assertThat(x.peerGate("claude", "claude-two")).containsEntry("cursor", 0L);

    x.mailbox.advance(ME, "codex-000004", false);
    assertThat(x.peerGate("claude", "claude-main"))
        .containsEntry("cursor", 4L)
        .containsEntry("unread_total", 1L);

    x.write("cursors/claude-claude-hand", "2");
    MailboxIdentity hand = claude("claude-hand");
    assertThat(x.mailbox.cursor(hand))
        .extracting(CursorPosition::seq, CursorPosition::source)
        .containsExactly(2L, CursorPosition.Source.FILE);
    assertThat(x.mailbox.poll(hand, PEEK).messages().get(0).seq()).isEqualTo(3);
    assertThat(x.peerGate("claude", "claude-hand")).containsEntry("cursor", 2L);
    x.write("cursors/claude-claude-hand", " 5 \n");
    assertThat(x.mailbox.cursor(hand).seq()).isEqualTo(5);
    assertThat(x.peerGate("claude", "claude-hand")).containsEntry("cursor", 5L);
    x.assertDoctorClean();
  }

  // §14 item 22
  @Test
  @Timeout(60)
  void givenClaimsWrittenByHand_passoffSkipsHeldResumesOwnReclaimsExpiredAndNeverStealsUnknown()
      throws Exception {
    for (String s : List.of("A", "B", "C", "D")) {
      x.peerSend("codex", "codex-main", "task", "task " + s, "--goal", "g");
    }
    Instant now = Instant.now();
    handClaim("claude", "claude-other", "codex-000001", now.plus(Duration.ofHours(6)));
    handClaim("claude", "claude-main", "codex-000002", now.plus(Duration.ofHours(6)));
    handClaim("claude", "claude-other", "codex-000003", now.minus(Duration.ofHours(1)));

    PollResult poll = x.mailbox.poll(ME, PollRequest.defaults());
    assertThat(poll.cursor()).isEqualTo(1);
    assertThat(poll.counts().held()).isEqualTo(1);
    assertThat(poll.messages())
        .extracting(PendingMessage::handling)
        .containsExactly(Handling.RESUME, Handling.RECLAIM, Handling.CLAIM);

    assertThat(x.mailbox.claim(ME, "codex-000002", null).outcome()).isEqualTo(ClaimOutcome.RESUMED);
    x.mailbox.complete(ME, "codex-000002", SendRequest.builder("done", "resumed").build(), false);
    assertThat(x.mailbox.claim(ME, "codex-000002", null).outcome())
        .isEqualTo(ClaimOutcome.ANSWERED);
    assertThatThrownBy(
            () ->
                x.mailbox.complete(
                    ME, "codex-000002", SendRequest.builder("done", "again").build(), false))
        .isInstanceOf(ConflictException.class);
    assertThat(repliesTo(Side.CLAUDE, "codex-000002")).hasSize(1);

    ClaimResult reclaimed = x.mailbox.claim(ME, "codex-000003", null);
    assertThat(reclaimed.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    assertThat(x.list("claims"))
        .anySatisfy(
            name ->
                assertThat(name)
                    .matches(
                        "claude-handles-codex-000003\\.json\\.expired-\\d{8}T\\d{6}Z(-\\d+)?"));
    Map<String, @Nullable Object> claim =
        InteropRuntime.object(
            Json.parse(InteropRuntime.read(x.file("claims/claude-handles-codex-000003.json"))));
    assertThat(claim).containsEntry("session", "claude-main");
    Peer.Result doctor = x.peer("doctor.py");
    assertThat(doctor.lines()).noneMatch(l -> l.startsWith("ERROR"));
    x.assertDoctorClean();
    x.mailbox.complete(ME, "codex-000003", SendRequest.builder("done", "reclaimed").build(), false);

    for (String content : List.of("", "{not json")) {
      x.write("claims/claude-handles-codex-000004.json", content);
      assertThat(x.mailbox.claim(ME, "codex-000004", null).outcome())
          .isEqualTo(ClaimOutcome.OWNER_UNKNOWN);
      assertThat(InteropRuntime.read(x.file("claims/claude-handles-codex-000004.json")))
          .isEqualTo(content);
      PollResult after = x.mailbox.poll(ME, PEEK);
      assertThat(after.counts().ownerUnknown()).isEqualTo(1);
      assertThat(after.messages()).isEmpty();
    }
    assertThat(repliesTo(Side.CLAUDE, "codex-000004")).isEmpty();
  }

  // §14 item 24
  @Test
  @Timeout(60)
  void givenTheOutboxAlreadyAnswersAMessage_passoffAdvancesOverItWithoutSending() {
    x.peerSend("codex", "codex-main", "task", "X", "--goal", "g");
    x.peerSend("claude", "claude-hand", "done", "X done by hand", "--reply-to", "codex-000001");

    PollResult poll = x.mailbox.poll(ME, PollRequest.defaults());
    assertThat(poll.messages()).isEmpty();
    assertThat(poll.counts().answered()).isEqualTo(1);
    assertThat(poll.cursor()).isEqualTo(1);
    assertThat(x.ids(Side.CLAUDE)).containsExactly("claude-000001");
    assertThat(x.list("claims")).isEmpty();

    x.peerSend("codex", "codex-main", "task", "Y", "--goal", "g");
    x.peerSend("codex", "codex-main", "status", "after Y");
    x.peerSend("claude", "claude-hand", "done", "Y done by hand", "--reply-to", "codex-000002");
    x.peerSend("claude", "claude-hand", "status", "later");
    x.write("cursors/codex-codex-main", "3\n");
    Peer.Result archived = x.peer("archive.py");
    assertThat(archived.exit()).as("%s", archived).isZero();
    assertThat(x.ids(Side.CLAUDE)).containsExactly("claude-000003");

    PollResult later = x.mailbox.poll(ME, PollRequest.defaults());
    assertThat(later.counts().answered()).isEqualTo(1);
    assertThat(later.cursor()).isEqualTo(2);
    assertThat(later.messages())
        .extracting(p -> p.message().id().text())
        .containsExactly("codex-000003");
    assertThat(x.ids(Side.CLAUDE)).containsExactly("claude-000003");
    assertThat(x.list("claims")).isEmpty();
  }

  // §14 item 25
  @Test
  @Timeout(90)
  void givenTwoPassoffSessionsAndOneByHand_directedRepliesReachTheirTarget_broadcastsAreDoneOnce()
      throws Exception {
    // All three sessions exist before the traffic starts, each with a cursor file. (A session
    // without one is seeded from the legacy cursor, which Passoff keeps at the minimum of the
    // existing files, so it would start after messages already directed at it: §6.3, D10, §6.8.)
    MailboxService second = x.otherProcess();
    x.mailbox.setCursor(claude("claude-a"), 0);
    second.setCursor(claude("claude-b"), 0);
    x.write("cursors/claude-claude-hand", "0\n");
    x.peerSend("codex", "codex-main", "status", "hello");
    assertThat(x.pass(claude("claude-a"))).containsExactly("codex-000001");
    assertThat(x.pass(second, claude("claude-b"))).containsExactly("codex-000001");
    x.write("cursors/claude-claude-hand", "1\n");

    x.peerSend("codex", "codex-main", "task", "B1", "--goal", "g");
    x.peerSend("codex", "codex-main", "task", "B2", "--goal", "g");
    x.peerSend("codex", "codex-main", "question", "B3");
    x.peerSend("codex", "codex-main", "status", "for a", "--to-session", "claude-a");
    x.peerSend("codex", "codex-main", "status", "for b", "--to-session", "claude-b");
    x.peerSend("codex", "codex-main", "status", "for hand", "--to-session", "claude-hand");
    x.peerSend("codex", "codex-main", "task", "task a", "--goal", "g", "--to-session", "claude-a");
    x.peerSend(
        "codex", "codex-main", "task", "task hand", "--goal", "g", "--to-session", "claude-hand");
    x.peerSend("codex", "codex-main", "task", "B4", "--goal", "g");

    Instant lease = Instant.now().plus(Duration.ofHours(6));
    handClaim("claude", "claude-hand", "codex-000002", lease);
    List<String> a = x.pass(claude("claude-a"));
    x.peerSend("claude", "claude-hand", "done", "B1 by hand", "--reply-to", "codex-000002");
    List<String> b = x.pass(second, claude("claude-b"));

    // The hand session: read the stream, skip what is answered or not for it, claim, reply.
    List<String> byHand = new ArrayList<>();
    for (Map<String, @Nullable Object> m : x.messages(Side.CODEX).subList(1, 10)) {
      String id = String.valueOf(m.get("id"));
      Object to = m.get("to_session");
      if (to != null && !to.equals("claude-hand")) {
        continue;
      }
      if (!repliesTo(Side.CLAUDE, id).isEmpty()) {
        continue;
      }
      byHand.add(id);
      if (!"status".equals(m.get("type"))) {
        handClaim("claude", "claude-hand", id, lease);
        x.peerSend("claude", "claude-hand", "done", "by hand", "--reply-to", id);
      }
    }
    x.write("cursors/claude-claude-hand", "10\n");

    assertThat(a).isEqualTo(ids("codex", 3, 4, 5, 8, 10));
    assertThat(b).isEqualTo(ids("codex", 6));
    assertThat(byHand).isEqualTo(ids("codex", 7, 9));
    List<String> expectedClaims = new ArrayList<>();
    for (String id : ids("codex", 2, 3, 4, 8, 9, 10)) {
      expectedClaims.add("claude-handles-" + id + ".json");
      assertThat(repliesTo(Side.CLAUDE, id)).as("terminal replies to %s", id).hasSize(1);
    }
    assertThat(x.list("claims")).containsExactlyElementsOf(expectedClaims);
    for (String id : ids("codex", 1, 5, 6, 7)) {
      assertThat(repliesTo(Side.CLAUDE, id)).isEmpty();
    }
    for (String session : List.of("claude-a", "claude-b", "claude-hand")) {
      assertThat(x.number("cursors/claude-" + session)).as(session).isEqualTo(10);
      assertThat(x.peerGate("claude", session))
          .as(session)
          .containsEntry("decision", "idle")
          .containsEntry("_exit", 20L);
    }
    x.assertDoctorClean();
  }

  // §14 item 26
  @Test
  @Timeout(60)
  void givenOddButReadableLinesAndBrokenOnes_passoffConsumesEveryValidMessageAndNoOther()
      throws Exception {
    x.peerSend("codex", "codex-main", "status", "one");
    x.peerSend("codex", "codex-main", "task", "two", "--goal", "g");
    x.peerSend("codex", "codex-main", "status", "three");
    List<String> written = InteropRuntime.lines(x.stream(Side.CODEX));

    Map<String, @Nullable Object> shuffled = new LinkedHashMap<>();
    Map<String, @Nullable Object> plain =
        InteropRuntime.message("codex-000005", "codex", "codex-main", "question", "shuffled");
    List<String> keys = new ArrayList<>(plain.keySet());
    java.util.Collections.reverse(keys);
    for (String key : keys) {
      shuffled.put(key, plain.get(key));
    }
    shuffled.put("x-extra", Map.of("nested", List.of(1L, 2L)));
    Map<String, @Nullable Object> longId =
        InteropRuntime.message("codex-0000006", "codex", "codex-main", "task", "seven digits");
    longId.put("x-unknown", "kept");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.write((written.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
    out.write((written.get(1) + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.write("{not json\n".getBytes(StandardCharsets.UTF_8));
    out.write((written.get(2) + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.write(
        "{\"v\": \"1.0\", \"id\": \"codex-000004\", \"from\": \"codex\", \"type\": \"status\", \"summary\": \""
            .getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3});
    out.write("\", \"refs\": {}}\n".getBytes(StandardCharsets.UTF_8));
    out.write((Json.compact(shuffled) + "\n").getBytes(StandardCharsets.UTF_8));
    out.write("   \n\n".getBytes(StandardCharsets.UTF_8));
    out.write(InteropRuntime.pythonLine(longId).getBytes(StandardCharsets.UTF_8));
    out.write(
        InteropRuntime.pythonLine(
                InteropRuntime.message("codex-1000000", "codex", "codex-main", "status", "big"))
            .getBytes(StandardCharsets.UTF_8));
    out.write(
        "{\"v\": \"1.0\", \"id\": \"codex-1000001\", \"ts\": \"2026"
            .getBytes(StandardCharsets.UTF_8));
    x.write("codex-to-claude.jsonl", out.toByteArray());

    List<String> handled = x.pass(ME);

    assertThat(handled)
        .containsExactly(
            "codex-000001",
            "codex-000002",
            "codex-000003",
            "codex-000005",
            "codex-0000006",
            "codex-1000000");
    assertThat(x.mailbox.cursor(ME).seq()).isEqualTo(1_000_000L);
    assertThat(repliesTo(Side.CLAUDE, "codex-0000006")).hasSize(1);
    assertThat(x.peerGate("claude", "claude-main"))
        .containsEntry("decision", "idle")
        .containsEntry("_exit", 20L)
        .containsEntry("cursor", 1_000_000L);
  }

  // §14 item 31
  @Test
  @Timeout(60)
  void givenRoundTripsInBothDirections_eachSideConsumesTheOthersReply_andRuntimeIsDoctorClean()
      throws Exception {
    String task = x.send(ME, SendRequest.builder("task", "please review").goal("review"));
    Instant lease = Instant.now().plus(Duration.ofHours(6));
    handClaim("codex", "codex-main", task, lease);
    Map<String, @Nullable Object> done =
        x.peerSend("codex", "codex-main", "done", "reviewed", "--reply-to", task);
    assertThat(done).containsEntry("to_session", "claude-main").containsEntry("thread", task);
    x.write("cursors/codex-codex-main", "1\n");
    assertThat(x.pass(ME)).containsExactly("codex-000001");
    assertThat(x.mailbox.cursor(ME).seq()).isEqualTo(1);

    x.peerSend("claude", "claude-peer", "task", "your turn", "--goal", "implement");
    MailboxIdentity worker = codex("codex-main");
    assertThat(x.pass(worker)).containsExactly("claude-000002");
    Map<String, @Nullable Object> reply = x.messages(Side.CODEX).get(1);
    assertThat(reply)
        .containsEntry("type", "done")
        .containsEntry("to_session", "claude-peer")
        .containsEntry("thread", "claude-000002");
    assertThat(x.peerGate("claude", "claude-peer"))
        .containsEntry("decision", "process")
        .containsEntry("for_me_pure", 1L);
    x.write("cursors/claude-claude-peer", "2\n");
    assertThat(x.peerGate("claude", "claude-peer")).containsEntry("_exit", 20L);
    assertThat(x.peerGate("claude", "claude-main")).containsEntry("_exit", 20L);
    assertThat(x.peerGate("codex", "codex-main")).containsEntry("_exit", 20L);
    x.assertDoctorClean();
  }
}
