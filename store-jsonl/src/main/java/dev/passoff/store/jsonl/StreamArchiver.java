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
      // Pass 1: the seq of every line (-1 when it does not parse), and the stream's largest seq.
      MailboxDoctorIds.List seqs = new MailboxDoctorIds.List();
      long max = -1;
      MailboxDoctorLines lines = new MailboxDoctorLines(ch, before.size(), StreamIndex.MAX_LINE);
      while (lines.next()) {
        if (!lines.terminated()) {
          throw new ConflictException(
              name
                  + " ends in an unterminated line at byte offset "
                  + lines.offset()
                  + "; nothing was archived. Run passoff mailbox repair first");
        }
        long seq = seqOf(lines, writer);
        seqs.add(seq);
        max = Math.max(max, seq);
      }
      int archived = 0;
      int kept = 0;
      long first = Long.MAX_VALUE;
      long last = -1;
      for (int i = 0; i < seqs.size(); i++) {
        long seq = seqs.get(i);
        if (archivable(seq, point.seq(), max)) {
          archived++;
          first = Math.min(first, seq);
          last = Math.max(last, seq);
        } else if (seq != BLANK) {
          kept++;
        }
      }
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
      String stem = name + "." + MailboxTimes.compact(clock.instant()) + "." + first + "-" + last;
      if (dryRun) {
        Path planned = StreamArchiverFiles.freeName(layout.archive(), stem, ".jsonl");
        return new StreamArchive(
            writer, name, point.seq(), archived, kept, relative(planned), null);
      }
      // Pass 2: copy each line's bytes to the archive or to the new live stream.
      archive = StreamArchiverFiles.createExclusive(layout.archive(), stem, ".jsonl");
      temp = StreamArchiverFiles.tempBeside(stream);
      lines = new MailboxDoctorLines(ch, before.size(), StreamIndex.MAX_LINE);
      for (int i = 0; lines.next(); i++) {
        StreamArchiverFiles.Output target =
            i < seqs.size() && archivable(seqs.get(i), point.seq(), max) ? archive : temp;
        if (lines.tooLong()) {
          target.copy(ch, lines.offset(), lines.length());
        } else {
          target.write(lines.bytes(), 0, lines.kept());
        }
        target.write(LF, 0, 1);
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

  /** The seq marker of a blank line. */
  private static final long BLANK = -2;

  private static boolean archivable(long seq, long point, long max) {
    return seq >= 0 && seq <= point && seq != max;
  }

  /** The line's seq, -1 when it has none that parses, {@link #BLANK} for a blank line. */
  private static long seqOf(MailboxDoctorLines line, Side writer) {
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
