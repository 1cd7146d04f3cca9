package dev.passoff.mcp;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Splits a character stream into lines ending in {@code \n} (a preceding {@code \r} is dropped),
 * with a cap on line length so that one endless line cannot exhaust the heap. A final line without
 * a line end still counts.
 */
final class LineReader {
  /** One line, or the marker for a line that was longer than the cap and was skipped. */
  record Line(String text, boolean oversized) {}

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[64 * 1024];
  private int pos;
  private int limit;

  LineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line, or {@code null} at the end of the stream. Blocks until a line is complete. */
  @Nullable Line next() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean oversized = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          return finish(line, oversized);
        }
      }
      any = true;
      int end = pos;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      if (!oversized) {
        if (line.length() + (end - pos) > maxChars + 1) {
          // Keep reading to the line end, but stop keeping what is read.
          oversized = true;
          line.setLength(0);
        } else {
          line.append(buffer, pos, end - pos);
        }
      }
      if (end < limit) {
        pos = end + 1;
        return finish(line, oversized);
      }
      pos = limit;
    }
  }

  private Line finish(StringBuilder line, boolean oversized) {
    int n = line.length();
    if (n > 0 && line.charAt(n - 1) == '\r') {
      line.setLength(n - 1);
    }
    if (oversized || line.length() > maxChars) {
      return new Line("", true);
    }
    return new Line(line.toString(), false);
  }
}
