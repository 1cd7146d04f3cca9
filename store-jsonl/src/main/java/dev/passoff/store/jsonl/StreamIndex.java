package dev.passoff.store.jsonl;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.MessageType;
import dev.passoff.core.model.mailbox.Side;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * An index of one JSONL stream file: for every non-blank LF-terminated line its byte offset,
 * length, line number, seq, type, {@code reply_to} and {@code thread}, plus what is wrong with it.
 * It is a cache: validated against the file's identity, its size and a hash of the last 4 KiB it
 * covers, extended by reading only the bytes appended since, and rebuilt in one streaming pass when
 * the file shrank or was replaced. Deleting it changes speed, never results.
 */
final class StreamIndex {
  /** Flags of a line. */
  static final int BAD_JSON = 1;

  static final int NOT_OBJECT = 1 << 1;
  static final int BAD_ID = 1 << 2;
  static final int WRONG_SIDE = 1 << 3;
  static final int INVALID_UTF8 = 1 << 4;
  static final int DUPLICATE = 1 << 5;
  static final int BOM = 1 << 6;
  static final int TOO_LONG = 1 << 7;

  /** Lines without a usable id. */
  static final int UNUSABLE = BAD_JSON | NOT_OBJECT | BAD_ID | TOO_LONG;

  /** The longest line read; longer ones are reported and skipped. */
  static final int MAX_LINE = 64 << 20;

  private static final int MAGIC = 0x50534931; // "PSI1"
  private static final int TAIL_HASH_BYTES = 4096;
  private static final int TYPE_UNKNOWN = 15;

  private final Side writer;
  private String fileKey = "";
  private long covered;
  private long tailHash;
  private long maxSeq;
  private boolean ascending = true;
  private int lines; // physical lines covered, blank ones included
  private int count;
  private long lastUsableSeq = -1;

  /**
   * The rows loaded from the cache file, mapped read-only, so that a one-shot command touches only
   * the pages it reads; {@link #rows} holds the rows added after them. The file is never rewritten
   * in place under a mapping: appends go past its end, and a rebuild replaces the file by rename.
   */
  private @Nullable LongBuffer base;

  /** How many longs {@link #base} holds. */
  private int baseLongs;

  /**
   * The rows after the mapped ones, six longs a line: seq, offset, length << 32 | line number,
   * flags << 8 | type, reply, thread.
   */
  private long[] rows = new long[STRIDE * 64];

  /** How many rows the cache file holds, as far as this instance knows. */
  private int persisted;

  private static final int STRIDE = 6;
  private static final int SAVE_EVERY = 256;
  private static final int HEADER = 128;
  private static final int CHUNK_LONGS = 8192;

  StreamIndex(Side writer) {
    this.writer = writer;
  }

  Side writer() {
    return writer;
  }

  int count() {
    return count;
  }

  long seq(int i) {
    return at(i * STRIDE);
  }

  long offset(int i) {
    return at(i * STRIDE + 1);
  }

  int length(int i) {
    return (int) (at(i * STRIDE + 2) >>> 32);
  }

  int lineNo(int i) {
    return (int) at(i * STRIDE + 2);
  }

  int flags(int i) {
    return (int) (at(i * STRIDE + 3) >>> 8);
  }

  long reply(int i) {
    return at(i * STRIDE + 4);
  }

  long thread(int i) {
    return at(i * STRIDE + 5);
  }

  /** The type of line {@code i}, or {@code null} for an unknown one. */
  @Nullable MessageType type(int i) {
    int t = (int) (at(i * STRIDE + 3) & 0xff);
    return t == TYPE_UNKNOWN ? null : MessageType.values()[t];
  }

  /** Long {@code index} of the row table, from the mapped rows or the ones added since. */
  private long at(int index) {
    LongBuffer mapped = base;
    return index < baseLongs && mapped != null ? mapped.get(index) : rows[index - baseLongs];
  }

  long maxSeq() {
    return maxSeq;
  }

  long covered() {
    return covered;
  }

  /** Whether the seqs of usable lines strictly increase in file order. */
  boolean ascending() {
    return ascending;
  }

  /** Packs an id into one long: the side in bit 62, the seq below. */
  static long key(Side side, long seq) {
    return (side == Side.CODEX ? 1L << 62 : 0L) | (seq & ((1L << 62) - 1));
  }

  static long key(@Nullable String id) {
    if (id == null) {
      return -1;
    }
    return MessageId.read(id).map(m -> key(m.side(), m.seq())).orElse(-1L);
  }

  // ------------------------------------------------------------------------------------------
  // validation and extension

  /** Whether this index still describes a prefix of {@code file}. */
  boolean matches(Path file, FileChannel channel, BasicFileAttributes attributes)
      throws IOException {
    if (!identity(attributes).equals(fileKey) || channel.size() < covered) {
      return false;
    }
    return tailHash(channel, covered) == tailHash;
  }

  /** Indexes the lines appended since the last call; whether anything changed. */
  boolean extend(FileChannel channel, BasicFileAttributes attributes) throws IOException {
    fileKey = identity(attributes);
    long size = channel.size();
    if (size <= covered) {
      return false;
    }
    long start = covered;
    long end = lastNewline(channel, start, size);
    if (end < 0) {
      return false; // only an unterminated line so far
    }
    scan(channel, start, end + 1);
    covered = end + 1;
    tailHash = tailHash(channel, covered);
    return true;
  }

  /** Offset of the last LF in [from, to), or -1. */
  private static long lastNewline(FileChannel channel, long from, long to) throws IOException {
    long pos = to;
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (pos > from) {
      int n = (int) Math.min(buffer.capacity(), pos - from);
      buffer.clear().limit(n);
      readFully(channel, buffer, pos - n);
      for (int i = n - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return pos - n + i;
        }
      }
      pos -= n;
    }
    return -1;
  }

  private void scan(FileChannel channel, long from, long to) throws IOException {
    final int chunk = 1 << 20;
    byte[] carry = new byte[0];
    long carryStart = from;
    long pos = from;
    boolean skipping = false; // inside a line longer than MAX_LINE
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunk, to - from));
    while (pos < to) {
      int n = (int) Math.min(chunk, to - pos);
      buffer.clear().limit(n);
      readFully(channel, buffer, pos);
      byte[] data = buffer.array();
      int lineStart = 0;
      for (int i = 0; i < n; i++) {
        if (data[i] != '\n') {
          continue;
        }
        long lineOffset;
        if (carry.length > 0 || skipping) {
          lineOffset = carryStart;
          if (skipping) {
            addTooLong(lineOffset, (int) Math.min(Integer.MAX_VALUE, pos + i - lineOffset));
          } else {
            byte[] whole = Arrays.copyOf(carry, carry.length + i);
            System.arraycopy(data, 0, whole, carry.length, i);
            line(whole, 0, whole.length, lineOffset);
          }
          carry = new byte[0];
          skipping = false;
        } else {
          lineOffset = pos + lineStart;
          line(data, lineStart, i - lineStart, lineOffset);
        }
        lineStart = i + 1;
        carryStart = pos + lineStart;
      }
      if (lineStart < n && !skipping) {
        int rest = n - lineStart;
        if ((long) carry.length + rest > MAX_LINE) {
          skipping = true;
          carry = new byte[0];
        } else {
          byte[] grown = Arrays.copyOf(carry, carry.length + rest);
          System.arraycopy(data, lineStart, grown, carry.length, rest);
          carry = grown;
        }
      }
      pos += n;
    }
  }

  private void addTooLong(long lineOffset, int len) {
    lines++;
    add(-1, lineOffset, len, TOO_LONG, TYPE_UNKNOWN, -1, -1);
  }

  /** Indexes one physical line (without its LF). */
  private void line(byte[] data, int from, int len, long lineOffset) {
    lines++;
    int flag = 0;
    int start = from;
    int end = from + len;
    if (lineOffset == 0
        && len >= 3
        && (data[from] & 0xff) == 0xEF
        && (data[from + 1] & 0xff) == 0xBB
        && (data[from + 2] & 0xff) == 0xBF) {
      flag |= BOM;
      start += 3;
    }
    if (end > start && data[end - 1] == '\r') {
      end--;
    }
    if (blank(data, start, end)) {
      return;
    }
    Parsed parsed = parse(data, start, end - start, writer);
    flag |= parsed.flags;
    if ((flag & UNUSABLE) == 0) {
      maxSeq = Math.max(maxSeq, parsed.seq);
      if ((flag & WRONG_SIDE) == 0) {
        if (lastUsableSeq >= 0 && parsed.seq <= lastUsableSeq) {
          ascending = false;
          if (contains(parsed.seq)) {
            flag |= DUPLICATE;
          }
        }
        lastUsableSeq = Math.max(lastUsableSeq, parsed.seq);
      }
    }
    add(parsed.seq, lineOffset, len, flag, parsed.type, parsed.reply, parsed.thread);
  }

  private boolean contains(long s) {
    for (int i = 0; i < count; i++) {
      if (seq(i) == s && (flags(i) & (UNUSABLE | WRONG_SIDE | INVALID_UTF8)) == 0) {
        return true;
      }
    }
    return false;
  }

  private void add(long s, long off, int len, int flag, int t, long r, long th) {
    int slot = count * STRIDE - baseLongs;
    if (slot + STRIDE > rows.length) {
      rows = Arrays.copyOf(rows, rows.length + Math.max(rows.length >> 1, STRIDE * 64));
    }
    rows[slot] = s;
    rows[slot + 1] = off;
    rows[slot + 2] = ((long) len << 32) | (lines & 0xffffffffL);
    rows[slot + 3] = ((long) flag << 8) | (t & 0xff);
    rows[slot + 4] = r;
    rows[slot + 5] = th;
    count++;
  }

  private static boolean blank(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != 0x0b && b != 0x0c) {
        return false;
      }
    }
    return true;
  }

  /** What one line holds, as far as the index cares. */
  record Parsed(
      int flags,
      long seq,
      int type,
      long reply,
      long thread,
      @Nullable Map<String, @Nullable Object> object,
      @Nullable MessageId id) {}

  /** Decodes and parses one line (BOM and CR already removed). */
  static Parsed parse(byte[] data, int from, int len, Side writer) {
    int flag = 0;
    String text;
    try {
      text = strictDecoder().decode(ByteBuffer.wrap(data, from, len)).toString();
    } catch (CharacterCodingException e) {
      flag |= INVALID_UTF8;
      text = new String(data, from, len, StandardCharsets.UTF_8);
    }
    Object value;
    try {
      value = Json.parse(text);
    } catch (IllegalArgumentException e) {
      return new Parsed(flag | BAD_JSON, -1, TYPE_UNKNOWN, -1, -1, null, null);
    }
    if (!(value instanceof Map<?, ?> raw)) {
      return new Parsed(flag | NOT_OBJECT, -1, TYPE_UNKNOWN, -1, -1, null, null);
    }
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> object = (Map<String, @Nullable Object>) raw;
    MessageId id = object.get("id") instanceof String s ? MessageId.read(s).orElse(null) : null;
    if (id == null) {
      return new Parsed(flag | BAD_ID, -1, TYPE_UNKNOWN, -1, -1, object, null);
    }
    if (id.side() != writer) {
      flag |= WRONG_SIDE;
    }
    int t =
        object.get("type") instanceof String s
            ? MessageType.find(s).map(Enum::ordinal).orElse(TYPE_UNKNOWN)
            : TYPE_UNKNOWN;
    long r = -1;
    if (object.get("refs") instanceof Map<?, ?> refs && refs.get("reply_to") instanceof String rt) {
      r = key(rt);
    }
    long th = object.get("thread") instanceof String s ? key(s) : -1;
    return new Parsed(flag, id.seq(), t, r, th, object, id);
  }

  private static final ThreadLocal<CharsetDecoder> DECODER =
      ThreadLocal.withInitial(
          () ->
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));

  /** A strict UTF-8 decoder of this thread, reset for a new input. */
  static CharsetDecoder strictDecoder() {
    return DECODER.get().reset();
  }

  static String decodeStrictOrNull(byte[] data, int from, int len) {
    try {
      CharBuffer chars = strictDecoder().decode(ByteBuffer.wrap(data, from, len));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------------------------------
  // lookups

  private static final int[] NO_ROWS = new int[0];

  /** After this many lookups of one kind, a hash index is built; before, rows are scanned. */
  private static final int SCANS_BEFORE_INDEX = 4;

  private final KeyLookup replies = new KeyLookup(4);
  private final KeyLookup threads = new KeyLookup(5);

  /** The rows whose {@code refs.reply_to} is {@code key}, in file order. */
  int[] rowsReplyingTo(long key) {
    return replies.rows(key);
  }

  /** The rows whose {@code thread} is {@code key}, in file order. */
  int[] rowsInThread(long key) {
    return threads.rows(key);
  }

  /**
   * Finds the rows holding a key in one column: a scan of the column for the first few lookups (a
   * one-shot command needs one or two), then a hash index kept up to date as rows are added, so a
   * poll over many messages costs O(1) per message.
   */
  private final class KeyLookup {
    private final int column;
    private int scans;
    private java.util.@Nullable HashMap<Long, int[]> index;
    private int indexed;

    KeyLookup(int column) {
      this.column = column;
    }

    int[] rows(long key) {
      if (index == null && ++scans <= SCANS_BEFORE_INDEX) {
        int[] found = NO_ROWS;
        for (int i = 0; i < count; i++) {
          if (at(i * STRIDE + column) == key) {
            found = Arrays.copyOf(found, found.length + 1);
            found[found.length - 1] = i;
          }
        }
        return found;
      }
      if (index == null) {
        index = new java.util.HashMap<>();
        indexed = 0;
      }
      for (; indexed < count; indexed++) {
        long k = at(indexed * STRIDE + column);
        if (k >= 0) {
          int[] old = index.getOrDefault(k, NO_ROWS);
          int[] grown = Arrays.copyOf(old, old.length + 1);
          grown[old.length] = indexed;
          index.put(k, grown);
        }
      }
      return index.getOrDefault(key, NO_ROWS);
    }
  }

  /** The first index of a usable line with seq greater than {@code after} (ascending files). */
  int firstAfter(long after) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      // Unusable lines carry seq -1 and sort as "before"; scanning forward fixes them up.
      long s = seqAtOrBefore(mid);
      if (s <= after) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    // Step back over unusable lines that sit between the last seq <= after and the first > after.
    while (lo > 0 && seq(lo - 1) < 0) {
      lo--;
    }
    return lo;
  }

  /** The seq of the nearest usable, own-side line at or before {@code i}, or -1. */
  private long seqAtOrBefore(int i) {
    for (int j = i; j >= 0; j--) {
      if (seq(j) >= 0 && (flags(j) & WRONG_SIDE) == 0) {
        return seq(j);
      }
    }
    return -1;
  }

  /** The position of the first usable own-side line with this seq, or -1. */
  int find(long s) {
    if (ascending) {
      int i = firstAfter(s - 1);
      for (; i < count; i++) {
        if (usable(i)) {
          return seq(i) == s ? i : -1;
        }
      }
      return -1;
    }
    for (int i = 0; i < count; i++) {
      if (seq(i) == s && usable(i)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether consumers read line {@code i}: a valid own-side message, first of its id. */
  boolean usable(int i) {
    return (flags(i) & (UNUSABLE | WRONG_SIDE | INVALID_UTF8 | DUPLICATE)) == 0;
  }

  // ------------------------------------------------------------------------------------------
  // persistence

  /** Loads an index saved by {@link #save}; {@code null} when missing or unreadable. */
  static @Nullable StreamIndex load(Path cache, Side writer) {
    try (FileChannel ch = FileChannel.open(cache, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < HEADER || size > Integer.MAX_VALUE) {
        return null;
      }
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      readFully(ch, header, 0);
      StreamIndex idx = new StreamIndex(writer);
      int n = idx.readHeader(header);
      if (n < 0 || HEADER + (long) n * STRIDE * 8 > size) {
        return null;
      }
      if (n > 0) {
        idx.base =
            ch.map(FileChannel.MapMode.READ_ONLY, HEADER, (long) n * STRIDE * 8).asLongBuffer();
        idx.baseLongs = n * STRIDE;
      }
      idx.count = n;
      idx.persisted = n;
      return idx;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Parses the header into this instance; returns the row count, or -1 if it is not ours. */
  private int readHeader(ByteBuffer h) {
    if (h.getInt(0) != MAGIC) {
      return -1;
    }
    covered = h.getLong(4);
    tailHash = h.getLong(12);
    maxSeq = h.getLong(20);
    ascending = h.get(28) != 0;
    lines = h.getInt(29);
    lastUsableSeq = h.getLong(33);
    int n = h.getInt(41);
    int keyLength = h.getShort(45);
    if (keyLength < 0 || keyLength > HEADER - 47) {
      return -1;
    }
    byte[] key = new byte[keyLength];
    h.get(47, key);
    fileKey = new String(key, StandardCharsets.UTF_8);
    return n;
  }

  private ByteBuffer header() {
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    byte[] key = fileKey.getBytes(StandardCharsets.UTF_8);
    int keyLength = Math.min(key.length, HEADER - 47);
    h.putInt(0, MAGIC);
    h.putLong(4, covered);
    h.putLong(12, tailHash);
    h.putLong(20, maxSeq);
    h.put(28, (byte) (ascending ? 1 : 0));
    h.putInt(29, lines);
    h.putLong(33, lastUsableSeq);
    h.putInt(41, count);
    h.putShort(45, (short) keyLength);
    h.put(47, key, 0, keyLength);
    return h;
  }

  /**
   * Brings the cache file up to date: appends the rows it lacks and rewrites the header, or
   * rewrites it whole when it describes another file. Serialised between processes with an OS lock
   * on the cache file. Failures only cost speed.
   */
  void save(Path cache) {
    // A few unsaved rows cost the next process a short re-scan; saving after every append would
    // cost every append a write of the cache.
    if (persisted > 0 && count - persisted < SAVE_EVERY) {
      return;
    }
    if (persisted == count && count > 0) {
      return;
    }
    try {
      FileOps.createDirectories(cache.getParent());
      try (FileChannel ch =
              FileChannel.open(
                  cache,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE);
          java.nio.channels.FileLock lock = ch.lock()) {
        int from = 0;
        if (ch.size() >= HEADER) {
          ByteBuffer h = ByteBuffer.allocate(HEADER);
          readFully(ch, h, 0);
          StreamIndex other = new StreamIndex(writer);
          int n = other.readHeader(h);
          if (n >= 0
              && n == persisted
              && other.fileKey.equals(fileKey)
              && other.covered <= covered
              && n <= count
              && ch.size() >= HEADER + (long) n * STRIDE * 8) {
            from = n; // a prefix of ours: append the rest
          }
        }
        if (from == 0) {
          // Another index, or none: write a new file and rename it over, never rewriting rows
          // that another process may have mapped.
          replace(cache);
        } else {
          writeRows(ch, from);
          writeFully(ch, header(), 0);
        }
        persisted = count;
      }
    } catch (IOException | RuntimeException e) {
      // A cache that cannot be written is rebuilt next time.
    }
  }

  /** Writes a complete cache file beside {@code cache} and renames it over. */
  private void replace(Path cache) throws IOException {
    Path temp = cache.resolveSibling(cache.getFileName() + ".tmp-" + FileOps.randomHex(8));
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeRows(out, 0);
        writeFully(out, header(), 0);
      }
      java.nio.file.Files.move(
          temp,
          cache,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      java.nio.file.Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes rows {@code from} to the end at their places in a cache file, through a small buffer.
   */
  private void writeRows(FileChannel ch, int from) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_LONGS * 8);
    long position = HEADER + (long) from * STRIDE * 8;
    for (int done = from * STRIDE; done < count * STRIDE; ) {
      int longs = Math.min(CHUNK_LONGS, count * STRIDE - done);
      chunk.clear();
      for (int k = 0; k < longs; k++) {
        chunk.putLong(at(done + k));
      }
      chunk.flip();
      writeFully(ch, chunk, position);
      done += longs;
      position += longs * 8L;
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer buffer, long position)
      throws IOException {
    long pos = position;
    while (buffer.hasRemaining()) {
      pos += ch.write(buffer, pos);
    }
  }

  static String identity(BasicFileAttributes attributes) {
    Object key = attributes.fileKey();
    return key != null ? key.toString() : "created:" + attributes.creationTime().toMillis();
  }

  private static long tailHash(FileChannel channel, long end) throws IOException {
    int n = (int) Math.min(TAIL_HASH_BYTES, end);
    ByteBuffer buffer = ByteBuffer.allocate(n);
    readFully(channel, buffer, end - n);
    CRC32C crc = new CRC32C();
    crc.update(buffer.array(), 0, n);
    return crc.getValue() ^ ((long) n << 32);
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long pos = position;
    while (buffer.hasRemaining()) {
      int r = channel.read(buffer, pos);
      if (r < 0) {
        throw new java.io.EOFException("file shrank while reading at " + pos);
      }
      pos += r;
    }
    buffer.flip();
  }
}
