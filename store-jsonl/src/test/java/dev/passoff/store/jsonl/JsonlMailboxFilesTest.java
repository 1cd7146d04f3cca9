package dev.passoff.store.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.ClaimResult;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.model.mailbox.StreamBatch;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.service.mailbox.MailboxService;
import dev.passoff.core.service.mailbox.MailboxTimes;
import dev.passoff.core.testing.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox files byte for byte: what is written, what is tolerated, what is refused. */
class JsonlMailboxFilesTest {
  @TempDir Path dir;
  Path root;
  Path rt;
  final TestClock clock = new TestClock(Instant.parse("2026-11-21T22:23:41.123Z"));
  JsonlMailboxRuntimes runtimes;
  MailboxRuntime runtime;
  MailboxService mailbox;

  static final MailboxIdentity CLAUDE =
      new MailboxIdentity(Side.CLAUDE, new SessionId("claude-main"), null);
  static final MailboxIdentity CODEX =
      new MailboxIdentity(Side.CODEX, new SessionId("codex-main"), null);

  @BeforeEach
  void setUp() {
    root = dir.resolve("repo");
    runtimes = new JsonlMailboxRuntimes(dir.resolve("cache"), clock, "1.2.3");
    runtimes.init(root, false, true);
    rt = root.resolve(".handoff-runtime");
    reopen();
  }

  void reopen() {
    runtime = runtimes.open(root).orElseThrow();
    mailbox = new MailboxService(runtime, clock, () -> 1, "1.2.3");
  }

  Path c2x() {
    return rt.resolve("claude-to-codex.jsonl");
  }

  String text(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  void append(Path p, String s) throws IOException {
    Files.write(p, s.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
  }

  static String line(Side side, long seq, String type) {
    String id = String.format("%s-%06d", side.wire(), seq);
    String extra = type.equals("task") ? ",\"goal\":\"g\"" : "";
    return "{\"v\":\"1.0\",\"id\":\""
        + id
        + "\",\"ts\":\"2026-11-21T22:23:41.123Z\",\"from\":\""
        + side.wire()
        + "\",\"type\":\""
        + type
        + "\",\"thread\":\""
        + id
        + "\",\"summary\":\"s\",\"blocking\":false,\"peer_cursor_observed\":0,"
        + "\"refs\":{\"reply_to\":null,\"notes_file\":null,\"commit\":null}"
        + extra
        + "}\n";
  }

  @Test
  void carryingFindsHandoffLinksInArchivesAndInLinesWrittenWithEscapes() throws IOException {
    mailbox.send(CLAUDE, SendRequest.builder("status", "old").handoffId("ph_kept").build());
    // Archive the stream as it is (the archiver's naming), then carry on in a fresh live stream.
    Files.move(c2x(), rt.resolve("archive/claude-to-codex.jsonl.20261121T222341Z.jsonl"));
    Files.createFile(c2x());
    reopen();
    mailbox.send(CLAUDE, SendRequest.builder("status", "new").handoffId("ph_kept").build());
    mailbox.send(CLAUDE, SendRequest.builder("status", "other").handoffId("ph_other").build());
    // The existing tool's writer escapes freely; an escaped key still names the handoff.
    append(
        rt.resolve("codex-to-claude.jsonl"),
        line(Side.CODEX, 1, "status")
            .replace("\"summary\"", "\"passoff\":{\"handoff\\u005fid\":\"ph_kept\"},\"summary\""));

    assertThat(mailbox.carrying(java.util.Set.of("ph_kept")))
        .extracting(m -> m.id().text() + " " + m.summary())
        .containsExactly("claude-000001 old", "claude-000002 new", "codex-000001 s");
  }

  // ---------------------------------------------------------------------------------------------
  // setup

  @Test
  void initCreatesTheProtocolsLayoutOwnerOnly() throws IOException {
    for (String d : List.of("notes", "claims", "locks", "cursors", "archive")) {
      assertThat(rt.resolve(d)).isDirectory();
    }
    assertThat(text(rt.resolve(".codex-seq"))).isEqualTo("0\n");
    assertThat(text(rt.resolve(".claude-cursor"))).isEqualTo("0\n");
    assertThat(c2x()).isEmptyFile();
    assertThat(text(root.resolve(".gitignore"))).isEqualTo(".handoff-runtime/\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rt)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c2x())))
        .isEqualTo("rw-------");
    assertThat(runtimes.init(root, false, true)).isEmpty();
    assertThat(text(root.resolve(".gitignore"))).isEqualTo(".handoff-runtime/\n");
  }

  // ---------------------------------------------------------------------------------------------
  // writing

  @Test
  void aSentLineIsCompactOrderedEscapedAndLfTerminated() throws IOException {
    mailbox.send(
        CLAUDE,
        SendRequest.builder("task", "Résumé \u2028 ok")
            .goal("ship")
            .context("a\u2029b\u0085c 中文 \ud83d\ude00")
            .build());
    String written = text(c2x());
    assertThat(written)
        .isEqualTo(
            "{\"v\":\"1.0\",\"id\":\"claude-000001\",\"ts\":\"2026-11-21T22:23:41.123Z\","
                + "\"from\":\"claude\",\"from_session\":\"claude-main\",\"type\":\"task\","
                + "\"thread\":\"claude-000001\",\"summary\":\"Résumé \\u2028 ok\",\"blocking\":false,"
                + "\"peer_cursor_observed\":0,\"refs\":{\"reply_to\":null,\"notes_file\":null,"
                + "\"commit\":null},\"context\":\"a\\u2029b\\u0085c 中文 \ud83d\ude00\","
                + "\"goal\":\"ship\",\"files_changed\":[],\"passoff\":{\"tool\":\"passoff/1.2.3\"}}\n");
    assertThat(text(rt.resolve(".claude-seq"))).isEqualTo("1\n");
    // Splitting the file the way Python's splitlines() does still gives one line.
    assertThat(written.strip().split("[\\n\\r\\u2028\\u2029\\u0085]")).hasSize(1);
  }

  @Test
  void theNextIdIsTheLargerOfTheSeqFileAndTheOutbox() throws IOException {
    for (int i = 1; i <= 7; i++) {
      append(c2x(), line(Side.CLAUDE, i, "status"));
    }
    assertThat(send(CLAUDE, "a")).isEqualTo("claude-000008");
    Files.writeString(rt.resolve(".claude-seq"), "20");
    assertThat(send(CLAUDE, "b")).isEqualTo("claude-000021");
    assertThat(text(rt.resolve(".claude-seq"))).isEqualTo("21\n");
  }

  @Test
  void seqFilesAreReadTolerantly() throws IOException {
    Path seq = rt.resolve(".claude-seq");
    Files.write(seq, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '4', '\r', '\n'});
    assertThat(send(CLAUDE, "bom")).isEqualTo("claude-000005");
    Files.writeString(seq, "\uFEFF9", StandardCharsets.UTF_16BE);
    assertThat(send(CLAUDE, "utf16")).isEqualTo("claude-000010");
    Files.writeString(seq, "");
    assertThat(send(CLAUDE, "empty")).isEqualTo("claude-000011");
    Files.writeString(seq, "abc");
    assertThat(send(CLAUDE, "garbage")).isEqualTo("claude-000012");
    assertThat(text(seq)).isEqualTo("12\n");
  }

  String send(MailboxIdentity who, String summary) {
    return mailbox.send(who, SendRequest.builder("status", summary).build()).message().id().text();
  }

  @Test
  void anUnterminatedStreamIsNeverAppendedTo() throws IOException {
    append(c2x(), line(Side.CLAUDE, 1, "status"));
    String partial = "{\"v\":\"1.0\",\"id\":\"claude-000002\"";
    append(c2x(), partial);
    long before = Files.size(c2x());
    assertThatThrownBy(() -> send(CLAUDE, "x"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("byte offset " + line(Side.CLAUDE, 1, "status").length())
        .hasMessageContaining("repair");
    assertThat(Files.size(c2x())).isEqualTo(before);
  }

  @Test
  void aFreshForeignLockIsWaitedForThenRefused() throws IOException {
    Path lock = rt.resolve("locks/claude-send.lock");
    Files.writeString(lock, "{\"side\":\"claude\",\"pid\":1,\"created_at\":\"x\"}");
    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                mailbox.send(
                    CLAUDE,
                    SendRequest.builder("status", "x").lockTimeout(Duration.ofMillis(400)).build()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("timed out waiting for send lock")
        .hasMessageContaining("pid 1");
    assertThat(System.nanoTime() - started).isGreaterThan(Duration.ofMillis(350).toNanos());
    assertThat(c2x()).isEmptyFile();
    assertThat(lock).exists();

    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
    assertThat(send(CLAUDE, "after takeover")).isEqualTo("claude-000001");
    assertThat(lock).doesNotExist();
    try (Stream<Path> files = Files.list(rt.resolve("locks"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aLockLeftByADeadProcessOfThisHostIsTakenOverAtOnce() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Path lock = rt.resolve("locks/claude-send.lock");
    Files.writeString(
        lock,
        Json.compact(
            Map.of(
                "side",
                "claude",
                "pid",
                dead.pid(),
                "created_at",
                MailboxTimes.format(Instant.now()),
                "host",
                Hostname.get(),
                "nonce",
                "00",
                "tool",
                "passoff/0")));
    long started = System.nanoTime();
    assertThat(
            mailbox
                .send(
                    CLAUDE,
                    SendRequest.builder("status", "x").lockTimeout(Duration.ofSeconds(20)).build())
                .message()
                .id()
                .text())
        .isEqualTo("claude-000001");
    assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(5).toNanos());
  }

  @Test
  void theLockRecordsItsHolderAndIsReleased() throws IOException {
    Path lock = rt.resolve("locks/claude-send.lock");
    List<String> seen = new ArrayList<>();
    runtime
        .messages()
        .append(
            Side.CLAUDE,
            Duration.ofSeconds(5),
            seq -> {
              try {
                seen.add(text(lock));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              return dev.passoff.core.testing.mailbox.MailboxFixtures.outgoing(
                  dev.passoff.core.testing.mailbox.MailboxFixtures.fields(
                      Side.CLAUDE, seq, "status"));
            });
    Map<?, ?> content = (Map<?, ?>) Json.parse(seen.get(0));
    assertThat(new ArrayList<Object>(content.keySet()))
        .containsExactly("side", "pid", "created_at", "host", "nonce", "tool");
    assertThat(content.get("pid")).isEqualTo(ProcessHandle.current().pid());
    assertThat((String) content.get("created_at")).matches(MailboxTimes.WRITTEN);
    assertThat((String) content.get("nonce")).hasSize(32);
    assertThat(lock).doesNotExist();
  }

  @Test
  void notesAreWrittenFirstAndUnsafePathsRefused() throws IOException {
    String id =
        mailbox
            .send(CLAUDE, SendRequest.builder("status", "x".repeat(250)).build())
            .message()
            .id()
            .text();
    assertThat(rt.resolve("notes/" + id + ".md")).exists();
    assertThat(text(c2x())).contains("\"notes_file\":\"notes/claude-000001.md\"");

    Path outside = dir.resolve("outside");
    Files.createDirectories(outside);
    Files.createSymbolicLink(rt.resolve("notes/escape"), outside);
    assertThatThrownBy(
            () ->
                mailbox.send(
                    CLAUDE,
                    SendRequest.builder("status", "y")
                        .noteText("t")
                        .notesFile("notes/escape/x.md")
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("symbolic link");
    assertThat(outside.resolve("x.md")).doesNotExist();
  }

  @Test
  void anOrphanNoteFromACrashedSendGetsAFreshPathNextTime() throws IOException {
    Files.writeString(rt.resolve("notes/claude-000001.md"), "orphan");
    String id =
        mailbox
            .send(CLAUDE, SendRequest.builder("status", "z".repeat(250)).build())
            .message()
            .id()
            .text();
    assertThat(id).isEqualTo("claude-000001");
    assertThat(text(rt.resolve("notes/claude-000001.md"))).isEqualTo("orphan");
    assertThat(rt.resolve("notes/claude-000001-2.md")).exists();
  }

  @Test
  void timestampsWrittenAnywhereHaveThreeFractionDigits() throws IOException {
    clock.set(Instant.parse("2026-11-21T22:23:41Z"));
    append(c2x(), line(Side.CLAUDE, 1, "task"));
    ClaimResult claim = mailbox.claim(CODEX, "claude-000001", null);
    Map<?, ?> file =
        (Map<?, ?>) Json.parse(text(rt.resolve("claims/codex-handles-claude-000001.json")));
    assertThat((String) file.get("created_at")).isEqualTo("2026-11-21T22:23:41.000Z");
    assertThat((String) file.get("expires_at")).isEqualTo("2026-11-22T04:23:41.000Z");
    assertThat(file.get("run_id")).isEqualTo("codex-20261121T222341Z-001");
    assertThat(claim.claim().session()).isEqualTo("codex-main");
    String reply = send(CODEX, "x");
    assertThat(text(rt.resolve("codex-to-claude.jsonl")))
        .contains("\"ts\":\"2026-11-21T22:23:41.000Z\"");
    assertThat(reply).isEqualTo("codex-000001");
    mailbox.poll(
        CODEX, new dev.passoff.core.model.mailbox.PollRequest(20, false, false, List.of(), false));
    assertThat(text(rt.resolve(".codex-lastseen"))).isEqualTo("2026-11-21T22:23:41.000Z\n");
    assertThat(rt.resolve(".claude-lastseen")).doesNotExist();
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  @Test
  void aLimitedReadSaysThereIsMoreAndPagesThroughEveryMessage() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int seq = 1; seq <= 40; seq++) {
      lines.append(line(Side.CLAUDE, seq, "status"));
    }
    String last = line(Side.CLAUDE, 41, "status");
    // The newest message is a complete line still waiting for its LF.
    Files.writeString(c2x(), lines + last.substring(0, last.length() - 1), StandardCharsets.UTF_8);

    List<Long> seen = new ArrayList<>();
    long after = 0;
    int pages = 0;
    for (boolean more = true; more; pages++) {
      StreamBatch page = runtime.messages().readAfter(Side.CLAUDE, after, 8, false);
      page.messages().forEach(m -> seen.add(m.seq()));
      after = page.messages().get(page.messages().size() - 1).seq();
      more = page.more();
    }

    assertThat(seen).hasSize(41).doesNotHaveDuplicates().isSorted();
    assertThat(pages).isEqualTo(6);
    StreamBatch full = runtime.messages().readAfter(Side.CLAUDE, 32, 8, false);
    assertThat(full.messages()).hasSize(8);
    assertThat(full.more()).isTrue();
  }

  @Test
  void foreignSpellingsOfValidMessagesAreConsumed() throws IOException {
    Files.writeString(
        c2x(),
        "{\"id\": \"claude-0000001\", \"type\": \"status\", \"from\": \"claude\", \"extra\": [1, 2],"
            + " \"v\": \"1.0\", \"refs\": {\"reply_to\": null}}\r\n"
            + "\n   \n"
            + "{\"type\":\"task\",\"goal\":\"g\",\"id\":\"claude-2\",\"refs\":{},\"from\":\"claude\"}\n",
        StandardCharsets.UTF_8);
    StreamBatch batch = runtime.messages().readAfter(Side.CLAUDE, 0, 10, false);
    assertThat(batch.messages()).extracting(MailboxMessage::seq).containsExactly(1L, 2L);
    assertThat(batch.messages().get(0).fields().get("extra")).isEqualTo(List.of(1L, 2L));
    assertThat(batch.diagnostics()).isEmpty();
  }

  @Test
  void damagedLinesAreSkippedWithADiagnosticAndNothingValidIsLost() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] badUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    try (var out = Files.newOutputStream(c2x())) {
      out.write(bom);
      out.write(line(Side.CLAUDE, 1, "status").getBytes(StandardCharsets.UTF_8));
      out.write("not json\n".getBytes(StandardCharsets.UTF_8));
      out.write(badUtf8);
      out.write("[1,2]\n".getBytes(StandardCharsets.UTF_8));
      out.write(line(Side.CODEX, 2, "status").getBytes(StandardCharsets.UTF_8));
      out.write(line(Side.CLAUDE, 3, "task").getBytes(StandardCharsets.UTF_8));
      out.write(line(Side.CLAUDE, 3, "status").getBytes(StandardCharsets.UTF_8));
      out.write(line(Side.CLAUDE, 4, "status").replace("\n", "").getBytes(StandardCharsets.UTF_8));
    }
    StreamBatch batch = runtime.messages().readAfter(Side.CLAUDE, 0, 10, false);
    // The BOM line is parsed; a complete final line without LF is processed; of id 3 the first.
    assertThat(batch.messages()).extracting(MailboxMessage::seq).containsExactly(1L, 3L, 4L);
    assertThat(batch.messages().get(1).type()).isEqualTo("task");
    assertThat(batch.diagnostics())
        .hasSize(5)
        .anyMatch(d -> d.contains("line 2") && d.contains("not valid JSON"))
        .anyMatch(d -> d.contains("line 3"))
        .anyMatch(d -> d.contains("line 4") && d.contains("not a JSON object"))
        .anyMatch(d -> d.contains("line 5") && d.contains("other side"))
        .anyMatch(d -> d.contains("line 7") && d.contains("duplicate"));
    // The poll gate counts the other side's line and the duplicate, as the existing gate does.
    assertThat(runtime.messages().readAfter(Side.CLAUDE, 0, 100, true).messages())
        .extracting(m -> m.id().text())
        .containsExactly(
            "claude-000001", "codex-000002", "claude-000003", "claude-000003", "claude-000004");
    assertThat(runtime.messages().maxSeq(Side.CLAUDE)).isEqualTo(4);
  }

  @Test
  void aTornFinalLineIsIgnoredUntilItIsComplete() throws IOException {
    append(c2x(), line(Side.CLAUDE, 1, "status"));
    append(c2x(), "{\"v\":\"1.0\",\"id\":\"claude-000002\",\"ty");
    assertThat(runtime.messages().readAfter(Side.CLAUDE, 0, 10, false).messages()).hasSize(1);
    append(c2x(), line(Side.CLAUDE, 9, "status").substring(35));
    // Whatever was appended, no valid message before it is lost.
    assertThat(runtime.messages().readAfter(Side.CLAUDE, 0, 10, false).messages())
        .extracting(MailboxMessage::seq)
        .startsWith(1L);
  }

  @Test
  void outOfOrderStreamsAreProcessedBySeq() throws IOException {
    Files.writeString(
        c2x(),
        line(Side.CLAUDE, 3, "status")
            + line(Side.CLAUDE, 1, "status")
            + line(Side.CLAUDE, 2, "status"));
    assertThat(runtime.messages().readAfter(Side.CLAUDE, 1, 10, false).messages())
        .extracting(MailboxMessage::seq)
        .containsExactly(2L, 3L);
    assertThat(runtime.messages().nextSeq(Side.CLAUDE)).isEqualTo(4);
  }

  @Test
  void cursorFilesAreReadTolerantlyAndWrittenAtomically() throws IOException {
    Path cursors = rt.resolve("cursors");
    SessionId s = new SessionId("codex-main");
    Files.writeString(cursors.resolve("codex-codex-main"), " 7 \r\n");
    assertThat(runtime.cursors().session(Side.CODEX, s)).isEqualTo(new CursorValue.Valid(7));
    Files.writeString(cursors.resolve("codex-codex-main"), "\uFEFF8", StandardCharsets.UTF_16LE);
    assertThat(runtime.cursors().session(Side.CODEX, s)).isEqualTo(new CursorValue.Valid(8));
    Files.writeString(cursors.resolve("codex-codex-main"), "");
    assertThat(runtime.cursors().session(Side.CODEX, s)).isEqualTo(new CursorValue.Valid(0));
    Files.writeString(cursors.resolve("codex-codex-main"), "seven");
    assertThat(runtime.cursors().session(Side.CODEX, s))
        .isEqualTo(new CursorValue.Invalid("seven"));
    runtime.cursors().writeSession(Side.CODEX, s, 12);
    assertThat(text(cursors.resolve("codex-codex-main"))).isEqualTo("12\n");
    try (Stream<Path> files = Files.list(cursors)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("codex-codex-main");
    }
  }

  @Test
  void aGarbageCursorSeedsFromTheLegacyCursorAndSaysSo() throws IOException {
    for (int i = 1; i <= 4; i++) {
      append(c2x(), line(Side.CLAUDE, i, "status"));
    }
    Files.writeString(rt.resolve("cursors/codex-codex-main"), "junk");
    Files.writeString(rt.resolve(".codex-cursor"), "3\n");
    PollResult poll = mailbox.poll(CODEX, new PollRequest(20, true, false, List.of(), false));
    assertThat(poll.messages()).extracting(PendingMessage::seq).containsExactly(4L);
    assertThat(poll.diagnostics()).anyMatch(d -> d.contains("junk"));
  }

  @Test
  void anExpiredClaimIsSetAsideUnderTheProtocolsName() throws IOException {
    append(c2x(), line(Side.CLAUDE, 1, "task"));
    MailboxIdentity other = new MailboxIdentity(Side.CODEX, new SessionId("codex-b"), null);
    mailbox.claim(other, "claude-000001", null);
    clock.advance(Duration.ofHours(7));
    assertThat(mailbox.claim(CODEX, "claude-000001", null).claim().session())
        .isEqualTo("codex-main");
    try (Stream<Path> files = Files.list(rt.resolve("claims"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "codex-handles-claude-000001.json",
              "codex-handles-claude-000001.json.expired-20261122T052341Z");
    }
  }

  @Test
  void anEmptyOrCorruptClaimNamesNoOwner() throws IOException {
    append(c2x(), line(Side.CLAUDE, 1, "task"));
    Files.writeString(rt.resolve("claims/codex-handles-claude-000001.json"), "{oops");
    assertThat(runtime.claims().find(Side.CODEX, "claude-000001").orElseThrow())
        .isInstanceOf(ClaimState.Unreadable.class);
    assertThat(mailbox.claim(CODEX, "claude-000001", null).outcome().wire())
        .isEqualTo("owner_unknown");
    assertThat(text(rt.resolve("claims/codex-handles-claude-000001.json"))).isEqualTo("{oops");
  }

  // ---------------------------------------------------------------------------------------------
  // the index cache

  @Test
  void deletingTheIndexCacheChangesNoResult() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 6; round++) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        long seq = round * 40 + i + 1;
        if (random.nextInt(10) == 0) {
          seq = random.nextInt((int) seq) + 1; // out of order or duplicate
        }
        String type = List.of("task", "status", "done", "question").get(random.nextInt(4));
        String l = line(Side.CLAUDE, seq, type);
        if (random.nextInt(15) == 0) {
          l = "garbage " + i + "\n";
        }
        if (type.equals("done") && seq > 3) {
          l = l.replace("\"reply_to\":null", "\"reply_to\":\"codex-00000" + (seq % 7 + 1) + "\"");
        }
        s.append(l);
      }
      append(c2x(), s.toString());
      MailboxRuntime cached = runtimes.open(root).orElseThrow();
      MailboxRuntime plain =
          new JsonlMailboxRuntimes(null, clock, "1.2.3").open(root).orElseThrow();
      for (long after : new long[] {0, 5, 40 * round, 40 * round + 20}) {
        assertThat(describe(cached.messages().readAfter(Side.CLAUDE, after, 1000, false)))
            .isEqualTo(describe(plain.messages().readAfter(Side.CLAUDE, after, 1000, false)));
        assertThat(describe(cached.messages().readAfter(Side.CLAUDE, after, 1000, true)))
            .isEqualTo(describe(plain.messages().readAfter(Side.CLAUDE, after, 1000, true)));
      }
      assertThat(cached.messages().maxSeq(Side.CLAUDE))
          .isEqualTo(plain.messages().maxSeq(Side.CLAUDE));
      for (int id = 1; id <= 8; id++) {
        String target = "codex-00000" + id;
        assertThat(cached.messages().repliesTo(Side.CLAUDE, target))
            .isEqualTo(plain.messages().repliesTo(Side.CLAUDE, target));
      }
      if (round == 3) {
        // Replace the file as an archiver would: same content minus a prefix.
        List<String> lines = Files.readAllLines(c2x());
        Files.write(rt.resolve("tmp"), lines.subList(30, lines.size()));
        Files.move(rt.resolve("tmp"), c2x(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static List<String> describe(StreamBatch batch) {
    List<String> out = new ArrayList<>();
    batch.messages().forEach(m -> out.add(Json.compact(m.fields())));
    out.addAll(batch.diagnostics());
    return out;
  }

  @Test
  void aServerReusesItsOpenRuntimeAndSeesOtherWriters() throws IOException {
    MailboxRuntime again = runtimes.open(root).orElseThrow();
    assertThat(again).isSameAs(runtimes.open(root.resolve(".")).orElseThrow());
    assertThat(again).isSameAs(runtime);
    send(CLAUDE, "first");
    // Another process appends: the shared runtime's index notices.
    append(c2x(), line(Side.CLAUDE, 2, "status"));
    assertThat(again.messages().maxSeq(Side.CLAUDE)).isEqualTo(2);
    assertThat(again.messages().readAfter(Side.CLAUDE, 1, 10, false).messages()).hasSize(1);
  }

  @Test
  void theCacheLivesOutsideTheRuntime() throws IOException {
    send(CLAUDE, "x");
    runtime.messages().readAfter(Side.CLAUDE, 0, 10, false);
    try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".idx"))).isNotEmpty();
    }
    try (Stream<Path> files = Files.walk(rt)) {
      assertThat(files.filter(p -> p.toString().endsWith(".idx"))).isEmpty();
    }
  }
}
