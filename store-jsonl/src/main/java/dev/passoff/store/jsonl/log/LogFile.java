package dev.passoff.store.jsonl.log;

import dev.passoff.core.error.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one log file: reading what was appended since the last look, and appending under the
 * writers' lock.
 *
 * <p><b>Reading.</b> Each look stats the file; when its identity (device and inode), size and
 * modification time are as last seen, nothing is read. Otherwise the bytes after the last complete
 * line read are read and passed on line by line, once the 64 bytes before that point have been
 * checked to be unchanged. A new identity, a shorter file or changed bytes mean the file was
 * replaced (a {@code git checkout}, say), and everything is read again from the start. An
 * unterminated last line is never passed on: it may be an append in progress.
 *
 * <p><b>Writing.</b> Writers hold an exclusive OS lock on the sibling {@code <file>.lock}, and one
 * lock per file within this JVM, because OS locks do not exclude threads of one process. Before
 * each append a writer records in the lock file where the append starts, how long it is and the
 * bytes before it, and syncs that record. An unterminated last line (or an unfinished multi-line
 * append) found later under the lock then provably comes from an interrupted Passoff append when it
 * starts where that record says, fits in its length, and follows the same bytes; only then is it
 * cut off.
 */
final class LogFile {
  /** Receives the complete lines read, in file order. */
  interface LineSink {
    /** Everything passed on so far is void: the file is read again from its start. */
    void reset();

    /**
     * One complete line, without its line feed (nor a carriage return before it).
     *
     * @param number the line's number, from 1
     * @param offset where the line starts in the file
     */
    void line(long number, long offset, byte[] bytes, int from, int length);
  }

  /** Work done while holding the writers' lock. */
  @FunctionalInterface
  interface LockedWork<T> {
    T run() throws IOException;
  }

  private static final int FINGERPRINT = 64;
  private static final int CHUNK = 64 * 1024;
  private static final String INTENT = "append";

  /** OS locks belong to the whole process, so threads of this JVM queue here first. */
  private static final ConcurrentMap<Path, ReentrantLock> HELD_IN_THIS_JVM =
      new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final Duration lockWait;

  private boolean seen;
  private long offset;
  private long lines;
  private long end;
  private long statSize = -1;
  private @Nullable Object fileKey;
  private @Nullable FileTime modified;
  private byte[] fingerprint = new byte[0];

  private @Nullable FileChannel lockChannel;
  private @Nullable Path lockKey;

  LogFile(Path file, Duration lockWait) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    this.lockWait = lockWait;
  }

  Path file() {
    return file;
  }

  Path lockFile() {
    return lockFile;
  }

  /** Whether the file existed at the last look. */
  boolean exists() {
    return seen;
  }

  /** Where the last complete line read ends. */
  long offset() {
    return offset;
  }

  /** How many complete lines have been read. */
  long lines() {
    return lines;
  }

  /** How many bytes the last look covered, complete lines and an unterminated tail. */
  long bytes() {
    return end;
  }

  /** The length of the unterminated tail found at the last look, or 0. */
  long tailLength() {
    return end - offset;
  }

  /** Forgets what was read, so that the next look reads the whole file. */
  void forget() {
    seen = false;
    offset = 0;
    lines = 0;
    end = 0;
    statSize = -1;
    fileKey = null;
    modified = null;
    fingerprint = new byte[0];
  }

  /** Passes on the complete lines appended since the last look. */
  void catchUp(LineSink sink) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (seen || offset > 0) {
        // Deleted (or moved away): the log is empty now.
        sink.reset();
        forget();
      }
      return;
    }
    if (attributes.isDirectory()) {
      throw new FileSystemException(file.toString(), null, "is a folder, not a handoff log");
    }
    Object key = attributes.fileKey();
    long size = attributes.size();
    FileTime time = attributes.lastModifiedTime();
    if (seen && Objects.equals(key, fileKey) && size == statSize && time.equals(modified)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      boolean replaced =
          seen && (!Objects.equals(key, fileKey) || size < offset || !sameBytesBefore(channel));
      if (replaced) {
        sink.reset();
        forget();
      }
      read(channel, size, sink);
      fingerprint = bytesBefore(channel, offset);
    }
    seen = true;
    fileKey = key;
    statSize = size;
    modified = time;
  }

  private boolean sameBytesBefore(FileChannel channel) throws IOException {
    return Arrays.equals(bytesBefore(channel, offset), fingerprint);
  }

  /** Up to {@value #FINGERPRINT} bytes that end at {@code at}. */
  private static byte[] bytesBefore(FileChannel channel, long at) throws IOException {
    int length = (int) Math.min(FINGERPRINT, at);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    long position = at - length;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        break;
      }
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /** Reads from {@link #offset} up to {@code size}, passing on each complete line. */
  private void read(FileChannel channel, long size, LineSink sink) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, size - offset)));
    byte[] carry = new byte[0];
    int carried = 0;
    long position = offset;
    while (position < size) {
      chunk.clear();
      chunk.limit((int) Math.min(chunk.capacity(), size - position));
      int n = channel.read(chunk, position);
      if (n <= 0) {
        break; // shortened while reading: the next look sees the new size
      }
      byte[] a = chunk.array();
      int segment = 0;
      for (int i = 0; i < n; i++) {
        if (a[i] != '\n') {
          continue;
        }
        long lineStart = position + segment - carried;
        if (carried == 0) {
          deliver(sink, lineStart, a, segment, i - segment);
        } else {
          carry = append(carry, carried, a, segment, i - segment);
          deliver(sink, lineStart, carry, 0, carried + i - segment);
          carried = 0;
        }
        segment = i + 1;
        offset = position + i + 1;
      }
      carry = append(carry, carried, a, segment, n - segment);
      carried += n - segment;
      position += n;
    }
    end = position;
  }

  private void deliver(LineSink sink, long lineStart, byte[] bytes, int from, int length) {
    lines++;
    int start = from;
    int count = length;
    if (lineStart == 0
        && count >= 3
        && bytes[start] == (byte) 0xEF
        && bytes[start + 1] == (byte) 0xBB
        && bytes[start + 2] == (byte) 0xBF) {
      // A byte order mark that an editor added; Passoff never writes one.
      start += 3;
      count -= 3;
    }
    if (count > 0 && bytes[start + count - 1] == '\r') {
      count--; // a CRLF line end, e.g. from a checkout with core.autocrlf
    }
    sink.line(lines, lineStart, bytes, start, count);
  }

  private static byte[] append(byte[] carry, int carried, byte[] a, int from, int length) {
    byte[] out = carry;
    if (carried + length > out.length) {
      out = Arrays.copyOf(out, Math.max(carried + length, out.length * 2));
    }
    System.arraycopy(a, from, out, carried, length);
    return out;
  }

  // --- writing ---

  /**
   * Runs {@code work} holding this JVM's lock for the file and the OS lock on the lock file,
   * creating missing folders ({@code 0700}) and the lock file ({@code 0600}) first.
   *
   * @throws StoreUnavailableException when the locks cannot be had within the wait limit
   */
  <T> T locked(LockedWork<T> work) throws IOException {
    OwnerOnly.createParents(file);
    ReentrantLock inJvm = HELD_IN_THIS_JVM.computeIfAbsent(lockKey(), k -> new ReentrantLock());
    long deadline = System.nanoTime() + lockWait.toNanos();
    try {
      if (!inJvm.tryLock(lockWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("Interrupted while waiting to write to " + file, e);
    }
    try (FileChannel channel =
        FileChannel.open(
            lockFile,
            EnumSet.of(
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
            OwnerOnly.fileAttributes(lockFile))) {
      FileLock lock = acquire(channel, deadline);
      try {
        lockChannel = channel;
        return work.run();
      } finally {
        lockChannel = null;
        lock.release();
      }
    } finally {
      inJvm.unlock();
    }
  }

  /** The lock file's path with its folder's links resolved, so that aliases share one lock. */
  private Path lockKey() throws IOException {
    Path key = lockKey;
    if (key == null) {
      Path parent = lockFile.toAbsolutePath().getParent();
      Path name = lockFile.getFileName();
      key = parent == null || name == null ? lockFile : parent.toRealPath().resolve(name);
      lockKey = key;
    }
    return key;
  }

  private FileLock acquire(FileChannel channel, long deadline) throws IOException {
    long pause = 1;
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held through another channel of this JVM, outside any store
      }
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw busy();
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("Interrupted while waiting to write to " + file, e);
      }
      pause = Math.min(pause * 2, 50);
    }
  }

  private StoreUnavailableException busy() {
    return new StoreUnavailableException(
        "The handoff log "
            + file
            + " is locked by another writer for more than "
            + lockWait.toMillis()
            + " ms; retry");
  }

  private FileChannel requireLocked() {
    FileChannel channel = lockChannel;
    if (channel == null) {
      throw new IllegalStateException("not holding the lock of " + file);
    }
    return channel;
  }

  /**
   * Appends {@code bytes} (whole lines) in one write and syncs them, after recording the append in
   * the lock file. Call under {@link #locked} right after {@link #catchUp}, with no unterminated
   * tail left.
   */
  void append(byte[] bytes) throws IOException {
    FileChannel channel = requireLocked();
    if (tailLength() != 0) {
      throw new IllegalStateException("the log ends with an unterminated line");
    }
    writeIntent(channel, offset, bytes.length, fingerprint);
    boolean created = !Files.exists(file);
    try (FileChannel out =
        FileChannel.open(
            file,
            EnumSet.of(
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
            OwnerOnly.fileAttributes(file))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(false);
    }
    if (created) {
      OwnerOnly.syncFolder(file.toAbsolutePath().getParent());
    }
  }

  private record Intent(long offset, long length, byte[] before) {}

  private static void writeIntent(FileChannel channel, long at, int length, byte[] before)
      throws IOException {
    String text =
        INTENT
            + " "
            + at
            + " "
            + length
            + " "
            + (before.length == 0 ? "-" : HexFormat.of().formatHex(before))
            + "\n";
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    long position = 0;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
    channel.truncate(position);
    channel.force(false);
  }

  private static @Nullable Intent readIntent(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size > 1024) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
      // read it all
    }
    String[] parts =
        new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII)
            .strip()
            .split(" ");
    if (parts.length != 4 || !parts[0].equals(INTENT)) {
      return null;
    }
    try {
      byte[] before = parts[3].equals("-") ? new byte[0] : HexFormat.of().parseHex(parts[3]);
      return new Intent(Long.parseLong(parts[1]), Long.parseLong(parts[2]), before);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Cuts the file back to {@code start} when everything from there on is what remains of an
   * interrupted Passoff append (see the class comment). Call under {@link #locked}; afterwards read
   * the file again from its start.
   *
   * @return whether the file was cut
   */
  boolean truncateInterruptedAppend(long start) throws IOException {
    Intent intent = readIntent(requireLocked());
    if (intent == null || intent.offset() != start) {
      return false;
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size <= start || size > intent.offset() + intent.length()) {
        return false;
      }
      if (!Arrays.equals(bytesBefore(channel, start), intent.before())) {
        return false;
      }
      channel.truncate(start);
      channel.force(false);
    }
    return true;
  }
}
