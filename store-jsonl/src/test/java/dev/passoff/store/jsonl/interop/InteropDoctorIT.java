package dev.passoff.store.jsonl.interop;

import static dev.passoff.store.jsonl.interop.InteropRuntime.claude;
import static dev.passoff.store.jsonl.interop.InteropRuntime.codex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.DoctorReport;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.service.mailbox.MailboxTimes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Passoff's doctor against the peer model's {@code doctor.py} on a fault catalogue (§14 30). */
class InteropDoctorIT {
  @TempDir static Path scripts;
  static Peer peer;

  @TempDir Path dir;

  @BeforeAll
  static void installPeer() {
    peer = Peer.install(scripts);
  }

  /** One fault, and the exit codes the existing doctor gives for it (strict, plain). */
  record Fault(String name, int strict, int plain, Consumer<InteropRuntime> inject) {}

  /** A healthy runtime: two claude messages, one codex message, both sides partly consumed. */
  private InteropRuntime baseline(String name) {
    InteropRuntime x = InteropRuntime.create(dir.resolve(name), peer, Clock.systemUTC());
    x.send(claude("claude-main"), SendRequest.builder("status", "one"));
    x.send(claude("claude-main"), SendRequest.builder("task", "two").goal("g"));
    x.send(codex("codex-main"), SendRequest.builder("status", "three"));
    x.mailbox.advance(codex("codex-main"), "claude-000001", false);
    x.mailbox.advance(claude("claude-main"), "codex-000001", false);
    return x;
  }

  private static String line(String id, String from) {
    return InteropRuntime.pythonLine(InteropRuntime.message(id, from, "hand", "status", "by hand"));
  }

  private static String claim(String messageId, Instant expires) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("side", "codex");
    c.put("session", "codex-main");
    c.put("message_id", messageId);
    c.put("run_id", "codex-20260101T000000Z-001");
    c.put("created_at", MailboxTimes.format(expires.minus(Duration.ofHours(6))));
    c.put("expires_at", MailboxTimes.format(expires));
    return Json.python(c) + "\n";
  }

  static List<Fault> catalogue() {
    String c2x = "claude-to-codex.jsonl";
    return List.of(
        new Fault("none", 0, 0, x -> {}),
        new Fault(
            "BOM",
            2,
            2,
            x -> {
              byte[] old = InteropRuntime.bytes(x.file(c2x));
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
              out.writeBytes(old);
              x.write(c2x, out.toByteArray());
            }),
        new Fault(
            "duplicate id",
            2,
            2,
            x -> x.append(c2x, InteropRuntime.lines(x.file(c2x)).get(0) + "\n")),
        new Fault(
            "wrong side",
            2,
            2,
            x -> {
              x.append(c2x, line("codex-000003", "claude"));
              x.write(".claude-seq", "3");
            }),
        new Fault(
            "wrong from",
            2,
            2,
            x -> {
              x.append(c2x, line("claude-000003", "codex"));
              x.write(".claude-seq", "3");
            }),
        new Fault(
            "seq decrease",
            1,
            0,
            x -> {
              x.append(c2x, line("claude-000005", "claude"));
              x.append(c2x, line("claude-000004", "claude"));
              x.write(".claude-seq", "5");
            }),
        new Fault(
            "missing refs",
            2,
            2,
            x -> {
              Map<String, @Nullable Object> m =
                  InteropRuntime.message("claude-000003", "claude", "hand", "status", "s");
              m.remove("refs");
              x.append(c2x, InteropRuntime.pythonLine(m));
              x.write(".claude-seq", "3");
            }),
        new Fault("missing note", 1, 0, x -> noted(x, "notes/missing.md")),
        new Fault("absolute note", 1, 0, x -> noted(x, "/abs/note.md")),
        new Fault("non-object line", 2, 2, x -> x.append(c2x, "[1, 2]\n")),
        new Fault("bad cursor name", 1, 0, x -> x.write("cursors/bogus", "1\n")),
        new Fault(
            "cursor ahead of the stream", 1, 0, x -> x.write("cursors/codex-codex-main", "99\n")),
        new Fault("cursor not a number", 2, 2, x -> x.write("cursors/codex-codex-main", "abc\n")),
        new Fault(
            "corrupt claim",
            2,
            2,
            x -> x.write("claims/codex-handles-claude-000002.json", "{oops")),
        new Fault(
            "expired claim",
            1,
            0,
            x ->
                x.write(
                    "claims/codex-handles-claude-000002.json",
                    claim("claude-000002", Instant.now().minus(Duration.ofHours(1))))),
        new Fault(
            "claim for a message in no stream",
            1,
            0,
            x ->
                x.write(
                    "claims/codex-handles-claude-000099.json",
                    claim("claude-000099", Instant.now().plus(Duration.ofHours(6))))),
        new Fault(
            "stale temporary file",
            1,
            0,
            x -> {
              x.write("claude-to-codex.jsonl.passoff-3f2a.tmp", "partial");
              age(x.file("claude-to-codex.jsonl.passoff-3f2a.tmp"), Duration.ofMinutes(5));
            }),
        new Fault("unexpected folder", 1, 0, x -> mkdir(x.file("scratch"))),
        new Fault("seq file behind", 1, 0, x -> x.write(".claude-seq", "1\n")),
        new Fault("seq file missing", 2, 2, x -> delete(x.file(".codex-seq"))),
        new Fault("missing stream", 2, 2, x -> delete(x.file("codex-to-claude.jsonl"))),
        new Fault("legacy cursor missing", 1, 0, x -> delete(x.file(".claude-cursor"))));
  }

  private static void noted(InteropRuntime x, String path) {
    Map<String, @Nullable Object> m =
        InteropRuntime.message("claude-000003", "claude", "hand", "status", "s");
    InteropRuntime.refs(m).put("notes_file", path);
    x.append("claude-to-codex.jsonl", InteropRuntime.pythonLine(m));
    x.write(".claude-seq", "3");
  }

  private static void age(Path p, Duration by) {
    try {
      Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(by)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdir(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // §14 item 30
  @Test
  @Timeout(90)
  void givenFaultCatalogue_passoffDoctorExitsLikeThePeerDoctor_strictAndPlain() {
    List<String> mismatches = new ArrayList<>();
    int n = 0;
    for (Fault fault : catalogue()) {
      InteropRuntime x = baseline("fault-" + n++);
      fault.inject().accept(x);
      Peer.Result strict = x.peer("doctor.py", "--strict");
      Peer.Result plain = x.peer("doctor.py");
      // The catalogue's own expectation keeps the model honest.
      assertThat(strict.exit())
          .as("doctor.py --strict on %s\n%s", fault.name(), strict)
          .isEqualTo(fault.strict());
      assertThat(plain.exit())
          .as("doctor.py on %s\n%s", fault.name(), plain)
          .isEqualTo(fault.plain());

      DoctorReport report = x.mailbox.doctor();
      int passoffStrict = report.exitCode(true);
      int passoffPlain = report.exitCode(false);
      if (passoffStrict != strict.exit() || passoffPlain != plain.exit()) {
        mismatches.add(
            fault.name()
                + ": passoff strict="
                + passoffStrict
                + " plain="
                + passoffPlain
                + ", doctor.py strict="
                + strict.exit()
                + " plain="
                + plain.exit()
                + "\n  passoff: "
                + problems(report)
                + "\n  doctor.py: "
                + strict.problems());
      }
    }
    assertThat(mismatches).as("faults on which the doctors disagree").isEmpty();
  }

  // §14 item 30 and §8.2 check 1: a top-level file outside the whitelist is a WARN, however young
  @Test
  @Timeout(60)
  void givenFreshTemporaryFileAtTopLevel_passoffDoctorWarnsLikeThePeerDoctor() {
    InteropRuntime x = baseline("fresh-temp");
    x.write("claude-to-codex.jsonl.passoff-3f2a.tmp", "partial");

    Peer.Result strict = x.peer("doctor.py", "--strict");
    assertThat(strict.exit()).as("%s", strict).isEqualTo(1);
    assertThat(x.mailbox.doctor().exitCode(true)).isEqualTo(strict.exit());
  }

  // §14 item 30: invalid UTF-8 (the existing doctor crashes on it, D11)
  @Test
  @Timeout(60)
  void givenInvalidUtf8InAStream_passoffDoctorReportsTheLineAndDoesNotCrash() {
    InteropRuntime x = baseline("utf8");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        "{\"v\": \"1.0\", \"id\": \"claude-000003\", \"summary\": \""
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
    out.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    byte[] old = InteropRuntime.bytes(x.file("claude-to-codex.jsonl"));
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(old);
    all.writeBytes(out.toByteArray());
    x.write("claude-to-codex.jsonl", all.toByteArray());

    DoctorReport report = x.mailbox.doctor();

    assertThat(report.exitCode(false)).isEqualTo(2);
    assertThat(report.findings())
        .anySatisfy(
            f -> {
              assertThat(f.level()).isEqualTo(Finding.Level.ERROR);
              assertThat(f.line()).isEqualTo(3);
            });
    Peer.Result peerDoctor = x.peer("doctor.py");
    assertThat(peerDoctor.exit()).as("the model crashes as the original does (D11)").isEqualTo(1);
    assertThat(peerDoctor.stderr()).contains("UnicodeDecodeError");
  }

  private static List<String> problems(DoctorReport report) {
    List<String> out = new ArrayList<>();
    for (Finding f : report.findings()) {
      if (f.level() != Finding.Level.INFO) {
        out.add(f.level() + " " + f.check() + " " + f.path() + ":" + f.line() + " " + f.message());
      }
    }
    return out;
  }
}
