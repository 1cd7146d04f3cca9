package dev.passoff.store.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveReport.StreamArchive;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.service.mailbox.MailboxService;
import dev.passoff.core.service.mailbox.MailboxTimes;
import dev.passoff.core.testing.TestClock;
import dev.passoff.core.testing.mailbox.MailboxFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archive} (spec §9): archive point, byte copies, unique names, refusals, lockless writers.
 */
class StreamArchiverTest {
  static final String C2X = "claude-to-codex.jsonl";

  @TempDir Path dir;
  TestClock clock;
  MailboxRuntime runtime;
  MailboxService service;
  Path rt;
  MailboxIdentity claude;
  MailboxIdentity codex;

  @BeforeEach
  void setUp() {
    clock = new TestClock(Instant.parse("2026-11-21T22:23:41.123Z"));
    JsonlMailboxRuntimes runtimes = new JsonlMailboxRuntimes(dir.resolve("cache"), clock, "test");
    Path root = dir.resolve("repo");
    runtimes.init(root, false, false);
    runtime = runtimes.open(root).orElseThrow();
    service = new MailboxService(runtime, clock, () -> 1, "test");
    rt = runtime.runtime();
    claude = new MailboxIdentity(Side.CLAUDE, new SessionId("claude-main"), null);
    codex = new MailboxIdentity(Side.CODEX, new SessionId("codex-main"), null);
  }

  @Test
  void givenTwoSessionCursors_archive_movesLinesUpToTheSmallestByteForByte() throws IOException {
    sendStatuses(5);
    cursor("codex-a", "4");
    cursor("codex-b", "3");
    List<byte[]> before = lines(rt.resolve(C2X));

    StreamArchive result = archive(false, false);

    String name = "archive/" + C2X + "." + MailboxTimes.compact(clock.instant()) + ".1-3.jsonl";
    assertThat(result.point()).isEqualTo(3);
    assertThat(result.archived()).isEqualTo(3);
    assertThat(result.kept()).isEqualTo(2);
    assertThat(result.archiveFile()).isEqualTo(name);
    assertThat(Files.readAllBytes(rt.resolve(name))).isEqualTo(join(before.subList(0, 3)));
    assertThat(Files.readAllBytes(rt.resolve(C2X))).isEqualTo(join(before.subList(3, 5)));
    assertThat(list(rt.resolve("locks"))).isEmpty();
  }

  @Test
  void givenCursorAtTheMax_archive_keepsTheNewestLine() throws IOException {
    sendStatuses(4);
    cursor("codex-main", "4");

    StreamArchive result = archive(false, false);

    assertThat(result.archived()).isEqualTo(3);
    assertThat(result.kept()).isEqualTo(1);
    assertThat(Files.readString(rt.resolve(C2X))).contains("claude-000004").hasLineCount(1);
    // The next id still continues after the newest line.
    assertThat(send(claude, SendRequest.builder("status", "next").build()))
        .isEqualTo("claude-000005");
  }

  @Test
  void givenInvalidOrEmptyCursorFile_archive_countsItAsZeroAndSkips() throws IOException {
    sendStatuses(3);
    cursor("codex-a", "3");
    cursor("codex-b", "junk");
    byte[] before = Files.readAllBytes(rt.resolve(C2X));

    StreamArchive result = archive(false, false);

    assertThat(result.archived()).isZero();
    assertThat(result.skipped()).contains("archive point is 0").contains("codex-b");
    assertThat(Files.readAllBytes(rt.resolve(C2X))).isEqualTo(before);
    assertThat(list(rt.resolve("archive"))).isEmpty();

    cursor("codex-b", "");
    assertThat(archive(false, false).skipped()).contains("archive point is 0");
  }

  @Test
  void givenOnlyTheLegacyCursor_archive_usesIt() throws IOException {
    sendStatuses(3);
    Files.writeString(rt.resolve(".codex-cursor"), "2\n");

    StreamArchive result = archive(false, false);

    assertThat(result.point()).isEqualTo(2);
    assertThat(result.archived()).isEqualTo(2);
    assertThat(result.archiveFile()).endsWith(".1-2.jsonl");
  }

  @Test
  void givenNothingConsumed_archive_skipsWithoutWriting() {
    sendStatuses(2);

    StreamArchive result = archive(false, false);

    assertThat(result.skipped()).contains("archive point is 0");
    assertThat(result.archiveFile()).isNull();
  }

  @Test
  void givenRawLineSeparatorsAndUnparseableLines_archive_copiesBytesAndKeepsGarbage()
      throws IOException {
    Map<String, @Nullable Object> two = MailboxFixtures.fields(Side.CLAUDE, 2, "status");
    two.put("summary", "before\u2028middle\u2029after\u0085end");
    String raw = Json.compact(two); // compact does not escape the separators
    assertThat(raw).contains("\u2028");
    String content =
        line(1) + "\n" + raw + "\n" + "not json at all\n" + "\n" + line(3) + "\n" + line(4) + "\n";
    Files.writeString(rt.resolve(C2X), content, UTF_8);
    cursor("codex-main", "4");

    StreamArchive result = archive(false, false);

    assertThat(result.archived()).isEqualTo(3);
    assertThat(Files.readString(rt.resolve(result.archiveFile()), UTF_8))
        .isEqualTo(line(1) + "\n" + raw + "\n" + line(3) + "\n");
    assertThat(Files.readString(rt.resolve(C2X), UTF_8))
        .isEqualTo("not json at all\n\n" + line(4) + "\n");
    assertThat(
            runtime
                .messages()
                .find(dev.passoff.core.model.mailbox.MessageId.read("claude-000002").orElseThrow())
                .orElseThrow()
                .summary())
        .isEqualTo("before\u2028middle\u2029after\u0085end");
  }

  @Test
  void givenTwoRunsInTheSameSecond_archive_writesTwoFiles() {
    sendStatuses(3);
    cursor("codex-main", "2");
    StreamArchive first = archive(false, false);
    sendStatuses(2);
    cursor("codex-main", "4");

    StreamArchive second = archive(false, false);

    assertThat(first.archiveFile()).isNotEqualTo(second.archiveFile());
    assertThat(list(rt.resolve("archive"))).hasSize(2);
    assertThat(second.archiveFile()).endsWith(".3-4.jsonl");
  }

  @Test
  void givenArchiveNameTaken_archive_addsSuffixAndLeavesTheOtherFileAlone() throws IOException {
    sendStatuses(3);
    cursor("codex-main", "2");
    String stem = "archive/" + C2X + "." + MailboxTimes.compact(clock.instant()) + ".1-2";
    Files.writeString(rt.resolve(stem + ".jsonl"), "older\n");

    StreamArchive result = archive(false, false);

    assertThat(result.archiveFile()).isEqualTo(stem + "-2.jsonl");
    assertThat(Files.readString(rt.resolve(stem + ".jsonl"))).isEqualTo("older\n");
  }

  @Test
  void givenUnexpiredUnansweredClaim_archive_refusesAndChangesNothing() throws IOException {
    String task = send(claude, SendRequest.builder("task", "t").goal("g").build());
    sendStatuses(2);
    service.claim(codex, task, null);
    cursor("codex-codex-main", "3");
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> archive(false, false))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(task)
        .hasMessageContaining("--force");
    assertThatThrownBy(() -> archive(true, false)).isInstanceOf(ConflictException.class);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void givenUnexpiredUnansweredClaim_archiveWithForce_archives() {
    String task = send(claude, SendRequest.builder("task", "t").goal("g").build());
    sendStatuses(2);
    service.claim(codex, task, null);
    cursor("codex-codex-main", "3");

    StreamArchive result = archive(false, true);

    assertThat(result.archived()).isEqualTo(2);
  }

  @Test
  void givenAnsweredOrExpiredClaims_archive_proceeds() {
    String task = send(claude, SendRequest.builder("task", "t").goal("g").build());
    String other = send(claude, SendRequest.builder("task", "u").goal("g").build());
    sendStatuses(1);
    service.claim(codex, task, null);
    service.complete(codex, task, SendRequest.builder("done", "ok").replyTo(task).build(), false);
    service.claim(codex, other, null);
    clock.advance(Duration.ofHours(7)); // the second claim expires unanswered
    cursor("codex-codex-main", "3");

    StreamArchive result = archive(false, false);

    assertThat(result.archived()).isEqualTo(2);
  }

  @Test
  void givenDryRun_archive_reportsTheRealOutcomeAndWritesNothing() throws IOException {
    sendStatuses(5);
    cursor("codex-main", "3");
    // A held lock proves the dry run does not take it.
    Files.writeString(rt.resolve("locks/claude-send.lock"), "{\"pid\":1}");
    Map<String, String> before = snapshot();

    StreamArchive dry = archive(true, false);

    assertThat(snapshot()).isEqualTo(before);
    Files.delete(rt.resolve("locks/claude-send.lock"));
    StreamArchive real = archive(false, false);
    assertThat(dry.archived()).isEqualTo(real.archived()).isEqualTo(3);
    assertThat(dry.kept()).isEqualTo(real.kept());
    assertThat(dry.archiveFile()).isEqualTo(real.archiveFile());
  }

  @Test
  void givenLineAppendedWithoutTheLockDuringArchive_archive_retriesAndKeepsIt() throws IOException {
    sendStatuses(4);
    cursor("codex-main", "2");
    List<byte[]> before = lines(rt.resolve(C2X));
    String hand = line(5);
    List<Integer> attempts = new ArrayList<>();
    archiver()
        .beforeReplace(
            (writer, attempt) -> {
              attempts.add(attempt);
              if (attempt == 1) {
                Files.writeString(rt.resolve(C2X), hand + "\n", UTF_8, StandardOpenOption.APPEND);
              }
            });

    StreamArchive result = archive(false, false);

    assertThat(attempts).containsExactly(1, 2);
    assertThat(Files.readString(rt.resolve(C2X), UTF_8))
        .isEqualTo(new String(join(before.subList(2, 4)), UTF_8) + hand + "\n");
    assertThat(Files.readAllBytes(rt.resolve(result.archiveFile())))
        .isEqualTo(join(before.subList(0, 2)));
    assertThat(list(rt.resolve("archive"))).containsExactly(result.archiveFile());
    assertThat(list(rt)).noneMatch(n -> n.endsWith(".tmp"));
  }

  @Test
  void givenStreamThatKeepsGrowing_archive_failsWithConflictAndLosesNothing() throws IOException {
    sendStatuses(3);
    cursor("codex-main", "2");
    int[] appended = {0};
    archiver()
        .beforeReplace(
            (writer, attempt) -> {
              appended[0]++;
              Files.writeString(
                  rt.resolve(C2X), line(3 + attempt) + "\n", UTF_8, StandardOpenOption.APPEND);
            });

    assertThatThrownBy(() -> archive(false, false))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("kept growing");

    assertThat(appended[0]).isEqualTo(StreamArchiver.ATTEMPTS);
    assertThat(Files.readString(rt.resolve(C2X))).hasLineCount(3 + StreamArchiver.ATTEMPTS);
    assertThat(list(rt.resolve("archive"))).isEmpty();
    assertThat(list(rt.resolve("locks"))).isEmpty();
    assertThat(list(rt)).noneMatch(n -> n.endsWith(".tmp"));
  }

  @Test
  void givenUnterminatedStream_archive_refusesNamingTheOffset() throws IOException {
    sendStatuses(2);
    Files.writeString(rt.resolve(C2X), line(3), UTF_8, StandardOpenOption.APPEND);
    cursor("codex-main", "2");
    long offset = Files.size(rt.resolve(C2X)) - line(3).length();

    assertThatThrownBy(() -> archive(false, false))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("byte offset " + offset)
        .hasMessageContaining("repair");
    assertThat(list(rt.resolve("archive"))).isEmpty();
  }

  @Test
  void givenHeldSendLock_archive_timesOutWithoutWriting() throws IOException {
    sendStatuses(3);
    cursor("codex-main", "2");
    Path lock = rt.resolve("locks/claude-send.lock");
    Files.writeString(lock, "{\"side\":\"claude\",\"pid\":" + ProcessHandle.current().pid() + "}");
    // Just written (fresh by the wall clock) and naming no host: nobody may take it over.
    byte[] before = Files.readAllBytes(rt.resolve(C2X));

    assertThatThrownBy(
            () ->
                runtime
                    .maintenance()
                    .archive(new ArchiveRequest(Side.CLAUDE, false, false, Duration.ofMillis(200))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("send lock");
    assertThat(Files.readAllBytes(rt.resolve(C2X))).isEqualTo(before);
  }

  @Test
  void givenBothStreams_archive_reportsEachAndSkipsMissingOnes() throws IOException {
    sendStatuses(3);
    cursor("codex-main", "2");
    Files.delete(rt.resolve("codex-to-claude.jsonl"));

    ArchiveReport report =
        runtime
            .maintenance()
            .archive(new ArchiveRequest(null, false, false, Duration.ofSeconds(5)));

    assertThat(report.streams()).hasSize(2);
    assertThat(report.streams().get(0).archived()).isEqualTo(2);
    assertThat(report.streams().get(1).skipped()).contains("missing");
  }

  @Test
  void givenArchivedRuntime_afterward_servicesKeepWorkingAndDoctorIsClean() {
    String task = send(claude, SendRequest.builder("task", "t").goal("g").build());
    sendStatuses(3);
    service.poll(codex, PollRequest.defaults());
    service.claim(codex, task, null);
    service.complete(codex, task, SendRequest.builder("done", "ok").replyTo(task).build(), false);
    service.advance(codex, "claude-000004", false);
    service.poll(claude, PollRequest.defaults());

    ArchiveReport report =
        runtime
            .maintenance()
            .archive(new ArchiveRequest(null, false, false, Duration.ofSeconds(5)));

    assertThat(report.streams().get(0).archived()).isEqualTo(3);
    List<Finding> findings = runtime.maintenance().inspect(clock.instant());
    assertThat(findings).noneMatch(f -> f.level() != Finding.Level.INFO);
    assertThat(send(claude, SendRequest.builder("status", "after").build()))
        .isEqualTo("claude-000005");
    // The answered task is found through the archive: no second reply is allowed.
    assertThat(runtime.messages().repliesTo(Side.CODEX, task)).hasSize(1);
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  StreamArchive archive(boolean dryRun, boolean force) {
    ArchiveReport report =
        runtime
            .maintenance()
            .archive(new ArchiveRequest(Side.CLAUDE, dryRun, force, Duration.ofSeconds(5)));
    assertThat(report.dryRun()).isEqualTo(dryRun);
    assertThat(report.streams()).hasSize(1);
    return report.streams().get(0);
  }

  StreamArchiver archiver() {
    return ((JsonlMailboxMaintenance) runtime.maintenance()).archiver();
  }

  void sendStatuses(int n) {
    for (int i = 0; i < n; i++) {
      send(claude, SendRequest.builder("status", "s" + i).build());
    }
  }

  String send(MailboxIdentity who, SendRequest request) {
    return service.send(who, request).message().id().text();
  }

  void cursor(String name, String value) {
    try {
      Files.writeString(rt.resolve("cursors").resolve(name), value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String line(long seq) {
    return Json.line(MailboxFixtures.fields(Side.CLAUDE, seq, "status"));
  }

  /** The stream's lines, each with its LF. */
  static List<byte[]> lines(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        out.add(Arrays.copyOfRange(all, start, i + 1));
        start = i + 1;
      }
    }
    return out;
  }

  static byte[] join(List<byte[]> parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  static List<String> list(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> folder.relativize(p).toString())
          .map(n -> folder.getFileName().toString().equals("archive") ? "archive/" + n : n)
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every entry of the runtime: files with their bytes (Base64) and mtime, and folders. */
  Map<String, String> snapshot() throws IOException {
    return snapshotOf(rt);
  }

  static Map<String, String> snapshotOf(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString();
        if (Files.isRegularFile(p)) {
          out.put(
              rel,
              java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p))
                  + " @"
                  + Files.getLastModifiedTime(p).toMillis());
        } else {
          out.put(rel + "/", "");
        }
      }
    }
    return out;
  }
}
