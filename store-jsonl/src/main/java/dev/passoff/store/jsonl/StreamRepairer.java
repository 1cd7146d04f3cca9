package dev.passoff.store.jsonl;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.HandoffException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.RepairReport.StreamRepair;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxTimes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code repair}: rewrites a stream under its writer's send lock after saving the original in
 * {@code archive/}. It strips a leading BOM, ends a complete last line with LF or cuts a torn one
 * off (saving its bytes), splits objects glued onto one line when each parses with a valid id, and
 * escapes raw U+0085, U+2028 and U+2029 inside lines without changing their JSON value. Every other
 * line is copied byte for byte; a healthy stream is not touched at all.
 */
final class StreamRepairer {
  /** How often a stream that changes under us (a writer that skipped the lock) is re-read. */
  static final int ATTEMPTS = 4;

  private static final byte[] LF = {'\n'};

  private final RuntimeLayout layout;
  private final Clock clock;
  private final String tool;
  private StreamArchiver.Hook hook = (writer, attempt) -> {};

  StreamRepairer(RuntimeLayout layout, Clock clock, String tool) {
    this.layout = layout;
    this.clock = clock;
    this.tool = tool;
  }

  /** Test seam: runs after the new stream and the backup are written, before the replace. */
  void beforeReplace(StreamArchiver.Hook hook) {
    this.hook = hook;
  }

  RepairReport repair(@Nullable Side writer, boolean dryRun, Duration lockTimeout) {
    List<StreamRepair> out = new ArrayList<>();
    for (Side w : writer == null ? List.of(Side.CLAUDE, Side.CODEX) : List.of(writer)) {
      out.add(repairOne(w, dryRun, lockTimeout));
    }
    return new RepairReport(out, dryRun);
  }

  private StreamRepair repairOne(Side writer, boolean dryRun, Duration lockTimeout) {
    Path stream = layout.stream(writer);
    if (!Files.exists(stream)) {
      return new StreamRepair(writer, writer.outboxFile(), List.of(), null);
    }
    try {
      if (dryRun) {
        StreamRepair r = attempt(writer, true, 1);
        if (r == null) {
          throw new IllegalStateException("a dry run never retries");
        }
        return r;
      }
      try (RuntimeLock lock =
          RuntimeLock.acquire(
              layout.sendLock(writer), writer.wire(), lockTimeout, tool, clock, "send lock")) {
        // A read-only pass first, so a healthy stream is never touched, not even by a temp file.
        StreamRepair check = attempt(writer, true, 0);
        if (check != null && check.changes().isEmpty()) {
          return check;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
          StreamRepair r = attempt(writer, false, attempt);
          if (r != null) {
            return r;
          }
        }
      }
      throw new ConflictException(
          writer.outboxFile()
              + " kept changing while it was repaired (a writer that skips the send lock?);"
              + " nothing was changed; try again");
    } catch (HandoffException e) {
      throw e;
    } catch (IOException e) {
      throw FileOps.unavailable("repair " + stream, e);
    }
  }

  /** What one line becomes. */
  private record Fixed(List<byte[]> lines, @Nullable String change, boolean complete) {}

  /**
   * One read-and-rewrite of the stream; {@code null} when the stream changed meanwhile and was left
   * alone.
   */
  private @Nullable StreamRepair attempt(Side writer, boolean dryRun, int attempt)
      throws IOException {
    Path stream = layout.stream(writer);
    String name = writer.outboxFile();
    String stamp = MailboxTimes.compact(clock.instant());
    StreamArchiverFiles.Identity before;
    try {
      before = StreamArchiverFiles.Identity.of(stream);
    } catch (NoSuchFileException e) {
      return new StreamRepair(writer, name, List.of(), null);
    }
    List<String> changes = new ArrayList<>();
    StreamArchiverFiles.Output temp = null;
    StreamArchiverFiles.Output backup = null;
    StreamArchiverFiles.Output torn = null;
    try (FileChannel ch = FileChannel.open(stream, StandardOpenOption.READ)) {
      temp = dryRun ? null : StreamArchiverFiles.tempBeside(stream);
      MailboxDoctorLines lines = new MailboxDoctorLines(ch, before.size(), StreamIndex.MAX_LINE);
      long tornOffset = -1;
      long tornLength = 0;
      int tornLine = 0;
      while (lines.next()) {
        Fixed fixed =
            lines.tooLong()
                ? new Fixed(List.of(), null, false)
                : fix(lines.bytes(), lines.kept(), lines.bom(), lines.lineNo(), writer);
        if (!lines.terminated() && !fixed.complete()) {
          tornOffset = lines.offset();
          tornLength = lines.length();
          tornLine = lines.lineNo();
          break;
        }
        if (fixed.change() != null) {
          changes.add(fixed.change());
        }
        if (!lines.terminated()) {
          changes.add("line " + lines.lineNo() + ": added the missing LF to the last line");
        }
        if (temp == null) {
          continue;
        }
        if (lines.tooLong()) {
          temp.copy(ch, lines.offset(), lines.length());
          temp.write(LF, 0, 1);
        } else if (fixed.change() == null) {
          temp.write(lines.bytes(), 0, lines.kept());
          temp.write(LF, 0, 1);
        } else {
          for (byte[] l : fixed.lines()) {
            temp.write(l, 0, l.length);
            temp.write(LF, 0, 1);
          }
        }
      }
      if (changes.isEmpty() && tornOffset < 0) {
        StreamArchiverFiles.discard(temp);
        return new StreamRepair(writer, name, List.of(), null);
      }
      Path archive = layout.archive();
      String tornStem = name + ".torn-" + stamp;
      if (dryRun) {
        if (tornOffset >= 0) {
          changes.add(tornChange(tornLine, tornLength, freeName(archive, tornStem, ".bin")));
        }
        return new StreamRepair(writer, name, changes, null);
      }
      temp.force();
      // The original is saved before anything changes, so a repair can always be undone.
      backup =
          StreamArchiverFiles.createExclusive(archive, name + ".pre-repair-" + stamp, ".jsonl");
      backup.copy(ch, 0, before.size());
      backup.force();
      backup.close();
      if (tornOffset >= 0) {
        torn = StreamArchiverFiles.createExclusive(archive, tornStem, ".bin");
        torn.copy(ch, tornOffset, tornLength);
        torn.force();
        torn.close();
        changes.add(tornChange(tornLine, tornLength, relative(torn.path())));
      }
      FileOps.forceDirectory(archive);
      temp.close();
      hook.beforeReplace(writer, attempt);
      if (!StreamArchiverFiles.Identity.of(stream).equals(before)) {
        StreamArchiverFiles.discard(temp, backup, torn);
        return null;
      }
      StreamArchiverFiles.commit(temp, stream);
      return new StreamRepair(writer, name, changes, relative(backup.path()));
    } catch (IOException | RuntimeException e) {
      StreamArchiverFiles.discard(temp, backup, torn);
      throw e;
    }
  }

  private String freeName(Path dir, String stem, String suffix) {
    return relative(StreamArchiverFiles.freeName(dir, stem, suffix));
  }

  private String relative(Path p) {
    return layout.runtime().relativize(p).toString().replace('\\', '/');
  }

  private static String tornChange(int line, long length, String saved) {
    return "line "
        + line
        + ": cut off a torn last line ("
        + length
        + " bytes that are not a complete message), saved as "
        + saved;
  }

  /**
   * The repaired form of one line's bytes (without LF): {@code change} is null when the line stays
   * byte for byte as it is; {@code complete} says whether it holds whole messages.
   */
  private static Fixed fix(byte[] b, int kept, boolean bom, int lineNo, Side writer) {
    List<String> what = new ArrayList<>();
    int from = 0;
    if (bom) {
      from = 3;
      what.add("removed a leading UTF-8 byte order mark");
    }
    int end = kept;
    boolean cr = end > from && b[end - 1] == '\r';
    int body = cr ? end - 1 : end;
    String text = StreamIndex.decodeStrictOrNull(b, from, body - from);
    boolean complete = false;
    List<byte[]> out = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      Object value = parseOrNull(text);
      if (value instanceof Map<?, ?> m) {
        complete = validId(m);
        byte[] escaped = escapeSeparators(b, from, body);
        if (escaped != null) {
          what.add("escaped " + countSeparators(b, from, body) + " raw U+2028/U+2029/U+0085");
          out.add(withCr(escaped, cr));
        }
      } else if (value == null) {
        List<String> parts = gluedParts(text);
        if (!parts.isEmpty() && parts.stream().allMatch(p -> validId(parseOrNull(p)))) {
          List<String> ids = new ArrayList<>();
          for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            byte[] escaped = escapeSeparators(bytes, 0, bytes.length);
            out.add(escaped != null ? escaped : bytes);
            ids.add(String.valueOf(((Map<?, ?>) parseOrNull(part)).get("id")));
          }
          what.add("split " + parts.size() + " glued objects (" + String.join(", ", ids) + ")");
          complete = true;
        }
      }
    }
    if (what.isEmpty()) {
      return new Fixed(List.of(), null, complete);
    }
    if (out.isEmpty()) {
      byte[] rest = new byte[end - from];
      System.arraycopy(b, from, rest, 0, rest.length);
      out.add(rest);
    }
    return new Fixed(out, "line " + lineNo + ": " + String.join("; ", what), complete);
  }

  private static byte[] withCr(byte[] bytes, boolean cr) {
    if (!cr) {
      return bytes;
    }
    byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    out[bytes.length] = '\r';
    return out;
  }

  private static boolean validId(@Nullable Object value) {
    return value instanceof Map<?, ?> m
        && m.get("id") instanceof String id
        && MessageId.read(id).isPresent();
  }

  /** The parsed value, or {@code null} when the text is not JSON (JSON {@code null} too). */
  static @Nullable Object parseOrNull(String text) {
    try {
      return Json.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------------------------------
  // helpers shared with the doctor

  /**
   * The objects of a line that holds two or more JSON objects one after the other (a write that
   * landed on an unterminated line), each as its own text; empty when the line is anything else.
   * Each part is checked to parse as a JSON object.
   */
  static List<String> gluedParts(String text) {
    List<String> parts = new ArrayList<>();
    int i = skipSpace(text, 0);
    while (i < text.length()) {
      if (text.charAt(i) != '{') {
        return List.of();
      }
      int end = endOfObject(text, i);
      if (end < 0) {
        return List.of();
      }
      String part = text.substring(i, end);
      if (!(parseOrNull(part) instanceof Map)) {
        return List.of();
      }
      parts.add(part);
      i = skipSpace(text, end);
    }
    return parts.size() >= 2 ? parts : List.of();
  }

  /** Whether every part of a glued line parses with a valid id, so repair can split it. */
  static boolean splittable(List<String> parts) {
    return !parts.isEmpty() && parts.stream().allMatch(p -> validId(parseOrNull(p)));
  }

  private static int skipSpace(String s, int from) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        break;
      }
      i++;
    }
    return i;
  }

  /** The index just after the object starting at {@code start}, or -1 when it does not close. */
  private static int endOfObject(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
        if (depth < 0) {
          return -1;
        }
      }
    }
    return -1;
  }

  /**
   * How many raw U+0085 ({@code C2 85}), U+2028 ({@code E2 80 A8}) and U+2029 ({@code E2 80 A9})
   * the UTF-8 bytes hold. Tools that split lines with Python's {@code str.splitlines()} break lines
   * there.
   */
  static int countSeparators(byte[] b, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] >= 0) {
        continue; // ASCII, the common case, can start no separator
      }
      int len = separatorAt(b, i, to);
      if (len > 0) {
        n++;
        i += len - 1;
      }
    }
    return n;
  }

  private static int separatorAt(byte[] b, int i, int to) {
    int c = b[i] & 0xff;
    if (c == 0xC2 && i + 1 < to && (b[i + 1] & 0xff) == 0x85) {
      return 2;
    }
    if (c == 0xE2
        && i + 2 < to
        && (b[i + 1] & 0xff) == 0x80
        && ((b[i + 2] & 0xff) == 0xA8 || (b[i + 2] & 0xff) == 0xA9)) {
      return 3;
    }
    return 0;
  }

  /**
   * The line with each raw separator written as a JSON escape ({@code \u2028} and so on), or {@code
   * null} when there is none or the result would not be the same JSON value. In a valid JSON line
   * those characters can only sit inside strings, where the escape means the same.
   */
  static byte @Nullable [] escapeSeparators(byte[] b, int from, int to) {
    if (countSeparators(b, from, to) == 0) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(to - from + 32);
    for (int i = from; i < to; i++) {
      int len = separatorAt(b, i, to);
      if (len == 0) {
        out.write(b[i]);
        continue;
      }
      String escape = len == 2 ? "\\u0085" : (b[i + 2] & 0xff) == 0xA8 ? "\\u2028" : "\\u2029";
      out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
      i += len - 1;
    }
    byte[] escaped = out.toByteArray();
    Optional<Object> original =
        Optional.ofNullable(StreamIndex.decodeStrictOrNull(b, from, to - from))
            .map(StreamRepairer::parseOrNull);
    Object again = parseOrNull(new String(escaped, StandardCharsets.UTF_8));
    return original.isPresent() && original.get().equals(again) ? escaped : null;
  }
}
