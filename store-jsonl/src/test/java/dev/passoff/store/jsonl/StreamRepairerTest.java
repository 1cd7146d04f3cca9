package dev.passoff.store.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.RepairReport.StreamRepair;
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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repair} (spec §10): each fault fixed, the original saved, appends possible afterwards. */
class StreamRepairerTest {
  static final String C2X = "claude-to-codex.jsonl";
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir Path dir;
  TestClock clock;
  MailboxRuntime runtime;
  MailboxService service;
  Path rt;
  MailboxIdentity claude;
  String stamp;

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
    stamp = MailboxTimes.compact(clock.instant());
  }

  @Test
  void givenHealthyStream_repair_leavesItUntouchedWithoutBackup() throws IOException {
    send("one");
    send("two");
    Map<String, String> before = StreamArchiverTest.snapshotOf(rt);
    FileTime folder = Files.getLastModifiedTime(rt);

    StreamRepair result = repair(false);

    assertThat(result.changes()).isEmpty();
    assertThat(result.backup()).isNull();
    assertThat(StreamArchiverTest.snapshotOf(rt)).isEqualTo(before);
    // Not even a temporary file was created next to the stream.
    assertThat(Files.getLastModifiedTime(rt)).isEqualTo(folder);
  }

  @Test
  void givenBom_repair_stripsItAndSavesTheOriginal() throws IOException {
    byte[] original = concat(BOM, (line(1) + "\n" + line(2) + "\n").getBytes(UTF_8));
    Files.write(rt.resolve(C2X), original);

    StreamRepair result = repair(false);

    assertThat(result.changes()).singleElement().asString().contains("byte order mark");
    assertThat(result.backup()).isEqualTo("archive/" + C2X + ".pre-repair-" + stamp + ".jsonl");
    assertThat(Files.readAllBytes(rt.resolve(result.backup()))).isEqualTo(original);
    assertThat(Files.readString(rt.resolve(C2X))).isEqualTo(line(1) + "\n" + line(2) + "\n");
    assertThat(errors()).isEmpty();
    thenAppendsWork("claude-000003");
  }

  @Test
  void givenCompleteUnterminatedLastLine_repair_addsTheLf() throws IOException {
    Files.writeString(rt.resolve(C2X), line(1) + "\n" + line(2));
    assertThatThrownBy(() -> send("refused")).isInstanceOf(ConflictException.class);

    StreamRepair result = repair(false);

    assertThat(result.changes()).singleElement().asString().contains("line 2").contains("LF");
    assertThat(Files.readString(rt.resolve(C2X))).isEqualTo(line(1) + "\n" + line(2) + "\n");
    thenAppendsWork("claude-000003");
    assertThat(errors()).isEmpty();
  }

  @Test
  void givenTornLastLine_repair_cutsItOffAndSavesItsBytes() throws IOException {
    String torn = "{\"v\":\"1.0\",\"id\":\"claude-0000";
    Files.writeString(rt.resolve(C2X), line(1) + "\n" + torn);

    StreamRepair result = repair(false);

    String saved = "archive/" + C2X + ".torn-" + stamp + ".bin";
    assertThat(result.changes()).singleElement().asString().contains("torn").contains(saved);
    assertThat(Files.readString(rt.resolve(saved))).isEqualTo(torn);
    assertThat(Files.readString(rt.resolve(C2X))).isEqualTo(line(1) + "\n");
    assertThat(Files.readString(rt.resolve(result.backup()))).isEqualTo(line(1) + "\n" + torn);
    thenAppendsWork("claude-000002");
    assertThat(errors()).isEmpty();
  }

  @Test
  void givenGluedObjects_repair_splitsThemIntoTwoLines() throws IOException {
    Files.writeString(rt.resolve(C2X), line(1) + "\n" + line(2) + line(3) + "\n" + line(4) + "\n");
    assertThat(runtime.messages().readAfter(Side.CLAUDE, 0, 10, false).messages()).hasSize(2);

    StreamRepair result = repair(false);

    assertThat(result.changes())
        .singleElement()
        .asString()
        .contains("line 2")
        .contains("claude-000002, claude-000003");
    assertThat(Files.readString(rt.resolve(C2X)))
        .isEqualTo(line(1) + "\n" + line(2) + "\n" + line(3) + "\n" + line(4) + "\n");
    List<MailboxMessage> read = runtime.messages().readAfter(Side.CLAUDE, 0, 10, false).messages();
    assertThat(read).extracting(MailboxMessage::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(errors()).isEmpty();
  }

  @Test
  void givenGluedObjectsWithoutValidIds_repair_leavesTheLine() throws IOException {
    String content = line(1) + "{\"id\":\"nope\"}\n" + line(2) + "\n";
    Files.writeString(rt.resolve(C2X), content);

    StreamRepair result = repair(false);

    assertThat(result.changes()).isEmpty();
    assertThat(Files.readString(rt.resolve(C2X))).isEqualTo(content);
    assertThat(Files.exists(rt.resolve("archive/" + C2X + ".pre-repair-" + stamp + ".jsonl")))
        .isFalse();
  }

  @Test
  void givenRawSeparators_repair_escapesThemKeepingTheValue() throws IOException {
    Map<String, @Nullable Object> f = MailboxFixtures.fields(Side.CLAUDE, 1, "status");
    f.put("summary", "a\u2028b\u2029c\u0085d \u00e9\u4e2d");
    String raw = Json.compact(f);
    Files.writeString(rt.resolve(C2X), raw + "\r\n" + line(2) + "\n", UTF_8);

    StreamRepair result = repair(false);

    assertThat(result.changes()).singleElement().asString().contains("escaped 3");
    String repaired = Files.readString(rt.resolve(C2X), UTF_8);
    String first = repaired.substring(0, repaired.indexOf('\n'));
    assertThat(first).contains("\\u2028", "\\u2029", "\\u0085", "\u00e9\u4e2d").endsWith("\r");
    assertThat(first).doesNotContain("\u2028", "\u2029", "\u0085");
    assertThat(Json.parse(first.strip())).isEqualTo(Json.parse(raw));
    assertThat(repaired).endsWith("\n" + line(2) + "\n");
    assertThat(runtime.maintenance().inspect(clock.instant()))
        .noneMatch(x -> x.message().contains("raw U+2028"));
  }

  @Test
  void givenSeveralFaults_repairDryRun_reportsThemAndWritesNothing() throws IOException {
    Map<String, @Nullable Object> f = MailboxFixtures.fields(Side.CLAUDE, 2, "status");
    f.put("summary", "x\u2028y");
    Files.write(
        rt.resolve(C2X),
        concat(
            BOM,
            (line(1) + "\n" + Json.compact(f) + "\n" + line(3) + line(4) + "\n" + "{\"v\":")
                .getBytes(UTF_8)));
    Map<String, String> before = StreamArchiverTest.snapshotOf(rt);

    RepairReport report = runtime.maintenance().repair(Side.CLAUDE, true, Duration.ofSeconds(5));

    assertThat(report.dryRun()).isTrue();
    StreamRepair result = report.streams().get(0);
    assertThat(result.backup()).isNull();
    assertThat(result.changes()).hasSize(4);
    assertThat(String.join("\n", result.changes()))
        .contains("byte order mark", "escaped 1", "split 2", "torn");
    assertThat(StreamArchiverTest.snapshotOf(rt)).isEqualTo(before);

    StreamRepair real = repair(false);
    assertThat(real.changes()).hasSize(4);
    assertThat(errors()).isEmpty();
    thenAppendsWork("claude-000005");
  }

  @Test
  void givenBothStreams_repair_reportsEachAndSkipsMissing() throws IOException {
    Files.write(rt.resolve(C2X), concat(BOM, (line(1) + "\n").getBytes(UTF_8)));
    Files.delete(rt.resolve("codex-to-claude.jsonl"));

    RepairReport report = runtime.maintenance().repair(null, false, Duration.ofSeconds(5));

    assertThat(report.streams())
        .extracting(StreamRepair::writer)
        .containsExactly(Side.CLAUDE, Side.CODEX);
    assertThat(report.streams().get(0).changes()).hasSize(1);
    assertThat(report.streams().get(1).changes()).isEmpty();
    assertThat(report.streams().get(1).backup()).isNull();
  }

  @Test
  void givenHeldSendLock_repair_timesOutAndChangesNothing() throws IOException {
    byte[] original = concat(BOM, (line(1) + "\n").getBytes(UTF_8));
    Files.write(rt.resolve(C2X), original);
    Path lock = rt.resolve("locks/claude-send.lock");
    Files.writeString(lock, "{\"side\":\"claude\",\"pid\":" + ProcessHandle.current().pid() + "}");
    // Just written (fresh by the wall clock) and naming no host: nobody may take it over.

    assertThatThrownBy(
            () -> runtime.maintenance().repair(Side.CLAUDE, false, Duration.ofMillis(200)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("send lock");

    assertThat(Files.readAllBytes(rt.resolve(C2X))).isEqualTo(original);
    assertThat(StreamArchiverTest.list(rt.resolve("archive"))).isEmpty();
  }

  @Test
  void givenLineAppendedWithoutTheLockDuringRepair_repair_retriesAndKeepsIt() throws IOException {
    Files.write(rt.resolve(C2X), concat(BOM, (line(1) + "\n").getBytes(UTF_8)));
    ((JsonlMailboxMaintenance) runtime.maintenance())
        .repairer()
        .beforeReplace(
            (writer, attempt) -> {
              if (attempt == 1) {
                Files.writeString(rt.resolve(C2X), line(2) + "\n", StandardOpenOption.APPEND);
              }
            });

    StreamRepair result = repair(false);

    assertThat(Files.readString(rt.resolve(C2X))).isEqualTo(line(1) + "\n" + line(2) + "\n");
    assertThat(StreamArchiverTest.list(rt.resolve("archive"))).containsExactly(result.backup());
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  StreamRepair repair(boolean dryRun) {
    RepairReport report = runtime.maintenance().repair(Side.CLAUDE, dryRun, Duration.ofSeconds(5));
    assertThat(report.streams()).hasSize(1);
    return report.streams().get(0);
  }

  void thenAppendsWork(String expectedId) {
    assertThat(send("after repair")).isEqualTo(expectedId);
  }

  String send(String summary) {
    return service
        .send(claude, SendRequest.builder("status", summary).build())
        .message()
        .id()
        .text();
  }

  List<Finding> errors() {
    return runtime.maintenance().inspect(clock.instant()).stream()
        .filter(f -> f.level() == Finding.Level.ERROR)
        .collect(Collectors.toList());
  }

  static String line(long seq) {
    return Json.line(MailboxFixtures.fields(Side.CLAUDE, seq, "status"));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
