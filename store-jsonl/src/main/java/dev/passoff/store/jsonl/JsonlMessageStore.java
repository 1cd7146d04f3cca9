package dev.passoff.store.jsonl;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.HandoffException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.Appended;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.Outgoing;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.model.mailbox.StreamBatch;
import dev.passoff.core.port.out.MessageStore;
import dev.passoff.core.service.mailbox.NotePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The two direction streams of a runtime, with their archives and notes. Reads go through a {@link
 * StreamIndex} per file, kept in memory and in a cache folder outside the runtime, so that send
 * costs O(1) and poll O(new messages) in the stream length.
 */
final class JsonlMessageStore implements MessageStore {
  // One monitor guards the indexes and snapshots: a server shares this store between calls, and
  // the indexes grow and build hash lookups lazily.
  private final RuntimeLayout layout;
  private final @Nullable Path cacheDir;
  private final Clock clock;
  private final String tool;
  private final Map<Path, StreamIndex> memo = new HashMap<>();

  JsonlMessageStore(RuntimeLayout layout, @Nullable Path cacheDir, Clock clock, String tool) {
    this.layout = layout;
    this.cacheDir = cacheDir;
    this.clock = clock;
    this.tool = tool;
  }

  // ------------------------------------------------------------------------------------------
  // snapshots

  /** A validated index of one file plus its unterminated last line, if that is a message. */
  private record Snapshot(
      Path file,
      StreamIndex index,
      @Nullable MailboxMessage tail,
      long tailOffset,
      long size,
      @Nullable String tailProblem) {}

  /** What a snapshot was taken of: when the file still looks the same, the snapshot is reused. */
  private record Stamp(String identity, long size, long modifiedNanos) {
    static Stamp of(BasicFileAttributes a) {
      return new Stamp(
          StreamIndex.identity(a), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    /**
     * Written out: a record's generated equals links an invokedynamic call site on first use,
     * several milliseconds of a one-shot command.
     */
    boolean same(@Nullable Stamp other) {
      return other != null
          && size == other.size
          && modifiedNanos == other.modifiedNanos
          && identity.equals(other.identity);
    }
  }

  private final Map<Path, Stamp> stamps = new HashMap<>();
  private final Map<Path, Snapshot> snapshots = new HashMap<>();

  private synchronized Snapshot snapshot(Path file, Side writer) {
    Stamp stamp;
    try {
      stamp = Stamp.of(Files.readAttributes(file, BasicFileAttributes.class));
    } catch (NoSuchFileException e) {
      return new Snapshot(file, new StreamIndex(writer), null, 0, 0, null);
    } catch (IOException e) {
      throw FileOps.unavailable("read " + file, e);
    }
    Snapshot reused = snapshots.get(file);
    if (reused != null && stamp.same(stamps.get(file))) {
      return reused;
    }
    Snapshot fresh = read(file, writer);
    snapshots.put(file, fresh);
    stamps.put(file, stamp);
    return fresh;
  }

  private Snapshot read(Path file, Side writer) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      StreamIndex index = memo.get(file);
      Path cache = cachePath(file);
      if (index == null && cache != null) {
        index = StreamIndex.load(cache, writer);
      }
      if (index != null && !index.matches(file, ch, attributes)) {
        index = null;
      }
      if (index == null) {
        index = new StreamIndex(writer);
      }
      index.extend(ch, attributes);
      memo.put(file, index);
      if (cache != null) {
        index.save(cache);
      }
      long size = ch.size();
      MailboxMessage tail = null;
      String problem = null;
      long covered = index.covered();
      if (size > covered) {
        long length = size - covered;
        if (length > StreamIndex.MAX_LINE) {
          problem = "the unterminated last line at byte " + covered + " is longer than 64 MiB";
        } else {
          ByteBuffer buffer = ByteBuffer.allocate((int) length);
          StreamIndex.readFully(ch, buffer, covered);
          byte[] bytes = buffer.array();
          int from = 0;
          int len = bytes.length;
          if (covered == 0
              && len >= 3
              && (bytes[0] & 0xff) == 0xEF
              && (bytes[1] & 0xff) == 0xBB
              && (bytes[2] & 0xff) == 0xBF) {
            from = 3;
            len -= 3;
          }
          if (len > 0 && bytes[from + len - 1] == '\r') {
            len--;
          }
          StreamIndex.Parsed parsed = StreamIndex.parse(bytes, from, len, writer);
          if ((parsed.flags() & (StreamIndex.UNUSABLE | StreamIndex.INVALID_UTF8)) == 0
              && parsed.id() != null
              && parsed.object() != null) {
            tail = new MailboxMessage(parsed.id(), parsed.object());
          } else {
            problem = "the unterminated last line at byte " + covered + " is incomplete; ignored";
          }
        }
      }
      return new Snapshot(file, index, tail, covered, size, problem);
    } catch (NoSuchFileException e) {
      return new Snapshot(file, new StreamIndex(writer), null, 0, 0, null);
    } catch (IOException e) {
      throw FileOps.unavailable("read " + file, e);
    }
  }

  private @Nullable Path cachePath(Path file) {
    if (cacheDir == null) {
      return null;
    }
    Path parent = file.getParent();
    String prefix =
        parent != null && parent.getFileName().toString().equals("archive") ? "archive-" : "";
    return cacheDir.resolve(prefix + file.getFileName() + ".idx");
  }

  /** Reads line {@code i} of a snapshot as a message. */
  private static MailboxMessage message(FileChannel ch, Snapshot s, int i) throws IOException {
    StreamIndex idx = s.index();
    ByteBuffer buffer = ByteBuffer.allocate(idx.length(i));
    StreamIndex.readFully(ch, buffer, idx.offset(i));
    return decode(buffer.array(), 0, buffer.limit(), idx.offset(i) == 0, idx.writer());
  }

  private static MailboxMessage decode(
      byte[] bytes, int from, int len, boolean first, Side writer) {
    int start = from;
    int end = from + len;
    if (first
        && len >= 3
        && (bytes[from] & 0xff) == 0xEF
        && (bytes[from + 1] & 0xff) == 0xBB
        && (bytes[from + 2] & 0xff) == 0xBF) {
      start += 3;
    }
    if (end > start && bytes[end - 1] == '\r') {
      end--;
    }
    StreamIndex.Parsed parsed = StreamIndex.parse(bytes, start, end - start, writer);
    if (parsed.id() == null || parsed.object() == null) {
      throw new IllegalStateException("an indexed line no longer parses");
    }
    return new MailboxMessage(parsed.id(), parsed.object());
  }

  // ------------------------------------------------------------------------------------------
  // reads

  @Override
  public synchronized long maxSeq(Side writer) {
    Snapshot s = snapshot(layout.stream(writer), writer);
    long max = s.index().maxSeq();
    if (s.tail() != null) {
      max = Math.max(max, s.tail().seq());
    }
    return max;
  }

  @Override
  public synchronized long nextSeq(Side writer) {
    return Math.max(seqFile(writer), maxSeq(writer)) + 1;
  }

  private long seqFile(Side writer) {
    try {
      Optional<byte[]> bytes = FileOps.readIfExists(layout.seqFile(writer));
      if (bytes.isEmpty()) {
        return 0;
      }
      OptionalLong value = FileOps.parseNumber(bytes.get());
      return value.orElse(0);
    } catch (IOException e) {
      throw FileOps.unavailable("read " + layout.seqFile(writer), e);
    }
  }

  @Override
  public synchronized StreamBatch readAfter(
      Side writer, long afterSeq, int limit, boolean anySide) {
    Path file = layout.stream(writer);
    Snapshot s = snapshot(file, writer);
    StreamIndex idx = s.index();
    List<String> diagnostics = new ArrayList<>();
    List<Integer> picked = new ArrayList<>();
    boolean ordered = idx.ascending() && !anySide;
    int start = ordered ? idx.firstAfter(afterSeq) : 0;
    for (int i = start; i < idx.count(); i++) {
      if (ordered && picked.size() > limit) {
        break; // in seq order already: one past the limit says there is more
      }
      int flags = idx.flags(i);
      if ((flags & StreamIndex.UNUSABLE) != 0) {
        if (ordered || i >= start) {
          diagnostics.add(describe(file, idx, i));
        }
        continue;
      }
      if (idx.seq(i) <= afterSeq) {
        continue;
      }
      if (!anySide && !idx.usable(i)) {
        diagnostics.add(describe(file, idx, i));
        continue;
      }
      picked.add(i);
    }
    if (!ordered) {
      picked.sort(Comparator.comparingLong(idx::seq));
    }
    boolean more = picked.size() > limit;
    List<MailboxMessage> out = new ArrayList<>(Math.min(picked.size(), limit));
    try (FileChannel ch =
        picked.isEmpty() ? null : FileChannel.open(file, StandardOpenOption.READ)) {
      for (int k = 0; k < picked.size() && out.size() < limit; k++) {
        out.add(message(ch, s, picked.get(k)));
      }
    } catch (IOException e) {
      throw FileOps.unavailable("read " + file, e);
    }
    boolean tailWanted =
        s.tail() != null
            && s.tail().seq() > afterSeq
            && (anySide || s.tail().id().side() == writer);
    if (tailWanted && out.size() < limit) {
      out.add(s.tail());
      if (!ordered) {
        out.sort(Comparator.comparingLong(MailboxMessage::seq));
      }
    } else if (tailWanted) {
      more = true;
    } else if (s.tailProblem() != null) {
      diagnostics.add(file.getFileName() + ": " + s.tailProblem());
    }
    return new StreamBatch(out, more, diagnostics);
  }

  private static String describe(Path file, StreamIndex idx, int i) {
    int flags = idx.flags(i);
    String what;
    if ((flags & StreamIndex.TOO_LONG) != 0) {
      what = "longer than 64 MiB";
    } else if ((flags & StreamIndex.BAD_JSON) != 0) {
      what = "not valid JSON";
    } else if ((flags & StreamIndex.NOT_OBJECT) != 0) {
      what = "not a JSON object";
    } else if ((flags & StreamIndex.BAD_ID) != 0) {
      what = "no valid id";
    } else if ((flags & StreamIndex.WRONG_SIDE) != 0) {
      what = "an id of the other side";
    } else if ((flags & StreamIndex.INVALID_UTF8) != 0) {
      what = "not valid UTF-8";
    } else if ((flags & StreamIndex.DUPLICATE) != 0) {
      what = "a duplicate id; the first occurrence counts";
    } else {
      what = "unreadable";
    }
    return file.getFileName() + " line " + idx.lineNo(i) + ": skipped, " + what;
  }

  @Override
  public synchronized Optional<MailboxMessage> find(MessageId id) {
    for (Path file : filesOf(id.side())) {
      Snapshot s = snapshot(file, id.side());
      int i = s.index().find(id.seq());
      if (i >= 0) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          return Optional.of(message(ch, s, i));
        } catch (IOException e) {
          throw FileOps.unavailable("read " + file, e);
        }
      }
      if (s.tail() != null && s.tail().seq() == id.seq() && s.tail().id().side() == id.side()) {
        return Optional.of(s.tail());
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized List<MailboxMessage> repliesTo(Side writer, String target) {
    long key = StreamIndex.key(target);
    if (key < 0) {
      return List.of();
    }
    return collect(List.of(writer), idx -> idx.rowsReplyingTo(key), m -> key(m.replyTo()) == key);
  }

  @Override
  public synchronized List<MailboxMessage> inThread(String thread) {
    long key = StreamIndex.key(thread);
    if (key < 0) {
      return List.of();
    }
    return collect(
        List.of(Side.CLAUDE, Side.CODEX),
        idx -> idx.rowsInThread(key),
        m -> key(m.thread()) == key);
  }

  @Override
  public synchronized List<MailboxMessage> carrying(Set<String> handoffIds) {
    List<MailboxMessage> out = new ArrayList<>();
    if (handoffIds.isEmpty()) {
      return out;
    }
    byte[] marker = "\"handoff_id\"".getBytes(StandardCharsets.US_ASCII);
    for (Side writer : Side.values()) {
      for (Path file : filesOf(writer)) {
        Snapshot s = snapshot(file, writer);
        StreamIndex idx = s.index();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          ByteBuffer buffer = ByteBuffer.allocate(8192);
          for (int i = 0; i < idx.count(); i++) {
            if (!idx.usable(i)) {
              continue;
            }
            if (buffer.capacity() < idx.length(i)) {
              buffer = ByteBuffer.allocate(idx.length(i));
            }
            buffer.clear().limit(idx.length(i));
            StreamIndex.readFully(ch, buffer, idx.offset(i));
            // Only a line naming a handoff is worth decoding (or one whose escapes might spell it).
            if (contains(buffer.array(), buffer.limit(), marker)
                || contains(buffer.array(), buffer.limit(), ESCAPE)) {
              MailboxMessage m =
                  decode(buffer.array(), 0, buffer.limit(), idx.offset(i) == 0, writer);
              if (m.handoffId() != null && handoffIds.contains(m.handoffId())) {
                out.add(m);
              }
            }
          }
        } catch (NoSuchFileException e) {
          continue;
        } catch (IOException e) {
          throw FileOps.unavailable("read " + file, e);
        }
        MailboxMessage t = s.tail();
        if (t != null
            && t.id().side() == writer
            && t.handoffId() != null
            && handoffIds.contains(t.handoffId())) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static final byte[] ESCAPE = {'\\', 'u'};

  private static boolean contains(byte[] data, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static long key(@Nullable String id) {
    return StreamIndex.key(id);
  }

  private interface RowFilter {
    int[] rows(StreamIndex idx);
  }

  /** Usable messages of the given writers' live streams and archives matching a row filter. */
  private List<MailboxMessage> collect(
      List<Side> writers, RowFilter rows, java.util.function.Predicate<MailboxMessage> tail) {
    Map<String, MailboxMessage> found = new LinkedHashMap<>();
    for (Side writer : writers) {
      for (Path file : filesOf(writer)) {
        Snapshot s = snapshot(file, writer);
        StreamIndex idx = s.index();
        List<Integer> hits = new ArrayList<>();
        for (int i : rows.rows(idx)) {
          if (idx.usable(i)) {
            hits.add(i);
          }
        }
        if (!hits.isEmpty()) {
          try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i : hits) {
              MailboxMessage m = message(ch, s, i);
              found.putIfAbsent(writer.wire() + ":" + m.seq(), m);
            }
          } catch (IOException e) {
            throw FileOps.unavailable("read " + file, e);
          }
        }
        MailboxMessage t = s.tail();
        if (t != null && t.id().side() == writer && tail.test(t)) {
          found.putIfAbsent(writer.wire() + ":" + t.seq(), t);
        }
      }
    }
    List<MailboxMessage> out = new ArrayList<>(found.values());
    out.sort(
        Comparator.comparing((MailboxMessage m) -> m.id().side())
            .thenComparingLong(MailboxMessage::seq));
    return out;
  }

  /** The live stream first, then the archives of {@code writer}'s stream in name order. */
  private List<Path> filesOf(Side writer) {
    List<Path> files = new ArrayList<>();
    files.add(layout.stream(writer));
    files.addAll(archivesOf(layout, writer));
    return files;
  }

  static List<Path> archivesOf(RuntimeLayout layout, Side writer) {
    List<Path> archives = new ArrayList<>();
    String glob = writer.outboxFile() + ".*.jsonl";
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(layout.archive(), glob)) {
      for (Path p : dir) {
        // Repair's backups match the glob too, but they are copies of a live stream, not archives.
        if (Files.isRegularFile(p) && !p.getFileName().toString().contains(".pre-repair-")) {
          archives.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return archives;
    } catch (IOException e) {
      throw FileOps.unavailable("list " + layout.archive(), e);
    }
    archives.sort(Comparator.comparing(Path::toString));
    return archives;
  }

  @Override
  public String streamLocation(Side writer) {
    return layout.stream(writer).toAbsolutePath().toString();
  }

  // ------------------------------------------------------------------------------------------
  // notes

  @Override
  public boolean noteExists(String path) {
    Path note = resolveNote(path);
    return Files.exists(note, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public Optional<String> readNote(String path, int maxBytes) {
    Path note = resolveNote(path);
    try (FileChannel ch = FileChannel.open(note, StandardOpenOption.READ)) {
      int n = (int) Math.min(maxBytes, ch.size());
      ByteBuffer buffer = ByteBuffer.allocate(n);
      StreamIndex.readFully(ch, buffer, 0);
      return Optional.of(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw FileOps.unavailable("read note " + path, e);
    }
  }

  /**
   * The note's file after the lexical checks and a check that it does not leave {@code notes/}
   * through a symbolic link.
   */
  Path resolveNote(String path) {
    NotePaths.problem(path)
        .ifPresent(
            p -> {
              throw new ValidationException("notes_file", "'" + path + "' " + p);
            });
    Path runtime = layout.runtime();
    Path note = runtime.resolve(path).normalize();
    try {
      Path notes = layout.notes();
      if (Files.exists(notes)) {
        Path realNotes = notes.toRealPath();
        Path existing = note;
        while (existing != null && !Files.exists(existing)) {
          existing = existing.getParent();
        }
        if (existing != null) {
          Path real = existing.toRealPath().resolve(existing.relativize(note));
          if (!real.normalize().startsWith(realNotes)) {
            throw new ValidationException(
                "notes_file", "'" + path + "' resolves outside notes/ through a symbolic link");
          }
        }
      }
    } catch (IOException e) {
      throw FileOps.unavailable("resolve note " + path, e);
    }
    return note;
  }

  // ------------------------------------------------------------------------------------------
  // append

  @Override
  public synchronized Appended append(Side writer, Duration lockTimeout, Composer composer) {
    Path stream = layout.stream(writer);
    requireRuntime();
    MailboxMessage message;
    String notePath = null;
    try (RuntimeLock lock =
        RuntimeLock.acquire(
            layout.sendLock(writer), writer.wire(), lockTimeout, tool, clock, "send lock")) {
      try (FileChannel ch =
          FileChannel.open(
              stream,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
              FileOps.fileMode())) {
        CrashPoints.reach(CrashPoints.SEND_LOCKED);
        long size = ch.size();
        requireTerminated(ch, size, stream);
        long seq = nextSeq(writer);
        Outgoing outgoing = composer.compose(seq);
        message = outgoing.message();
        if (outgoing.note() != null) {
          writeNote(outgoing.note());
          notePath = outgoing.note().path();
          CrashPoints.reach(CrashPoints.SEND_NOTE_WRITTEN);
        }
        byte[] line = (Json.line(message.fields()) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel out =
            FileChannel.open(stream, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
          appendLine(out, line, size, stream);
        }
        CrashPoints.reach(CrashPoints.SEND_APPENDED);
        FileOps.replace(
            layout.seqFile(writer),
            (message.seq() + "\n").getBytes(StandardCharsets.US_ASCII),
            false);
        CrashPoints.reach(CrashPoints.SEND_SEQ_WRITTEN);
      }
    } catch (HandoffException e) {
      throw e;
    } catch (IOException e) {
      throw FileOps.unavailable("append to " + stream, e);
    }
    return new Appended(message, stream.toAbsolutePath().toString(), notePath);
  }

  private void requireRuntime() {
    if (!Files.isDirectory(layout.runtime())) {
      throw new dev.passoff.core.error.NotFoundException(
          "no mailbox runtime at " + layout.runtime() + "; run passoff mailbox init");
    }
  }

  /** Refuses to append onto an unterminated last line, naming where it starts. */
  private static void requireTerminated(FileChannel ch, long size, Path stream) throws IOException {
    if (size == 0) {
      return;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    StreamIndex.readFully(ch, last, size - 1);
    if (last.get(0) == '\n') {
      return;
    }
    long start = size - 1;
    ByteBuffer b = ByteBuffer.allocate(8192);
    search:
    while (start > 0) {
      int n = (int) Math.min(b.capacity(), start);
      b.clear().limit(n);
      StreamIndex.readFully(ch, b, start - n);
      for (int i = n - 1; i >= 0; i--) {
        if (b.get(i) == '\n') {
          start = start - n + i + 1;
          break search;
        }
      }
      start -= n;
    }
    throw new ConflictException(
        stream.getFileName()
            + " ends in an unterminated line at byte offset "
            + start
            + "; nothing was written. Run passoff mailbox repair to fix the stream");
  }

  /**
   * One write of the whole line on a channel opened for append, forced; on any failure the file is
   * cut back to its old end, so no torn line remains.
   */
  private static void appendLine(FileChannel ch, byte[] line, long size, Path stream)
      throws IOException {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(false);
    } catch (IOException | RuntimeException e) {
      try {
        ch.truncate(size);
        ch.force(false);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof IOException io) {
        throw FileOps.unavailable("append to " + stream + " (nothing was written)", io);
      }
      throw e;
    }
  }

  private void writeNote(Outgoing.Note note) throws IOException {
    Path path = resolveNote(note.path());
    FileOps.createDirectories(path.getParent());
    try {
      FileOps.writeNew(path, note.text().getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      throw new ConflictException("notes file " + note.path() + " already exists");
    }
    FileOps.forceDirectory(path.getParent());
  }
}
