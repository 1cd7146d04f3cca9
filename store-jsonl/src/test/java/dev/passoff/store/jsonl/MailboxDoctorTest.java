package dev.passoff.store.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.DoctorReport;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.Finding.Level;
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

/** The doctor's checks (spec §8.2) on the fault catalogue and on healthy runtimes. */
class MailboxDoctorTest {
  static final String C2X = "claude-to-codex.jsonl";
  static final String X2C = "codex-to-claude.jsonl";

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

  // ------------------------------------------------------------------------------------------
  // healthy runtimes

  @Test
  void givenFreshRuntime_inspect_hasNoWarningOrError() {
    assertThat(problems(inspect())).isEmpty();
  }

  @Test
  void givenFullRoundTripByService_inspect_hasNoWarningOrError() {
    String task =
        send(claude, SendRequest.builder("task", "port the parser").goal("parse").build());
    send(claude, SendRequest.builder("status", "working\u2028on it \u00e9\u4e2d").build());
    send(claude, SendRequest.builder("question", "x".repeat(250)).context("why").build());
    service.poll(codex, PollRequest.defaults());
    service.claim(codex, task, null);
    service.complete(
        codex,
        task,
        SendRequest.builder("done", "ported").replyTo(task).applied(1L).build(),
        false);
    service.poll(codex, PollRequest.defaults());
    service.poll(claude, PollRequest.defaults());
    clock.advance(Duration.ofHours(7)); // the audit claim expires: an INFO, not a WARN (D17)

    List<Finding> findings = inspect();

    assertThat(problems(findings)).isEmpty();
    assertThat(findings)
        .anySatisfy(f -> assertThat(f.message()).contains("3 message(s), max seq 3"))
        .anySatisfy(
            f -> {
              assertThat(f.check()).isEqualTo("claim");
              assertThat(f.level()).isEqualTo(Level.INFO);
              assertThat(f.message()).contains("expired").contains("answered");
            });
  }

  // ------------------------------------------------------------------------------------------
  // the fault catalogue of spec §14 item 30

  @Test
  void givenBom_inspect_reportsErrorOnLineOne() throws IOException {
    write(C2X, bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, line(Side.CLAUDE, 1)));

    List<Finding> findings = inspect();

    assertFinding(findings, Level.ERROR, C2X, 1, "byte order mark");
    // The BOM line itself is parsed normally: no JSON error for it.
    assertThat(findings).noneMatch(f -> f.message().contains("not valid JSON"));
    assertExit(findings, 2);
  }

  @Test
  void givenDuplicateId_inspect_reportsError() throws IOException {
    write(C2X, line(Side.CLAUDE, 1), line(Side.CLAUDE, 2), line(Side.CLAUDE, 2));
    seqFile(Side.CLAUDE, 2);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.ERROR, C2X, 3, "duplicate id claude-000002");
    assertThat(errors(findings)).hasSize(1);
  }

  @Test
  void givenIdOfTheOtherSide_inspect_reportsError() throws IOException {
    write(C2X, line(Side.CLAUDE, 1), line(Side.CODEX, 2));
    seqFile(Side.CLAUDE, 2);

    assertFinding(inspect(), Level.ERROR, C2X, 2, "belongs to the other side");
  }

  @Test
  void givenWrongFrom_inspect_reportsError() throws IOException {
    Map<String, @Nullable Object> f = MailboxFixtures.fields(Side.CLAUDE, 1, "status");
    f.put("from", "codex");
    write(C2X, Json.line(f));
    seqFile(Side.CLAUDE, 1);

    assertFinding(inspect(), Level.ERROR, C2X, 1, "from is 'codex'");
  }

  @Test
  void givenSeqDecrease_inspect_reportsWarning() throws IOException {
    write(C2X, line(Side.CLAUDE, 1), line(Side.CLAUDE, 3), line(Side.CLAUDE, 2));
    seqFile(Side.CLAUDE, 3);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.WARN, C2X, 3, "seq 2 after seq 3");
    assertExit(findings, 0);
    assertThat(new DoctorReport("r", "rt", findings).exitCode(true)).isEqualTo(1);
  }

  @Test
  void givenMissingRefs_inspect_reportsError() throws IOException {
    Map<String, @Nullable Object> f = MailboxFixtures.fields(Side.CLAUDE, 1, "status");
    f.remove("refs");
    write(C2X, Json.line(f));
    seqFile(Side.CLAUDE, 1);

    assertFinding(inspect(), Level.ERROR, C2X, 1, "refs is missing");
  }

  @Test
  void givenMissingNote_inspect_reportsWarning() throws IOException {
    write(C2X, Json.line(withNote(MailboxFixtures.fields(Side.CLAUDE, 1, "status"), "notes/x.md")));
    seqFile(Side.CLAUDE, 1);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.WARN, C2X, 1, "note notes/x.md is missing");
    assertThat(errors(findings)).isEmpty();
  }

  @Test
  void givenAbsoluteNote_inspect_reportsWarning() throws IOException {
    write(C2X, Json.line(withNote(MailboxFixtures.fields(Side.CLAUDE, 1, "status"), "/etc/x")));
    seqFile(Side.CLAUDE, 1);

    assertFinding(inspect(), Level.WARN, C2X, 1, "'/etc/x' must be relative");
  }

  @Test
  void givenLineWithoutType_inspect_reportsTheSchemaInsteadOfFailing() throws IOException {
    Map<String, @Nullable Object> f = MailboxFixtures.fields(Side.CLAUDE, 1, "status");
    f.remove("type");
    write(C2X, Json.line(f));
    seqFile(Side.CLAUDE, 1);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.WARN, C2X, 1, "claude-000001 breaks the message rules (type");
    assertThat(errors(findings)).isEmpty();
  }

  @Test
  void givenNonObjectLine_inspect_reportsError() throws IOException {
    write(C2X, line(Side.CLAUDE, 1), "[1,2,3]");
    seqFile(Side.CLAUDE, 1);

    assertFinding(inspect(), Level.ERROR, C2X, 2, "not a JSON object");
  }

  @Test
  void givenBadCursorName_inspect_reportsWarning() throws IOException {
    Files.writeString(rt.resolve("cursors/someone-else"), "0\n");

    List<Finding> findings = inspect();

    assertFinding(findings, Level.WARN, "cursors/someone-else", null, "not a cursor name");
    assertExit(findings, 0);
  }

  @Test
  void givenCursorAheadOfStream_inspect_reportsWarning() throws IOException {
    send(claude, SendRequest.builder("status", "one").build());
    Files.writeString(rt.resolve("cursors/codex-codex-main"), "5\n");

    assertFinding(inspect(), Level.WARN, "cursors/codex-codex-main", null, "cursor 5 is ahead");
  }

  @Test
  void givenCursorBehindStream_inspect_reportsUnreadCountAsInfo() throws IOException {
    send(claude, SendRequest.builder("status", "one").build());
    send(claude, SendRequest.builder("status", "two").build());
    Files.writeString(rt.resolve("cursors/codex-codex-main"), "1\n");

    List<Finding> findings = inspect();

    assertFinding(findings, Level.INFO, "cursors/codex-codex-main", null, "1 unread message(s)");
    assertThat(problems(findings)).isEmpty();
  }

  @Test
  void givenCursorHoldingGarbage_inspect_reportsError() throws IOException {
    Files.writeString(rt.resolve("cursors/codex-codex-main"), "abc\n");

    assertFinding(inspect(), Level.ERROR, "cursors/codex-codex-main", null, "not hold an integer");
  }

  @Test
  void givenCorruptClaim_inspect_reportsError() throws IOException {
    send(claude, SendRequest.builder("task", "t").goal("g").build());
    Files.writeString(rt.resolve("claims/codex-handles-claude-000001.json"), "{\"session\":");

    List<Finding> findings = inspect();

    assertFinding(
        findings, Level.ERROR, "claims/codex-handles-claude-000001.json", null, "not valid JSON");
    assertExit(findings, 2);
  }

  @Test
  void givenEmptyClaim_inspect_reportsError() throws IOException {
    send(claude, SendRequest.builder("task", "t").goal("g").build());
    Files.writeString(rt.resolve("claims/codex-handles-claude-000001.json"), "");

    assertFinding(
        inspect(), Level.ERROR, "claims/codex-handles-claude-000001.json", null, "empty claim");
  }

  @Test
  void givenExpiredClaimWithoutReply_inspect_reportsWarning() {
    String task = send(claude, SendRequest.builder("task", "t").goal("g").build());
    service.claim(codex, task, null);
    clock.advance(Duration.ofHours(7));

    List<Finding> findings = inspect();

    assertFinding(
        findings,
        Level.WARN,
        "claims/codex-handles-claude-000001.json",
        null,
        "has no done or error reply");
    assertExit(findings, 0);
  }

  @Test
  void givenExpiredClaimWithTerminalReply_inspect_reportsInfo() {
    String task = send(claude, SendRequest.builder("task", "t").goal("g").build());
    service.claim(codex, task, null);
    send(codex, SendRequest.builder("error", "cannot").replyTo(task).build());
    clock.advance(Duration.ofHours(7));

    List<Finding> findings = inspect();

    assertFinding(
        findings, Level.INFO, "claims/codex-handles-claude-000001.json", null, "audit record");
    assertThat(problems(findings)).isEmpty();
  }

  @Test
  void givenStaleTemporaryFile_inspect_reportsWarning() throws IOException {
    Path temp = rt.resolve(C2X + ".passoff-0123abcd.tmp");
    Files.writeString(temp, "x");
    Files.setLastModifiedTime(temp, FileTime.from(clock.instant().minusSeconds(120)));

    List<Finding> findings = inspect();

    assertFinding(findings, Level.WARN, C2X + ".passoff-0123abcd.tmp", null, "stale temporary");
  }

  @Test
  void givenUnknownTopLevelFile_inspect_reportsWarning() throws IOException {
    Files.writeString(rt.resolve("notes.txt"), "x");
    Files.createDirectory(rt.resolve("backup"));

    List<Finding> findings = inspect();

    assertFinding(findings, Level.WARN, "notes.txt", null, "unexpected file");
    assertFinding(findings, Level.WARN, "backup", null, "unexpected folder");
  }

  @Test
  void givenInvalidUtf8_inspect_reportsErrorWithLineNumberAndCarriesOn() throws IOException {
    byte[] bad = line(Side.CLAUDE, 2).replace("status 2", "status \u00ff").getBytes(UTF_8);
    byte[] broken = new byte[bad.length];
    for (int i = 0, j = 0; i < bad.length; i++) {
      // Replace the two-byte U+00FF with a lone continuation byte and a space.
      if ((bad[i] & 0xff) == 0xC3 && (bad[i + 1] & 0xff) == 0xBF) {
        broken[j++] = (byte) 0xBF;
        broken[j++] = ' ';
        i++;
      } else {
        broken[j++] = bad[i];
      }
    }
    write(
        C2X,
        bytes(
            (line(Side.CLAUDE, 1) + "\n").getBytes(UTF_8),
            broken,
            ("\n" + line(Side.CLAUDE, 3) + "\n" + line(Side.CLAUDE, 3) + "\n").getBytes(UTF_8)));
    seqFile(Side.CLAUDE, 3);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.ERROR, C2X, 2, "not valid UTF-8");
    assertFinding(findings, Level.ERROR, C2X, 4, "duplicate id claude-000003");
  }

  @Test
  void givenStreamOfRandomBytes_inspect_neverCrashes() throws IOException {
    byte[] noise = new byte[20_000];
    new java.util.Random(42).nextBytes(noise);
    write(C2X, noise);

    List<Finding> findings = inspect();

    assertThat(errors(findings)).isNotEmpty();
  }

  // ------------------------------------------------------------------------------------------
  // Passoff's own checks

  @Test
  void givenUnterminatedCompleteLastLine_inspect_reportsErrorNamingRepair() throws IOException {
    write(C2X, bytes((line(Side.CLAUDE, 1) + "\n" + line(Side.CLAUDE, 2)).getBytes(UTF_8)));
    seqFile(Side.CLAUDE, 2);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.ERROR, C2X, 2, "no final LF");
    assertThat(errors(findings)).hasSize(1);
    assertThat(findings).anySatisfy(f -> assertThat(f.message()).contains("max seq 2"));
  }

  @Test
  void givenTornLastLine_inspect_reportsErrorAndIgnoresIt() throws IOException {
    write(C2X, bytes((line(Side.CLAUDE, 1) + "\n{\"v\":\"1.0\",\"id\":\"cla").getBytes(UTF_8)));
    seqFile(Side.CLAUDE, 1);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.ERROR, C2X, 2, "torn write");
    assertThat(errors(findings)).hasSize(1);
  }

  @Test
  void givenRawLineSeparator_inspect_reportsWarning() throws IOException {
    Map<String, @Nullable Object> f = MailboxFixtures.fields(Side.CLAUDE, 1, "status");
    f.put("summary", "a\u2028b\u0085c");
    write(C2X, Json.compact(f));
    seqFile(Side.CLAUDE, 1);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.WARN, C2X, 1, "2 raw U+2028/U+2029/U+0085");
    assertThat(errors(findings)).isEmpty();
  }

  @Test
  void givenGluedObjects_inspect_reportsError() throws IOException {
    write(C2X, line(Side.CLAUDE, 1) + line(Side.CLAUDE, 2));
    seqFile(Side.CLAUDE, 2);

    assertFinding(inspect(), Level.ERROR, C2X, 1, "2 JSON objects glued");
  }

  @Test
  void givenMessageBreakingSchema_inspect_reportsWarning() throws IOException {
    Map<String, @Nullable Object> f = MailboxFixtures.fields(Side.CLAUDE, 1, "handoff");
    f.remove("next_action");
    f.put("priority", "high");
    write(C2X, Json.line(f));
    seqFile(Side.CLAUDE, 1);

    List<Finding> findings = inspect();

    assertFinding(findings, Level.WARN, C2X, 1, "priority");
    assertFinding(findings, Level.WARN, C2X, 1, "next_action");
    assertThat(errors(findings)).isEmpty();
  }

  @Test
  void givenLocks_inspect_reportsFreshAsInfoAndStaleAsWarning() throws IOException {
    Path fresh = rt.resolve("locks/claude-send.lock");
    Files.writeString(
        fresh,
        "{\"side\":\"claude\",\"pid\":"
            + ProcessHandle.current().pid()
            + ",\"created_at\":\""
            + MailboxTimes.format(Instant.now())
            + "\"}");
    Files.setLastModifiedTime(fresh, FileTime.from(clock.instant()));
    Path old = rt.resolve("locks/codex-send.lock");
    Files.writeString(old, "{\"side\":\"codex\",\"pid\":1}");
    Files.setLastModifiedTime(old, FileTime.from(clock.instant().minusSeconds(700)));
    Files.writeString(rt.resolve("locks/codex-send.lock.stale-ab12"), "{}");

    List<Finding> findings = inspect();

    assertFinding(findings, Level.INFO, "locks/claude-send.lock", null, "held by pid");
    assertFinding(findings, Level.WARN, "locks/codex-send.lock", null, "older than 600 s");
    assertFinding(findings, Level.WARN, "locks/codex-send.lock.stale-ab12", null, "takeover");
  }

  @Test
  void givenClaimWhoseContentDisagreesWithItsName_inspect_reportsWarning() throws IOException {
    send(claude, SendRequest.builder("task", "t").goal("g").build());
    Files.writeString(
        rt.resolve("claims/codex-handles-claude-000001.json"),
        "{\"side\":\"claude\",\"session\":\"s\",\"message_id\":\"claude-000001\","
            + "\"expires_at\":\"2099-01-01T00:00:00.000Z\"}");

    assertFinding(
        inspect(), Level.WARN, "claims/codex-handles-claude-000001.json", null, "disagree");
  }

  @Test
  void givenClaimOnMessageMissingEverywhere_inspect_reportsWarning() throws IOException {
    Files.writeString(
        rt.resolve("claims/codex-handles-claude-000009.json"),
        "{\"side\":\"codex\",\"session\":\"s\",\"message_id\":\"claude-000009\","
            + "\"expires_at\":\"2099-01-01T00:00:00.000Z\"}");

    assertFinding(
        inspect(), Level.WARN, "claims/codex-handles-claude-000009.json", null, "no live stream");
  }

  @Test
  void givenClaimOnArchivedMessage_inspect_reportsInfo() throws IOException {
    Files.writeString(
        rt.resolve("archive/" + C2X + ".20260101T000000Z.1-1.jsonl"), line(Side.CLAUDE, 9) + "\n");
    Files.writeString(
        rt.resolve("claims/codex-handles-claude-000009.json"),
        "{\"side\":\"codex\",\"session\":\"s\",\"message_id\":\"claude-000009\","
            + "\"expires_at\":\"2099-01-01T00:00:00.000Z\"}");

    List<Finding> findings = inspect();

    assertFinding(
        findings, Level.INFO, "claims/codex-handles-claude-000009.json", null, "archived");
    assertThat(problems(findings)).isEmpty();
  }

  @Test
  void givenLiveClaimMovedAsideNextToNewClaim_inspect_reportsError() throws IOException {
    send(claude, SendRequest.builder("task", "t").goal("g").build());
    String live =
        "{\"side\":\"codex\",\"session\":\"s\",\"message_id\":\"claude-000001\","
            + "\"expires_at\":\"2099-01-01T00:00:00.000Z\"}";
    Files.writeString(rt.resolve("claims/codex-handles-claude-000001.json"), live);
    Files.writeString(
        rt.resolve("claims/codex-handles-claude-000001.json.expired-20261121T222341Z"), live);

    assertFinding(
        inspect(),
        Level.ERROR,
        "claims/codex-handles-claude-000001.json.expired-20261121T222341Z",
        null,
        "two claims");
  }

  @Test
  void givenOrphanNote_inspect_reportsInfo() throws IOException {
    send(claude, SendRequest.builder("status", "s".repeat(190)).build());
    Files.writeString(rt.resolve("notes/leftover.md"), "# x\n");

    List<Finding> findings = inspect();

    assertFinding(findings, Level.INFO, "notes/leftover.md", null, "orphan note");
    assertThat(findings).noneMatch(f -> "notes/claude-000001.md".equals(f.path()));
  }

  @Test
  void givenIdInArchiveAndLive_inspect_reportsInfo() throws IOException {
    send(claude, SendRequest.builder("status", "one").build());
    Files.copy(rt.resolve(C2X), rt.resolve("archive/" + C2X + ".20260101T000000Z.1-1.jsonl"));

    assertFinding(inspect(), Level.INFO, C2X, null, "both in the live stream and in archive/");
  }

  @Test
  void givenMessageForSessionWithoutCursor_inspect_reportsInfo() {
    send(claude, SendRequest.builder("status", "hi").toSession("codex-old").build());

    assertFinding(inspect(), Level.INFO, C2X, null, "addressed to session codex-old");
  }

  @Test
  void givenSessionIdWithColon_inspect_reportsWarning() throws IOException {
    Files.writeString(rt.resolve("cursors/codex-a:b"), "0\n");

    assertFinding(inspect(), Level.WARN, "cursors/codex-a:b", null, "contains ':'");
  }

  @Test
  void givenSeqFileBehindStream_inspect_reportsWarning() throws IOException {
    send(claude, SendRequest.builder("status", "one").build());
    send(claude, SendRequest.builder("status", "two").build());
    seqFile(Side.CLAUDE, 1);

    assertFinding(inspect(), Level.WARN, ".claude-seq", null, "behind the stream max 2");
  }

  @Test
  void givenMissingSeqFileAndCursorsFolder_inspect_reportsErrorAndWarning() throws IOException {
    Files.delete(rt.resolve(".codex-seq"));
    Files.delete(rt.resolve("cursors"));

    List<Finding> findings = inspect();

    assertFinding(findings, Level.ERROR, ".codex-seq", null, "missing");
    assertFinding(findings, Level.WARN, "cursors", null, "folder missing");
  }

  @Test
  void givenLongStream_inspect_streamsWithoutHoldingIt() throws IOException {
    int n = 100_000;
    try (var out =
        Files.newBufferedWriter(rt.resolve(C2X), UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int i = 1; i <= n; i++) {
        out.write(line(Side.CLAUDE, i));
        out.write('\n');
      }
    }
    seqFile(Side.CLAUDE, n);

    List<Finding> findings = inspect();

    assertThat(problems(findings)).isEmpty();
    assertThat(findings).anySatisfy(f -> assertThat(f.message()).contains(n + " message(s)"));
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  List<Finding> inspect() {
    return runtime.maintenance().inspect(clock.instant());
  }

  String send(MailboxIdentity who, SendRequest request) {
    return service.send(who, request).message().id().text();
  }

  static List<Finding> problems(List<Finding> findings) {
    return findings.stream().filter(f -> f.level() != Level.INFO).collect(Collectors.toList());
  }

  static List<Finding> errors(List<Finding> findings) {
    return findings.stream().filter(f -> f.level() == Level.ERROR).collect(Collectors.toList());
  }

  static void assertFinding(
      List<Finding> findings,
      Level level,
      String path,
      @Nullable Integer line,
      String messagePart) {
    assertThat(findings)
        .as("a %s finding on %s line %s mentioning '%s'", level, path, line, messagePart)
        .anySatisfy(
            f -> {
              assertThat(f.level()).isEqualTo(level);
              assertThat(f.path()).isEqualTo(path);
              assertThat(f.line()).isEqualTo(line);
              assertThat(f.message()).contains(messagePart).doesNotContain("\n");
            });
  }

  static void assertExit(List<Finding> findings, int code) {
    assertThat(new DoctorReport("root", "runtime", findings).exitCode(false)).isEqualTo(code);
  }

  static String line(Side side, long seq) {
    return Json.line(MailboxFixtures.fields(side, seq, "status"));
  }

  static Map<String, @Nullable Object> withNote(Map<String, @Nullable Object> f, String note) {
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> refs =
        new java.util.LinkedHashMap<>((Map<String, @Nullable Object>) f.get("refs"));
    refs.put("notes_file", note);
    f.put("refs", refs);
    return f;
  }

  void write(String stream, String... lines) throws IOException {
    Files.writeString(rt.resolve(stream), String.join("\n", lines) + "\n", UTF_8);
  }

  void write(String stream, byte[] content) throws IOException {
    Files.write(rt.resolve(stream), content);
  }

  void seqFile(Side side, long seq) throws IOException {
    Files.writeString(rt.resolve("." + side.wire() + "-seq"), seq + "\n");
  }

  static byte[] bytes(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] bytes(byte[] prefix, String text) {
    return bytes(prefix, (text + "\n").getBytes(UTF_8));
  }
}
