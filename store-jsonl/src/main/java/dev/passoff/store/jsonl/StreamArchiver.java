package dev.passoff.store.jsonl;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.HandoffException;
import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveReport.StreamArchive;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.MessageType;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxTimes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code archive}: moves the consumed prefix of a stream into {@code archive/} under the writer's
 * send lock. The archive point is the reader side's smallest session cursor (an empty or invalid
 * cursor file counts as 0), else its legacy cursor. Lines with a seq at or below the point are
 * archived, except the line holding the stream's largest seq; every other line stays, including
 * those whose seq does not parse. Lines are copied byte for byte, split on LF only. The archive
 * file is created exclusively and forced before the live stream is replaced, and the replace
 * happens only if the stream is still the file that was read, so a line appended without the lock
 * is never lost.
 */
final class StreamArchiver {
  /** Runs just before a replace; a test seam for writers that skip the lock. */
  @FunctionalInterface
  interface Hook {
    void beforeReplace(Side writer, int attempt) throws IOException;
  }

  /** How often a stream that grows under us is re-read before giving up. */
  static final int ATTEMPTS = 4;

  /** How long a claim without a readable expiry, or naming no owner, counts as live. */
  private static final Duration UNKNOWN_EXPIRY = Duration.ofHours(6);

  private static final byte[] LF = {'\n'};

  private final RuntimeLayout layout;
  private final JsonlMessageStore messages;
  private final JsonlClaimStore claims;
  private final Clock clock;
  private final String tool;
  private Hook hook = (writer, attempt) -> {};

  /** Whether plain lines are read with a {@link MailboxLineScan} rather than parsed in full. */
  private boolean scanning = true;

  StreamArchiver(
      RuntimeLayout layout,
      JsonlMessageStore messages,
      JsonlClaimStore claims,
      Clock clock,
      String tool) {
    this.layout = layout;
    this.messages = messages;
    this.claims = claims;
    this.clock = clock;
    this.tool = tool;
  }

  /** Test seam: runs after the archive file and the new stream are written, before the replace. */
  void beforeReplace(Hook hook) {
    this.hook = hook;
  }

  /** Test seam: parse every line in full, as a reference for the scanning path. */
  void parseEveryLine() {
    this.scanning = false;
  }

  /** Where archiving may go up to, and which cursor decided it. */
  private record Point(long seq, String source) {}

  ArchiveReport archive(ArchiveRequest request) {
    Side only = request.writer();
    List<Side> writers = only == null ? List.of(Side.CLAUDE, Side.CODEX) : List.of(only);
    List<StreamArchive> out = new ArrayList<>();
    List<Side> todo = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    for (Side w : writers) {
      String name = w.outboxFile();
      if (!Files.exists(layout.stream(w))) {
        out.add(new StreamArchive(w, name, 0, 0, 0, null, "the stream is missing"));
        continue;
      }
      Side reader = w.peer();
      Point point = point(reader);
      if (point == null) {
        out.add(
            new StreamArchive(
                w,
                name,
                0,
                0,
                0,
                null,
                "no cursor of "
                    + reader.wire()
                    + " (no cursors/"
                    + reader.wire()
                    + "-* file and no ."
                    + reader.wire()
                    + "-cursor)"));
        continue;
      }
      if (point.seq() <= 0) {
        out.add(
            new StreamArchive(
                w,
                name,
                0,
                0,
                0,
                null,
                "the archive point is 0 (" + point.source() + "): nothing consumed yet"));
        continue;
      }
      todo.add(w);
      points.add(point);
    }
    if (!request.force()) {
      refuseInFlightWork(todo);
    }
    for (int i = 0; i < todo.size(); i++) {
      out.add(archiveOne(todo.get(i), points.get(i), request));
    }
    out.sort(java.util.Comparator.comparing(StreamArchive::writer));
    return new ArchiveReport(out, request.dryRun());
  }

  /** The reader's smallest session cursor (empty or invalid = 0), else its legacy cursor. */
  private @Nullable Point point(Side reader) {
    Map<String, CursorValue> sessions = new JsonlCursorStore(layout).sessions(reader);
    Point min = null;
    for (Map.Entry<String, CursorValue> e : sessions.entrySet()) {
      long value;
      if (e.getValue() instanceof CursorValue.Valid v) {
        value = v.seq();
      } else if (e.getValue() instanceof CursorValue.Invalid) {
        value = 0; // an unreadable cursor blocks archiving rather than being ignored
      } else {
        continue; // removed while we listed
      }
      if (min == null || value < min.seq()) {
        min = new Point(value, "cursors/" + reader.wire() + "-" + e.getKey());
      }
    }
    if (min != null) {
      return min;
    }
    CursorValue legacy = JsonlCursorStore.read(layout.legacyCursor(reader));
    if (legacy instanceof CursorValue.Valid v) {
      return new Point(v.seq(), "." + reader.wire() + "-cursor");
    }
    return null;
  }

  /** Refuses while a reader of these streams holds a live claim without a terminal reply. */
  private void refuseInFlightWork(List<Side> writers) {
    Instant now = clock.instant();
    List<String> open = new ArrayList<>();
    for (Side w : writers) {
      Side reader = w.peer();
      for (ClaimState state : claims.all(reader)) {
        boolean live;
        if (state instanceof ClaimState.Held held) {
          Instant expires = held.claim().expiresAt();
          live =
              expires != null
                  ? now.isBefore(expires)
                  : now.isBefore(held.modified().plus(UNKNOWN_EXPIRY));
        } else {
          live = now.isBefore(state.modified().plus(UNKNOWN_EXPIRY));
        }
        if (live && !answered(reader, state.messageId())) {
          String owner =
              state instanceof ClaimState.Held held
                  ? " by " + held.claim().session()
                  : " (owner unknown)";
          open.add(state.messageId() + owner);
        }
      }
    }
    if (!open.isEmpty()) {
      throw new ConflictException(
          "refusing to archive while work is in flight: unexpired claims without a done or error"
              + " reply on "
              + String.join(", ", open)
              + "; finish them or pass --force");
    }
  }

  private boolean answered(Side reader, String messageId) {
    for (MailboxMessage reply : messages.repliesTo(reader, messageId)) {
      if (reply.knownType().map(MessageType::terminal).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  private StreamArchive archiveOne(Side writer, Point point, ArchiveRequest request) {
    Path stream = layout.stream(writer);
    try {
      if (request.dryRun()) {
        StreamArchive result = attempt(writer, point, true, 1);
        if (result == null) {
          throw new IllegalStateException("a dry run never retries");
        }
        return result;
      }
      try (RuntimeLock lock =
          RuntimeLock.acquire(
              layout.sendLock(writer),
              writer.wire(),
              request.lockTimeout(),
              tool,
              clock,
              "send lock")) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
          StreamArchive result = attempt(writer, point, false, attempt);
          if (result != null) {
            return result;
          }
        }
      }
      throw new ConflictException(
          writer.outboxFile()
              + " kept growing while it was archived (a writer that skips the send lock?);"
              + " nothing was archived; try again");
    } catch (HandoffException e) {
      throw e;
    } catch (IOException e) {
      throw FileOps.unavailable("archive " + stream, e);
    }
  }

  /**
   * One read-and-split of the stream; {@code null} when the stream changed before the replace, in
   * which case everything written by this attempt has been deleted again.
   */
  private @Nullable StreamArchive attempt(Side writer, Point point, boolean dryRun, int attempt)
      throws IOException {
    Path stream = layout.stream(writer);
    String name = writer.outboxFile();
    StreamArchiverFiles.Identity before;
    try {
      before = StreamArchiverFiles.Identity.of(stream);
    } catch (NoSuchFileException e) {
      return new StreamArchive(writer, name, point.seq(), 0, 0, null, "the stream is missing");
    }
    StreamArchiverFiles.Output archive = null;
    StreamArchiverFiles.Output temp = null;
    try (FileChannel ch = FileChannel.open(stream, StandardOpenOption.READ)) {
      // Pass 1: what the split will be, in bounded memory. The scanner is this call's own, as
      // archive runs of the two streams, and dry runs, may go on in parallel.
      MailboxLineScan scan = scanning ? new MailboxLineScan() : null;
      Split split = new Split(point.seq());
      MailboxDoctorLines lines = new MailboxDoctorLines(ch, before.size(), StreamIndex.MAX_LINE);
      while (lines.next()) {
        if (!lines.terminated()) {
          throw new ConflictException(
              name
                  + " ends in an unterminated line at byte offset "
                  + lines.offset()
                  + "; nothing was archived. Run passoff mailbox repair first");
        }
        split.add(seqOf(lines, writer, scan), lines.offset(), lines.offset() + lines.length() + 1);
      }
      int archived = split.archived();
      int kept = split.lines - split.blank - archived;
      if (archived == 0) {
        return new StreamArchive(
            writer,
            name,
            point.seq(),
            0,
            kept,
            null,
            "nothing to archive: no line at or below seq "
                + point.seq()
                + " ("
                + point.source()
                + ") other than the newest");
      }
      String stem =
          name
              + "."
              + MailboxTimes.compact(clock.instant())
              + "."
              + split.first()
              + "-"
              + split.last();
      if (dryRun) {
        Path planned = StreamArchiverFiles.freeName(layout.archive(), stem, ".jsonl");
        return new StreamArchive(
            writer, name, point.seq(), archived, kept, relative(planned), null);
      }
      // Pass 2: copy the bytes of each line to the archive or to the new live stream.
      archive = StreamArchiverFiles.createExclusive(layout.archive(), stem, ".jsonl");
      temp = StreamArchiverFiles.tempBeside(stream);
      if (split.ranged()) {
        split.copy(ch, before.size(), archive, temp);
      } else if (copyLineByLine(ch, before.size(), writer, scan, split, archive, temp)
          != archived) {
        // The bytes read changed between the passes (rewritten in place, not appended): start over.
        StreamArchiverFiles.discard(archive, temp);
        return null;
      }
      archive.force();
      archive.close();
      FileOps.forceDirectory(layout.archive());
      temp.force();
      temp.close();
      hook.beforeReplace(writer, attempt);
      // A writer that skipped the lock may have appended since the read: replacing now would
      // drop its line, so start over instead.
      if (!StreamArchiverFiles.Identity.of(stream).equals(before)) {
        StreamArchiverFiles.discard(archive, temp);
        return null;
      }
      StreamArchiverFiles.commit(temp, stream);
      return new StreamArchive(
          writer, name, point.seq(), archived, kept, relative(archive.path()), null);
    } catch (IOException | RuntimeException e) {
      StreamArchiverFiles.discard(archive, temp);
      throw e;
    }
  }

  /**
   * Pass 2 for a split that did not keep its ranges: reads every line's seq again and copies the
   * line; returns how many lines went to the archive.
   */
  private int copyLineByLine(
      FileChannel ch,
      long size,
      Side writer,
      @Nullable MailboxLineScan scan,
      Split split,
      StreamArchiverFiles.Output archive,
      StreamArchiverFiles.Output temp)
      throws IOException {
    MailboxDoctorLines lines = new MailboxDoctorLines(ch, size, StreamIndex.MAX_LINE);
    int copied = 0;
    while (lines.next()) {
      boolean old = archivable(seqOf(lines, writer, scan), split.point, split.max);
      copied += old ? 1 : 0;
      StreamArchiverFiles.Output target = old ? archive : temp;
      if (lines.tooLong()) {
        target.copy(ch, lines.offset(), lines.length());
      } else {
        target.write(lines.bytes(), 0, lines.kept());
      }
      target.write(LF, 0, 1);
    }
    return copied;
  }

  /** The seq marker of a blank line. */
  static final long BLANK = -2;

  private static boolean archivable(long seq, long point, long max) {
    return seq >= 0 && seq <= point && seq != max;
  }

  /**
   * The archive split of a stream, gathered line by line in bounded memory: which lines {@link
   * #archivable} picks once the largest seq is known, how many, and their smallest and largest seq.
   * It also keeps the byte ranges where the lines switch between candidates (seq at or below the
   * point) and the rest, and where the lines holding the largest seq are, so the bytes can be
   * copied without reading the lines again; a stream with too many of either (far from the usual
   * one, two or three ranges) makes it give the ranges up.
   */
  private static final class Split {
    private static final int MAX_CUTS = 4096;
    private static final int MAX_NEWEST = 256;

    final long point;
    int lines;
    int blank;
    long max = -1;

    /** Lines holding the largest seq so far. */
    private int atMax;

    /** Lines with a seq at or below the point, and the smallest and two largest such seqs. */
    private int candidates;

    private long lowest = Long.MAX_VALUE;
    private long highest = -1;
    private long belowHighest = -1;

    /** Whether the first line is a candidate; the kind changes at each cut. */
    private boolean firstCandidate;

    private boolean lastCandidate;
    private long[] cuts = new long[16];
    private int cutCount;

    /** Start and end offsets of the lines holding the largest seq so far. */
    private long[] newest = new long[8];

    private int newestCount;
    private boolean ranged = true;

    Split(long point) {
      this.point = point;
    }

    /** Adds the line at {@code [start, end)} (its LF included) with this seq. */
    void add(long seq, long start, long end) {
      lines++;
      boolean candidate = seq >= 0 && seq <= point;
      if (lines == 1) {
        firstCandidate = candidate;
      } else if (candidate != lastCandidate) {
        cut(start);
      }
      lastCandidate = candidate;
      if (seq == BLANK) {
        blank++;
        return;
      }
      if (seq < 0) {
        return;
      }
      if (seq > max) {
        max = seq;
        atMax = 0;
        newestCount = 0;
      }
      if (seq == max) {
        atMax++;
        newest(start, end);
      }
      if (candidate) {
        candidates++;
        lowest = Math.min(lowest, seq);
        if (seq > highest) {
          belowHighest = highest;
          highest = seq;
        } else if (seq < highest && seq > belowHighest) {
          belowHighest = seq;
        }
      }
    }

    private void cut(long at) {
      if (cutCount == MAX_CUTS) {
        ranged = false;
        return;
      }
      if (cutCount == cuts.length) {
        cuts = Arrays.copyOf(cuts, cutCount * 2);
      }
      cuts[cutCount++] = at;
    }

    private void newest(long start, long end) {
      if (newestCount == MAX_NEWEST) {
        ranged = false;
        return;
      }
      if (2 * newestCount + 2 > newest.length) {
        newest = Arrays.copyOf(newest, newest.length * 2);
      }
      newest[2 * newestCount] = start;
      newest[2 * newestCount + 1] = end;
      newestCount++;
    }

    /** How many lines {@link #archivable} picks: the candidates except those holding the max. */
    int archived() {
      return candidates - (max >= 0 && max <= point ? atMax : 0);
    }

    /** The smallest archived seq (when {@link #archived} is positive, it is never the max). */
    long first() {
      return lowest;
    }

    /** The largest archived seq: the largest candidate below the max. */
    long last() {
      return highest == max ? belowHighest : highest;
    }

    /** Whether {@link #copy} may be used. */
    boolean ranged() {
      return ranged;
    }

    /**
     * Copies {@code [0, size)} of the stream by ranges: candidates to the archive, except the lines
     * holding the max, and everything else to the new stream.
     */
    void copy(
        FileChannel ch,
        long size,
        StreamArchiverFiles.Output archive,
        StreamArchiverFiles.Output live)
        throws IOException {
      // Lines holding the max are candidates only when the max is at or below the point.
      int keep = max >= 0 && max <= point ? newestCount : 0;
      int k = 0;
      long pos = 0;
      boolean candidate = firstCandidate;
      for (int c = 0; c <= cutCount; c++) {
        long end = c < cutCount ? cuts[c] : size;
        if (candidate) {
          for (; k < keep && newest[2 * k] < end; k++) {
            archive.copy(ch, pos, newest[2 * k] - pos);
            live.copy(ch, newest[2 * k], newest[2 * k + 1] - newest[2 * k]);
            pos = newest[2 * k + 1];
          }
          archive.copy(ch, pos, end - pos);
        } else {
          live.copy(ch, pos, end - pos);
        }
        pos = end;
        candidate = !candidate;
      }
    }
  }

  /** The line's seq, -1 when it has none that parses, {@link #BLANK} for a blank line. */
  private static long seqOf(MailboxDoctorLines line, Side writer, @Nullable MailboxLineScan scan) {
    if (line.tooLong()) {
      return -1;
    }
    if (line.blank()) {
      return BLANK;
    }
    byte[] b = line.bytes();
    int from = line.bom() ? 3 : 0;
    int end = line.kept();
    if (end > from && b[end - 1] == '\r') {
      end--;
    }
    return seqOf(b, from, end, writer, scan);
  }

  /**
   * The seq of the message in {@code b[from, end)} (a non-blank line without BOM and final CR), -1
   * when it has none that parses. With a {@code scan}, a plain line's id is read from the scan; any
   * other line is parsed in full, as every line is without one.
   */
  static long seqOf(byte[] b, int from, int end, Side writer, @Nullable MailboxLineScan scan) {
    if (scan != null && scan.scan(b, from, end) && !scan.escapedString(MailboxLineScan.ID)) {
      return scan.idSeq(MailboxLineScan.ID, null, 1); // -1 for no id, as the full parse says
    }
    StreamIndex.Parsed parsed = StreamIndex.parse(b, from, end - from, writer);
    if ((parsed.flags() & (StreamIndex.UNUSABLE | StreamIndex.INVALID_UTF8)) != 0) {
      return -1;
    }
    return parsed.seq();
  }

  private String relative(Path p) {
    return layout.runtime().relativize(p).toString().replace('\\', '/');
  }
}
