package dev.passoff.store.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.mailbox.MailboxFixtures;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Random stream lines for differential tests of the line scanner against the full parser: mostly
 * messages as Passoff or the existing scripts write them, with every field now and then missing, of
 * another type or breaking a write rule, written in three JSON styles, and some of them damaged
 * byte by byte (cut, glued, invalid UTF-8, BOM, stray bytes, loose numbers, escaped or repeated
 * names).
 */
final class MailboxLineSamples {
  /** A sample line and whether it was written intact (no damage, strict JSON, plain names). */
  record Sample(byte[] bytes, boolean intact) {}

  private static final String[] TYPES = {
    "task", "handoff", "question", "done", "status", "error", "cancel", "bogus"
  };

  /** Characters strings are made of: the awkward ones come up often. */
  private static final String[] PIECES = {
    "a",
    "b",
    "Z",
    "0",
    "7",
    " ",
    " ",
    "-",
    "_",
    ".",
    ":",
    "/",
    "\"",
    "\\",
    "\n",
    "\r",
    "\t",
    "\b",
    "\u0001",
    "\u001f",
    "\u007f",
    "\u00e9",
    "\u00a0",
    "\u4e2d",
    "\ud83d\ude00",
    "\u2028",
    "\u2029",
    "\u0085",
    "\ufeff",
    "\ud800",
    "\udc00",
    "\uffff",
    "notes/",
    "claude-000001",
    "..",
    "x y"
  };

  /** Byte sequences that break UTF-8 or JSON when dropped into a line. */
  private static final byte[][] DAMAGE = {
    {(byte) 0xC0, (byte) 0x80},
    {(byte) 0xC1, (byte) 0xBF},
    {(byte) 0x80},
    {(byte) 0xBF},
    {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF},
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
    {(byte) 0xE2, (byte) 0x82},
    {(byte) 0xFF},
    {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
    {(byte) 0xE2, (byte) 0x80, (byte) 0xA8},
    {(byte) 0xC2, (byte) 0x85},
    {0},
    {0x1f},
    {'"'},
    {'\\'},
    {'{'},
    {'}'},
    {'['},
    {']'},
    {','},
    {':'},
    {' '},
    {'\t'},
    {'\r'},
    {'0'},
    {'-'},
    {'.'},
    {'e'},
    {'+'},
    {'\\', 'u', 'd', '8', '0', '0'},
    {'\\', 'u', 'D', 'C', '0', '0'},
    {'\\', 'u', '0', '0', '0', 'a'},
    {'\\', 'u', '-', '1', '2', '3'},
    {'\\', 'x'},
  };

  private final Random random;

  /** Whether the last message nests deeper than the scanner follows. */
  private boolean deep;

  MailboxLineSamples(long seed) {
    this.random = new Random(seed);
  }

  /** One line of {@code writer}'s stream with a seq near {@code seq}, without its LF. */
  Sample line(Side writer, long seq) {
    Map<String, @Nullable Object> m = message(writer, seq);
    String style = pick("line", "line", "line", "compact", "python");
    String text =
        switch (style) {
          case "compact" -> Json.compact(m);
          case "python" -> Json.python(m);
          default -> Json.line(m);
        };
    boolean intact = !deep;
    if (chance(8)) {
      text = looseNumber(text);
      intact = false;
    }
    if (chance(12)) {
      text = renamed(text);
      intact = false;
    }
    byte[] bytes = text.getBytes(UTF_8);
    if (chance(4)) {
      bytes = damaged(bytes);
      intact = false;
    }
    if (chance(30)) {
      bytes = concat(bytes, pick(" ", "\t", "\r", " \r").getBytes(UTF_8));
    }
    if (chance(30)) {
      bytes = concat(pick(" ", "\t", "\r").getBytes(UTF_8), bytes);
    }
    return new Sample(bytes, intact);
  }

  /** A message of {@code writer}, mostly keeping the rules, each field now and then not. */
  Map<String, @Nullable Object> message(Side writer, long seq) {
    deep = false;
    String type = TYPES[random.nextInt(TYPES.length)];
    Map<String, @Nullable Object> m = MailboxFixtures.fields(writer, seq, type);
    Side other = writer.peer();
    if (type.equals("done") || type.equals("cancel") || chance(5)) {
      refs(m).put("reply_to", MessageId.of(other, 1 + random.nextInt(50)).text());
    }
    if (type.equals("task") && chance(2)) {
      m.remove("next_action");
      m.put("goal", text(8));
    }
    maybe(m, "summary", text(random.nextInt(4) == 0 ? 230 : 40));
    maybe(m, "context", text(120));
    maybe(m, "next_action", text(20));
    maybe(m, "goal", pick("", "   ", "\u00a0", "go", "\\n", "\t"));
    maybe(m, "to_session", pick("codex-main", "claude-b", "bad session", "", "a:b"));
    maybe(m, "from_session", pick("codex-main", "x".repeat(65), "-x", "s:1"));
    maybe(m, "priority", pick("urgent", "normal", "backlog", "high"));
    maybe(m, "expected_within", pick("PT2H", "P1D", "30m", "P1W"));
    maybe(m, "eta", pick("PT30M", "PT1.5H"));
    maybe(m, "state", pick("claimed", "progress", "done"));
    maybe(m, "applied", pick(1L, 0L, -1L, 2.5, "1"));
    maybe(m, "total_proposed", pick(3L, 1e3));
    maybe(m, "skipped", List.of(Map.of("id", "x", "reason", "r")));
    maybe(m, "acceptance", List.of(text(6), text(6)));
    maybe(m, "constraints", pick(List.of(), List.of("a", 1L)));
    maybe(m, "context_files", List.of("src/a.py"));
    maybe(m, "passoff", pick(Map.of("tool", "passoff/0.1"), "passoff/0.1"));
    if (chance(4)) {
      m.put("extra", nested(random.nextInt(6) == 0 ? 70 : 3));
    }
    if (chance(25)) {
      refs(m).put("notes_file", pick("", "notes/a.md", "notes/missing.md", "../x", "notes\\x"));
    }
    if (chance(40)) {
      refs(m).remove(pick("reply_to", "notes_file", "commit"));
    }
    if (chance(40)) {
      refs(m).put("reply_to", pick("claude-", "x", 5L, MessageId.of(writer, 3).text()));
    }
    // Fields the checks before the schema look at.
    if (chance(30)) {
      m.put("id", pick(MessageId.of(other, seq).text(), "claude-5", "codex-", 7L, "x"));
    }
    if (chance(60)) {
      m.put("id", writer.wire() + "-" + "9".repeat(20));
    }
    if (chance(30)) {
      m.put("from", pick(other.wire(), "someone", 1L));
    }
    if (chance(40)) {
      m.put("refs", pick("none", List.of(), 0L));
    }
    for (String key : List.of("v", "ts", "thread", "blocking", "peer_cursor_observed")) {
      if (chance(40)) {
        m.put(key, pick("1", "2026-11-21T22:23:41Z", "x", -1L, 1.5, true, "false", 1e19));
      }
    }
    if (chance(40)) {
      m.remove(pick("v", "id", "ts", "from", "type", "thread", "summary", "refs", "files_changed"));
    }
    if (chance(10)) {
      List<String> keys = new ArrayList<>(m.keySet());
      Collections.shuffle(keys, random);
      Map<String, @Nullable Object> shuffled = new LinkedHashMap<>();
      keys.forEach(k -> shuffled.put(k, m.get(k)));
      return shuffled;
    }
    return m;
  }

  // ------------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> refs(Map<String, @Nullable Object> m) {
    Object refs = m.get("refs");
    if (!(refs instanceof Map<?, ?>)) {
      refs = new LinkedHashMap<String, @Nullable Object>();
      m.put("refs", refs);
    }
    return (Map<String, @Nullable Object>) refs;
  }

  private void maybe(Map<String, @Nullable Object> m, String key, @Nullable Object value) {
    if (chance(6)) {
      m.put(key, value);
    } else if (chance(60)) {
      m.put(key, pick(null, 3L, List.of("a"), Map.of("k", "v"), true));
    }
    if (m.containsKey(key) && m.get(key) == null && NULL_CRASHES.contains(key)) {
      m.put(key, 3L);
    }
  }

  /**
   * Fields whose {@code null} value makes {@link dev.passoff.core.service.mailbox.MessageRules}
   * throw (it asks an immutable set whether it contains {@code null}), whichever path reads the
   * line; left out so the samples compare the two paths rather than stop at that.
   */
  private static final List<String> NULL_CRASHES = List.of("priority", "state");

  private Object nested(int depth) {
    deep |= depth >= MailboxLineScan.MAX_DEPTH - 2;
    Object value = text(3);
    for (int i = 0; i < depth; i++) {
      value = random.nextBoolean() ? List.of(value) : Map.of("k" + i, value);
    }
    return value;
  }

  private String text(int maxLength) {
    int n = random.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(chance(2) ? "a" : PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  /** A number written in a form the full parser takes but strict JSON does not. */
  private String looseNumber(String text) {
    String loose = pick("00", "01", "1.", "-.5", "1.e5", "2e", "1-2", "99999999999999999999");
    int at = text.indexOf("\"peer_cursor_observed\":");
    if (at < 0) {
      return text.replaceFirst("\\{", "{\"n\":" + loose + ",");
    }
    int start = text.indexOf(':', at) + 1;
    while (start < text.length() && text.charAt(start) == ' ') {
      start++;
    }
    int end = start;
    while (end < text.length() && ",}".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    return text.substring(0, start) + loose + text.substring(end);
  }

  /** The line with a field name escaped, repeated or the line glued to another object. */
  private String renamed(String text) {
    return switch (random.nextInt(5)) {
      case 0 -> text.replaceFirst("\"id\"", "\"i\\\\u0064\"");
      case 1 -> text.replaceFirst("\"type\"", "\"t\\\\u0079pe\"");
      case 2 -> text.substring(0, text.length() - 1) + ",\"id\":\"claude-000001\"}";
      case 3 -> text.replaceFirst("\"commit\"", "\"reply_to\":null,\"commit\"");
      default -> text + text;
    };
  }

  private byte[] damaged(byte[] bytes) {
    int at = random.nextInt(bytes.length + 1);
    return switch (random.nextInt(6)) {
      case 0 -> java.util.Arrays.copyOf(bytes, at);
      case 1 -> at < bytes.length ? remove(bytes, at) : bytes;
      case 2 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes);
      default -> insert(bytes, at, DAMAGE[random.nextInt(DAMAGE.length)]);
    };
  }

  private static byte[] remove(byte[] bytes, int at) {
    byte[] out = new byte[bytes.length - 1];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
    return out;
  }

  private static byte[] insert(byte[] bytes, int at, byte[] what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(what);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Whether a one-in-{@code n} chance came up. */
  boolean chance(int n) {
    return random.nextInt(n) == 0;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
