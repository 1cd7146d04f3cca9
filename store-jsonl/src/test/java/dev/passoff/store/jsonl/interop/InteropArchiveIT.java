package dev.passoff.store.jsonl.interop;

import static dev.passoff.store.jsonl.interop.InteropRuntime.claude;
import static dev.passoff.store.jsonl.interop.InteropRuntime.codex;
import static dev.passoff.store.jsonl.interop.InteropRuntime.refs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.GateResult;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Archiving by either tool between the other's passes (§9, §14 items 27, 28, 36). */
class InteropArchiveIT {
  @TempDir static Path scripts;
  static Peer peer;

  @TempDir Path dir;

  static final MailboxIdentity ME = claude("claude-main");
  static final ArchiveRequest ARCHIVE =
      new ArchiveRequest(null, false, false, Duration.ofSeconds(10));

  @BeforeAll
  static void installPeer() {
    peer = Peer.install(scripts);
  }

  /** Handles one pending message the way a session does in a pass. */
  private static void handle(InteropRuntime x, PendingMessage p) {
    String id = p.message().id().text();
    switch (p.handling()) {
      case CONSUME -> x.mailbox.advance(ME, id, false);
      case CLAIM -> {
        x.mailbox.claim(ME, id, null);
        x.mailbox.complete(ME, id, SendRequest.builder("done", "done " + id).build(), false);
      }
      default -> throw new AssertionError(p.handling() + " for " + id);
    }
  }

  // §14 item 27
  @Test
  @Timeout(60)
  void givenPeerArchiverRunsBetweenPasses_noMessageIsHandledTwiceOrSkipped_andIdsContinue() {
    InteropRuntime x = InteropRuntime.create(dir, peer, Clock.systemUTC());
    for (int i = 1; i <= 10; i++) {
      if (i % 2 == 1) {
        x.peerSend("codex", "codex-main", "task", "task " + i, "--goal", "g");
      } else {
        x.peerSend("codex", "codex-main", "status", "status " + i);
      }
    }
    List<String> handled = new ArrayList<>();
    for (PendingMessage p : x.mailbox.poll(ME, PollRequest.defaults()).messages()) {
      if (p.seq() <= 5) {
        handle(x, p);
        handled.add(p.message().id().text());
      }
    }
    assertThat(x.mailbox.cursor(ME).seq()).isEqualTo(5);

    Peer.Result archived = x.peer("archive.py");
    assertThat(archived.exit()).as("%s", archived).isZero();
    assertThat(archived.stdout()).contains("codex-to-claude.jsonl: archived 5 line(s), kept 5");
    assertThat(x.ids(Side.CODEX))
        .containsExactly(
            "codex-000006", "codex-000007", "codex-000008", "codex-000009", "codex-000010");

    handled.addAll(x.pass(ME));
    assertThat(x.pass(ME)).isEmpty();
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      all.add(String.format("codex-%06d", i));
    }
    assertThat(handled).isEqualTo(all);
    List<String> repliedTo = new ArrayList<>();
    for (Map<String, @Nullable Object> m : x.messages(Side.CLAUDE)) {
      repliedTo.add(String.valueOf(refs(m).get("reply_to")));
    }
    assertThat(repliedTo)
        .containsExactly(
            "codex-000001", "codex-000003", "codex-000005", "codex-000007", "codex-000009");

    assertThat(x.peerSend("codex", "codex-main", "status", "after"))
        .containsEntry("id", "codex-000011");
    assertThat(x.send(codex("codex-two"), SendRequest.builder("status", "after too")))
        .isEqualTo("codex-000012");
    assertThat(x.send(ME, SendRequest.builder("status", "mine"))).isEqualTo("claude-000006");
    // The existing doctor still warns about audit claims whose message was archived (C1, D17).
    Peer.Result doctor = x.peer("doctor.py", "--strict");
    assertThat(doctor.lines()).noneMatch(l -> l.startsWith("ERROR"));
    assertThat(doctor.problems())
        .hasSize(3)
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "WARN: claims/claude-handles-codex-00000[135]\\.json: .*not in the live streams"));
  }

  // §14 item 28
  @Test
  @Timeout(60)
  void givenPassoffArchives_peerToolsAgree_sameSecondRunsMakeTwoFiles_andOpenClaimsBlockIt() {
    TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250));
    InteropRuntime x = InteropRuntime.create(dir, peer, clock);
    for (int i = 1; i <= 6; i++) {
      x.peerSend("codex", "codex-main", "status", "status " + i);
    }
    List<String> original = InteropRuntime.lines(x.stream(Side.CODEX));
    x.mailbox.advance(ME, "codex-000004", false);

    ArchiveReport first = x.mailbox.archive(ARCHIVE);
    ArchiveReport.StreamArchive x2c = stream(first, Side.CODEX);
    assertThat(x2c.archived()).isEqualTo(4);
    assertThat(x2c.kept()).isEqualTo(2);
    assertThat(stream(first, Side.CLAUDE).archived()).isZero();
    assertThat(x.list("archive")).hasSize(1);
    String firstFile = x.list("archive").get(0);
    assertThat(firstFile).startsWith("codex-to-claude.jsonl.").endsWith(".jsonl");
    assertThat(InteropRuntime.lines(x.file("archive/" + firstFile)))
        .isEqualTo(original.subList(0, 4));

    Peer.Result dry = x.peer("archive.py", "--dry-run");
    assertThat(dry.exit()).as("%s", dry).isZero();
    assertThat(dry.stdout())
        .contains("codex-to-claude.jsonl: nothing to archive (point 4)")
        .contains("claude-to-codex.jsonl: no codex cursor above 0, skipped");
    x.assertDoctorClean();
    GateResult gate = x.mailbox.gate(ME, 0, false);
    assertThat(x.peerGate("claude", "claude-main"))
        .containsEntry("cursor", gate.cursor())
        .containsEntry("stream_max_seq", gate.streamMaxSeq())
        .containsEntry("unread_total", (long) gate.unreadTotal())
        .containsEntry("for_me_pure", (long) gate.forMePure())
        .containsEntry("cursor", 4L)
        .containsEntry("unread_total", 2L);
    assertThat(x.runtime.messages().find(MessageId.read("codex-000002").orElseThrow()))
        .hasValueSatisfying(m -> assertThat(m.summary()).isEqualTo("status 2"));

    x.mailbox.advance(ME, "codex-000005", false);
    ArchiveReport second = x.mailbox.archive(ARCHIVE);
    assertThat(stream(second, Side.CODEX).archived()).isEqualTo(1);
    List<String> files = x.list("archive");
    assertThat(files).as("two runs in the same second").hasSize(2);
    assertThat(files.get(0).substring(0, 38)).isEqualTo(files.get(1).substring(0, 38));

    x.peerSend("codex", "codex-main", "task", "open work", "--goal", "g");
    x.peerSend("codex", "codex-main", "status", "after the task");
    x.mailbox.advance(ME, "codex-000006", false);
    x.mailbox.claim(ME, "codex-000007", null);
    byte[] before = InteropRuntime.bytes(x.stream(Side.CODEX));
    assertThatThrownBy(() -> x.mailbox.archive(ARCHIVE)).isInstanceOf(ConflictException.class);
    assertThat(InteropRuntime.bytes(x.stream(Side.CODEX))).isEqualTo(before);
    assertThat(x.list("archive")).hasSize(2);

    ArchiveReport forced =
        x.mailbox.archive(new ArchiveRequest(null, false, true, Duration.ofSeconds(10)));
    assertThat(stream(forced, Side.CODEX).archived()).isEqualTo(1);
    assertThat(x.list("archive")).hasSize(3);
    assertThat(x.ids(Side.CODEX)).containsExactly("codex-000007", "codex-000008");
  }

  private static ArchiveReport.StreamArchive stream(ArchiveReport report, Side writer) {
    return report.streams().stream()
        .filter(s -> s.writer() == writer)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry for " + writer + " in " + report));
  }

  // §14 item 36
  @Test
  @Timeout(60)
  void givenRawLineSeparatorsFromThePeer_passoffReadsThemIntact_andArchivesTheLineByteForByte() {
    InteropRuntime x = InteropRuntime.create(dir, peer, Clock.systemUTC());
    String summary = "before\u2028after \u2029 and \u0085 end";
    x.peerSend("codex", "codex-main", "status", summary);
    x.peerSend("codex", "codex-main", "status", "newest");
    byte[] raw = InteropRuntime.bytes(x.stream(Side.CODEX));
    String text = new String(raw, StandardCharsets.UTF_8);
    assertThat(text).as("the existing writer leaves U+2028 raw").contains("\u2028");
    int split = text.indexOf('\n') + 1;
    byte[] first =
        Arrays.copyOfRange(
            raw, 0, text.substring(0, split).getBytes(StandardCharsets.UTF_8).length);
    byte[] rest = Arrays.copyOfRange(raw, first.length, raw.length);

    PollResult poll = x.mailbox.poll(ME, new PollRequest(20, true, false, List.of(), false));
    assertThat(poll.messages()).hasSize(2);
    assertThat(poll.messages().get(0).message().summary()).isEqualTo(summary);

    x.mailbox.advance(ME, "codex-000001", false);
    ArchiveReport report = x.mailbox.archive(ARCHIVE);
    assertThat(stream(report, Side.CODEX).archived()).isEqualTo(1);
    String file = stream(report, Side.CODEX).archiveFile();
    assertThat(file).isNotNull();
    assertThat(InteropRuntime.bytes(x.file(file))).isEqualTo(first);
    assertThat(InteropRuntime.bytes(x.stream(Side.CODEX))).isEqualTo(rest);
    assertThat(x.runtime.messages().find(MessageId.read("codex-000001").orElseThrow()))
        .hasValueSatisfying(m -> assertThat(m.summary()).isEqualTo(summary));
  }
}
