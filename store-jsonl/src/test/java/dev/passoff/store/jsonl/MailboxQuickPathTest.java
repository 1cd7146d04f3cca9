package dev.passoff.store.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveReport.StreamArchive;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.service.mailbox.MailboxTimes;
import dev.passoff.core.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor and the archiver read plain lines through the line scanner; on random streams full of
 * faults they must report and write exactly what they do when every line is parsed in full.
 */
class MailboxQuickPathTest {
  private static final Instant NOW = Instant.parse("2026-11-21T22:23:41.123Z");

  @TempDir Path dir;

  @Test
  void givenRandomRuntimes_doctor_findsTheSameWithAndWithoutTheScanner() throws IOException {
    int findings = 0;
    int quickLines = 0;
    for (long seed = 1; seed <= 12; seed++) {
      Path root = dir.resolve("doctor-" + seed);
      MailboxRuntime runtime = runtime(root);
      Path rt = runtime.runtime();
      MailboxLineSamples samples = new MailboxLineSamples(seed);
      Files.writeString(rt.resolve("notes/a.md"), "# a\n");
      Files.writeString(rt.resolve("notes/orphan.md"), "# orphan\n");
      for (Side writer : Side.values()) {
        Files.write(rt.resolve(writer.outboxFile()), stream(samples, writer, 400, true));
        Files.write(
            rt.resolve("archive/" + writer.outboxFile() + ".20261121T000000Z.1-9.jsonl"),
            stream(samples, writer, 60, false));
        Files.writeString(rt.resolve("." + writer.wire() + "-seq"), "" + samples.nextInt(500));
      }
      Files.writeString(rt.resolve("cursors/codex-main"), "" + samples.nextInt(400));
      Files.writeString(rt.resolve("cursors/claude-b"), "" + samples.nextInt(400));
      for (int i = 1; i <= 6; i++) {
        String id = String.format("claude-%06d", samples.nextInt(60) + 1);
        Files.writeString(
            rt.resolve("claims/codex-handles-" + id + ".json"),
            "{\"message_id\":\""
                + id
                + "\",\"side\":\"codex\",\"expires_at\":\""
                + MailboxTimes.format(NOW.minusSeconds(60))
                + "\"}");
      }
      RuntimeLayout layout = new RuntimeLayout(root);
      JsonlMessageStore messages =
          new JsonlMessageStore(layout, dir.resolve("cache"), new TestClock(NOW), "test");

      MailboxDoctor doctor = new MailboxDoctor(layout, messages, NOW, true);
      List<Finding> quick = doctor.run();
      List<Finding> full = new MailboxDoctor(layout, messages, NOW, false).run();

      assertThat(quick).as("seed " + seed).containsExactlyElementsOf(full);
      findings += full.size();
      quickLines += doctor.quickLines();
    }
    assertThat(findings).isGreaterThan(12 * 100);
    assertThat(quickLines).isGreaterThan(12 * 10);
  }

  @Test
  void givenRandomStreams_archive_writesWhatTheFullParseDecides() throws IOException {
    int archivedLines = 0;
    for (long seed = 1; seed <= 12; seed++) {
      byte[] content = stream(new MailboxLineSamples(seed), Side.CLAUDE, 300, false);
      long point = 1 + new java.util.Random(seed).nextInt(320);
      archivedLines += assertArchiveAgrees("seed " + seed, content, point);
    }
    assertThat(archivedLines).isGreaterThan(500);
  }

  @Test
  void givenStreamSwitchingThousandsOfTimes_archive_stillWritesWhatTheFullParseDecides()
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int seq = 1; seq <= 5_000; seq++) {
      out.writeBytes((MailboxDoctorTest.line(Side.CLAUDE, seq) + "\n").getBytes(UTF_8));
      out.writeBytes((seq % 2 == 0 ? "{\"broken\"\n" : "\n").getBytes(UTF_8));
    }

    assertThat(assertArchiveAgrees("alternating", out.toByteArray(), 4_000)).isEqualTo(4_000);
  }

  @Test
  void givenManyLinesHoldingTheMax_archive_keepsEveryOneOfThem() throws IOException {
    for (int copies : new int[] {3, 300}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 1; i <= copies; i++) {
        out.writeBytes((MailboxDoctorTest.line(Side.CLAUDE, i % 7 + 1) + "\n").getBytes(UTF_8));
        out.writeBytes((MailboxDoctorTest.line(Side.CLAUDE, 9) + "\n").getBytes(UTF_8));
      }

      int archived = assertArchiveAgrees(copies + " copies", out.toByteArray(), 9);

      assertThat(archived).isEqualTo(copies);
    }
  }

  /**
   * Archives {@code content} up to {@code point} with the scanner and with full parses; both must
   * give the split the old archiver made. Returns how many lines were archived.
   */
  private int assertArchiveAgrees(String as, byte[] content, long point) throws IOException {
    List<StreamArchive> results = new ArrayList<>();
    List<byte[]> live = new ArrayList<>();
    List<byte[]> archived = new ArrayList<>();
    for (boolean quick : new boolean[] {true, false}) {
      MailboxRuntime runtime = runtime(dir.resolve("archive-" + as.replace(' ', '-') + quick));
      Path rt = runtime.runtime();
      Files.write(rt.resolve(Side.CLAUDE.outboxFile()), content);
      Files.writeString(rt.resolve("cursors/codex-main"), point + "\n");
      StreamArchiver archiver = ((JsonlMailboxMaintenance) runtime.maintenance()).archiver();
      if (!quick) {
        archiver.parseEveryLine();
      }
      ArchiveReport report =
          archiver.archive(new ArchiveRequest(Side.CLAUDE, false, true, Duration.ofSeconds(5)));
      StreamArchive result = report.streams().get(0);
      results.add(result);
      live.add(Files.readAllBytes(rt.resolve(Side.CLAUDE.outboxFile())));
      String file = result.archiveFile();
      archived.add(file == null ? new byte[0] : Files.readAllBytes(rt.resolve(file)));
    }
    assertThat(results.get(0)).as(as).isEqualTo(results.get(1));
    assertThat(live.get(0)).as(as).isEqualTo(live.get(1));
    assertThat(archived.get(0)).as(as).isEqualTo(archived.get(1));

    Expected expected = Expected.of(content, point);
    StreamArchive result = results.get(0);
    assertThat(result.archived()).as(as).isEqualTo(expected.archived);
    assertThat(result.kept()).as(as).isEqualTo(expected.kept);
    if (expected.archived > 0) {
      assertThat(result.archiveFile())
          .as(as)
          .endsWith("." + expected.first + "-" + expected.last + ".jsonl");
      assertThat(archived.get(0)).as(as).isEqualTo(expected.archive.toByteArray());
      assertThat(live.get(0)).as(as).isEqualTo(expected.live.toByteArray());
    } else {
      assertThat(live.get(0)).as(as).isEqualTo(content);
    }
    return expected.archived;
  }

  /** The old archiver's split, from the full parse of every line and a list of all seqs. */
  private static final class Expected {
    int archived;
    int kept;
    long first = Long.MAX_VALUE;
    long last = -1;
    final ByteArrayOutputStream archive = new ByteArrayOutputStream();
    final ByteArrayOutputStream live = new ByteArrayOutputStream();

    static Expected of(byte[] content, long point) {
      List<byte[]> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < content.length; i++) {
        if (content[i] == '\n') {
          lines.add(Arrays.copyOfRange(content, start, i + 1));
          start = i + 1;
        }
      }
      long[] seqs = new long[lines.size()];
      long max = -1;
      for (int i = 0; i < seqs.length; i++) {
        seqs[i] = seqOf(lines.get(i), i == 0);
        max = Math.max(max, seqs[i]);
      }
      Expected e = new Expected();
      for (int i = 0; i < seqs.length; i++) {
        long seq = seqs[i];
        if (seq >= 0 && seq <= point && seq != max) {
          e.archived++;
          e.first = Math.min(e.first, seq);
          e.last = Math.max(e.last, seq);
          e.archive.writeBytes(lines.get(i));
        } else {
          if (seq != StreamArchiver.BLANK) {
            e.kept++;
          }
          e.live.writeBytes(lines.get(i));
        }
      }
      return e;
    }

    private static long seqOf(byte[] line, boolean first) {
      int from = 0;
      int end = line.length - 1;
      if (first
          && end >= 3
          && (line[0] & 0xff) == 0xEF
          && (line[1] & 0xff) == 0xBB
          && (line[2] & 0xff) == 0xBF) {
        from = 3;
      }
      boolean blank = true;
      for (int i = 0; i < line.length - 1; i++) {
        blank &= " \t\r\u000b\f".indexOf(line[i]) >= 0;
      }
      if (blank) {
        return StreamArchiver.BLANK;
      }
      if (end > from && line[end - 1] == '\r') {
        end--;
      }
      StreamIndex.Parsed parsed = StreamIndex.parse(line, from, end - from, Side.CLAUDE);
      return (parsed.flags() & (StreamIndex.UNUSABLE | StreamIndex.INVALID_UTF8)) != 0
          ? -1
          : parsed.seq();
    }
  }

  /**
   * A stream of about {@code n} sample lines with seqs mostly rising, some repeated or out of
   * order, blank lines, lines ending in CR, now and then a BOM first and, when {@code torn}, a last
   * line without its LF.
   */
  private static byte[] stream(MailboxLineSamples samples, Side writer, int n, boolean torn) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (samples.chance(4)) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    long seq = 0;
    for (int i = 0; i < n; i++) {
      if (samples.chance(40)) {
        out.writeBytes(samples.chance(2) ? "\n".getBytes(UTF_8) : " \t\r\n".getBytes(UTF_8));
        continue;
      }
      seq = samples.chance(25) ? Math.max(1, seq - samples.nextInt(3)) : seq + 1;
      out.writeBytes(samples.line(writer, seq).bytes());
      if (samples.chance(30)) {
        out.write('\r');
      }
      if (!torn || i < n - 1 || samples.chance(2)) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  private MailboxRuntime runtime(Path root) {
    JsonlMailboxRuntimes runtimes =
        new JsonlMailboxRuntimes(
            dir.resolve("cache-" + root.getFileName()), new TestClock(NOW), "t");
    runtimes.init(root, false, false);
    return runtimes.open(root).orElseThrow();
  }
}
