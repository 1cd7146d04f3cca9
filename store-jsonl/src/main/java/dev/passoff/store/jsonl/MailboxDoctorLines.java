package dev.passoff.store.jsonl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Streams the LF-separated lines of a byte range of a file with bounded memory: one read buffer
 * plus the current line, which is kept only up to a limit. Longer lines are still counted, with
 * their offset and length, so callers can report or copy them from the file. Shared by the doctor,
 * the archiver and the repairer, which all split on LF only (never on U+2028, U+2029 or U+0085).
 */
final class MailboxDoctorLines {
  private static final int CHUNK = 1 << 16;

  private final FileChannel channel;
  private final long end;
  private final int maxLine;
  private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);

  /** File position of {@code buffer[0]}. */
  private long bufferStart;

  private int pos;
  private int limit;

  private byte[] line = new byte[1024];
  private int kept;
  private long length;
  private long offset;
  private int lineNo;
  private boolean terminated;
  private boolean tooLong;

  /**
   * Lines of {@code channel} in {@code [0, end)}.
   *
   * @param maxLine lines longer than this many bytes are counted but not kept
   */
  MailboxDoctorLines(FileChannel channel, long end, int maxLine) {
    this.channel = channel;
    this.end = end;
    this.maxLine = maxLine;
  }

  /** Moves to the next line; {@code false} at the end of the range. */
  boolean next() throws IOException {
    offset = bufferStart + pos;
    if (offset >= end) {
      return false;
    }
    kept = 0;
    length = 0;
    tooLong = false;
    terminated = false;
    lineNo++;
    if (line.length > 64 * 1024) {
      line = new byte[1024]; // do not keep one huge line's buffer for the rest of the file
    }
    while (true) {
      if (pos >= limit && !fill()) {
        return true; // the range ends inside an unterminated line
      }
      byte[] data = buffer.array();
      int newline = -1;
      for (int i = pos; i < limit; i++) {
        if (data[i] == '\n') {
          newline = i;
          break;
        }
      }
      int stop = newline >= 0 ? newline : limit;
      append(data, pos, stop - pos);
      if (newline >= 0) {
        pos = newline + 1;
        terminated = true;
        return true;
      }
      pos = limit;
    }
  }

  private boolean fill() throws IOException {
    bufferStart += limit;
    pos = 0;
    limit = 0;
    long remaining = end - bufferStart;
    if (remaining <= 0) {
      return false;
    }
    buffer.clear().limit((int) Math.min(CHUNK, remaining));
    while (buffer.hasRemaining()) {
      int r = channel.read(buffer, bufferStart + buffer.position());
      if (r < 0) {
        throw new java.io.EOFException("the file shrank while it was read");
      }
    }
    limit = buffer.position();
    return true;
  }

  private void append(byte[] data, int from, int n) {
    length += n;
    if (tooLong) {
      return;
    }
    if ((long) kept + n > maxLine) {
      tooLong = true;
      kept = 0;
      line = new byte[1024];
      return;
    }
    if (kept + n > line.length) {
      line = Arrays.copyOf(line, Math.max(kept + n, line.length * 2));
    }
    System.arraycopy(data, from, line, kept, n);
    kept += n;
  }

  /** The current line's bytes, without its LF; valid up to {@link #kept()} unless too long. */
  byte[] bytes() {
    return line;
  }

  /** How many bytes of {@link #bytes()} belong to the line (0 when it is too long). */
  int kept() {
    return kept;
  }

  /** The line's length in bytes, without its LF. */
  long length() {
    return length;
  }

  /** The file offset of the line's first byte. */
  long offset() {
    return offset;
  }

  /** The 1-based line number. */
  int lineNo() {
    return lineNo;
  }

  /** Whether an LF ends the line. */
  boolean terminated() {
    return terminated;
  }

  /** Whether the line is longer than the limit, so its bytes were not kept. */
  boolean tooLong() {
    return tooLong;
  }

  /** Whether the line holds only spaces, tabs and CRs (or nothing). */
  boolean blank() {
    if (tooLong) {
      return false;
    }
    for (int i = 0; i < kept; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != 0x0b && b != 0x0c) {
        return false;
      }
    }
    return true;
  }

  /** Whether the kept line starts with a UTF-8 BOM (only meaningful at offset 0). */
  boolean bom() {
    return offset == 0 && kept >= 3 && startsWithBom(line);
  }

  static boolean startsWithBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
  }
}
