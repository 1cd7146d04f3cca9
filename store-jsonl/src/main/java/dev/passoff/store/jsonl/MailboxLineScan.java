package dev.passoff.store.jsonl;

import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxTimes;
import dev.passoff.core.service.mailbox.MessageRules;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One pass over the bytes of a stream line that decides whether the line is <em>plain</em>, and if
 * so where the values of the message fields are, without building any object.
 *
 * <p>A line is plain when it is strictly valid UTF-8 and exactly one JSON object (RFC 8259, with
 * optional surrounding spaces, tabs and CRs), no member name of the object or of its {@code refs}
 * object holds an escape, none of the protocol's field names is repeated there, and nesting stays
 * within {@value #MAX_DEPTH} levels. Every plain line is accepted by {@link
 * dev.passoff.core.json.Json#parse} with the same values, so callers that find what they need in
 * the spans can skip the full parse; a line that is not plain is simply handed to the full parse,
 * which then decides, and reports, exactly as before. Not being plain is therefore never a verdict
 * on the line, only "look closer".
 *
 * <p>One instance is reused for every line of a stream; it keeps only fixed-size arrays.
 */
final class MailboxLineScan {
  /** Field numbers: the protocol's top-level keys in the order Passoff writes them... */
  static final int V = 0;

  static final int ID = 1;
  static final int TS = 2;
  static final int FROM = 3;
  static final int FROM_SESSION = 4;
  static final int TYPE = 5;
  static final int THREAD = 6;
  static final int SUMMARY = 7;
  static final int BLOCKING = 8;
  static final int PEER_CURSOR_OBSERVED = 9;
  static final int REFS = 10;
  static final int TO_SESSION = 11;
  static final int CONTEXT = 12;
  static final int NEXT_ACTION = 13;
  static final int GOAL = 14;
  static final int PRIORITY = 15;
  static final int EXPECTED_WITHIN = 16;
  static final int STATE = 17;
  static final int ETA = 18;
  static final int APPLIED = 19;
  static final int SKIPPED = 20;
  static final int TOTAL_PROPOSED = 21;
  static final int ACCEPTANCE = 22;
  static final int CONSTRAINTS = 23;
  static final int CONTEXT_FILES = 24;
  static final int FILES_CHANGED = 25;
  static final int PASSOFF = 26;

  /** ...then the keys of {@code refs}. */
  static final int REPLY_TO = 27;

  static final int NOTES_FILE = 28;
  static final int COMMIT = 29;

  /** The protocol's top-level keys in write order: the field numbers above follow it. */
  private static final String[] TOP_NAMES = MessageRules.KEY_ORDER.toArray(new String[0]);

  private static final String[] REFS_NAMES = {"reply_to", "notes_file", "commit"};

  private static final int FIELDS = TOP_NAMES.length + REFS_NAMES.length;

  /** Kinds of value; {@link #ABSENT} for a key the object does not have. */
  static final byte ABSENT = 0;

  static final byte STRING = 1;
  static final byte NUMBER = 2;
  static final byte TRUE = 3;
  static final byte FALSE = 4;
  static final byte NULL = 5;
  static final byte OBJECT = 6;
  static final byte ARRAY = 7;

  /** Deeper lines are left to the full parser, which allows 512 levels. */
  static final int MAX_DEPTH = 64;

  /** Which object's members are being read: one whose keys are not looked up, the line, refs. */
  private static final int OTHER = 0;

  private static final int TOP = 1;
  private static final int IN_REFS = 2;

  private static final Names TOP_TABLE = new Names(TOP_NAMES, 0);
  private static final Names REFS_TABLE = new Names(REFS_NAMES, TOP_NAMES.length);

  private final byte[] kinds = new byte[FIELDS];

  /** For strings the content between the quotes; for other values the whole token. */
  private final int[] starts = new int[FIELDS];

  private final int[] ends = new int[FIELDS];
  private final boolean[] escaped = new boolean[FIELDS];

  /** For arrays: whether every element is a string. */
  private final boolean[] stringsOnly = new boolean[FIELDS];

  private byte[] b = new byte[0];
  private int end;
  private boolean lastEscaped;
  private boolean separator;
  private boolean loneSurrogate;

  /**
   * Scans {@code bytes[from, to)}: one line without its LF, BOM or final CR. Returns whether the
   * line is plain; only then do the accessors describe it.
   */
  boolean scan(byte[] bytes, int from, int to) {
    Arrays.fill(kinds, ABSENT);
    b = bytes;
    end = to;
    separator = false;
    loneSurrogate = false;
    int p = skip(from);
    if (p >= end || b[p] != '{') {
      return false;
    }
    p = object(p, 1, TOP);
    return p >= 0 && skip(p) == end;
  }

  /** Whether the line holds a raw U+2028, U+2029 or U+0085 (only meaningful when plain). */
  boolean separator() {
    return separator;
  }

  /** Whether a string escape names a lone surrogate (only meaningful when plain). */
  boolean loneSurrogate() {
    return loneSurrogate;
  }

  byte kind(int field) {
    return kinds[field];
  }

  /** Whether the field is a string without escapes, so its bytes are its UTF-8 text. */
  boolean rawString(int field) {
    return kinds[field] == STRING && !escaped[field];
  }

  /** Whether the field is a string holding an escape. */
  boolean escapedString(int field) {
    return kinds[field] == STRING && escaped[field];
  }

  /** Whether the field is an array of strings only. */
  boolean stringArray(int field) {
    return kinds[field] == ARRAY && stringsOnly[field];
  }

  /** The text of a {@link #rawString} field. */
  String text(int field) {
    if (!rawString(field)) {
      throw new IllegalStateException("not a string without escapes: " + field);
    }
    return new String(b, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
  }

  /** Whether the field is a {@link #rawString} equal to the ASCII text {@code ascii}. */
  boolean textEquals(int field, String ascii) {
    if (!rawString(field) || ends[field] - starts[field] != ascii.length()) {
      return false;
    }
    for (int i = 0, p = starts[field]; i < ascii.length(); i++, p++) {
      if (b[p] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the field is a {@link #rawString} whose bytes are {@code bytes[0, length)}. */
  boolean textEquals(int field, byte[] bytes, int length) {
    int p = starts[field];
    if (!rawString(field) || ends[field] - p != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (b[p + i] != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  /** Copies the bytes of a {@link #rawString} field into {@code into}; their count, or -1. */
  int copyText(int field, byte[] into) {
    int n = ends[field] - starts[field];
    if (!rawString(field) || n > into.length) {
      return -1;
    }
    System.arraycopy(b, starts[field], into, 0, n);
    return n;
  }

  /**
   * Whether a {@link #rawString} field is a timestamp in the form Passoff writes, {@code
   * yyyy-MM-ddTHH:mm:ss.SSSZ}, as {@link dev.passoff.core.service.mailbox.MailboxTimes#isWritten}
   * decides.
   */
  boolean writtenTimestamp(int field) {
    int p = starts[field];
    if (!rawString(field) || ends[field] - p != MailboxTimes.WRITTEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < MailboxTimes.WRITTEN_LENGTH; i++) {
      if (!MailboxTimes.fitsWritten(i, b[p + i])) {
        return false;
      }
    }
    return true;
  }

  /** The first byte of a non-empty {@link #rawString} field, or 0. */
  byte firstByte(int field) {
    return rawString(field) && ends[field] > starts[field] ? b[starts[field]] : 0;
  }

  /**
   * The seq of a {@link #rawString} field read as a message id by {@link
   * dev.passoff.core.model.mailbox.MessageId#read} (any number of digits, within a long), or -1.
   *
   * @param side the side the id must have, or {@code null} for either
   * @param minDigits the fewest digits accepted
   */
  long idSeq(int field, @Nullable Side side, int minDigits) {
    if (!rawString(field)) {
      return -1;
    }
    int p = starts[field];
    int e = ends[field];
    int digits;
    if (side != Side.CODEX && startsWith(p, e, "claude-")) {
      digits = p + 7;
    } else if (side != Side.CLAUDE && startsWith(p, e, "codex-")) {
      digits = p + 6;
    } else {
      return -1;
    }
    if (e - digits < Math.max(1, minDigits)) {
      return -1;
    }
    long seq = 0;
    for (int i = digits; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || seq > (Long.MAX_VALUE - d) / 10) {
        return -1;
      }
      seq = seq * 10 + d;
    }
    return seq;
  }

  /** The side named by the prefix of a {@link #rawString} id field, or {@code null}. */
  @Nullable Side idSide(int field) {
    if (!rawString(field)) {
      return null;
    }
    if (startsWith(starts[field], ends[field], "claude-")) {
      return Side.CLAUDE;
    }
    return startsWith(starts[field], ends[field], "codex-") ? Side.CODEX : null;
  }

  /**
   * The value of a number field when it is a non-negative integer the full parser reads as a {@code
   * Long} (digits only, at most 18 of them), else -1.
   */
  long smallNatural(int field) {
    if (kinds[field] != NUMBER) {
      return -1;
    }
    int p = starts[field];
    int e = ends[field];
    if (e - p > 18) {
      return -1;
    }
    long n = 0;
    for (int i = p; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      n = n * 10 + d;
    }
    return n;
  }

  /**
   * Whether a string field certainly holds a character that is not white space: an unescaped ASCII
   * character from {@code !} to {@code ~}. {@code false} means "not known", not "blank".
   */
  boolean visiblyNonBlank(int field) {
    if (kinds[field] != STRING) {
      return false;
    }
    for (int i = starts[field]; i < ends[field]; i++) {
      byte c = b[i];
      if (c == '\\') {
        return false; // escapes are not decoded here; the caller asks the full parser
      }
      if (c > ' ' && c < 0x7f) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a string field decodes to one line (no LF, no CR) of at most {@code max} code points.
   */
  boolean singleLineOfAtMost(int field, int max) {
    if (kinds[field] != STRING) {
      return false;
    }
    int count = 0;
    int i = starts[field];
    int e = ends[field];
    while (i < e) {
      byte c = b[i];
      if (c == '\\') {
        byte x = b[i + 1];
        if (x == 'n' || x == 'r') {
          return false;
        }
        if (x == 'u') {
          int u = hex4(i + 2);
          if (u == '\n' || u == '\r') {
            return false;
          }
          i += Character.isHighSurrogate((char) u) && lowSurrogateEscapeAt(i + 6) ? 12 : 6;
        } else {
          i += 2;
        }
        count++;
      } else {
        if ((c & 0xC0) != 0x80) {
          count++;
        }
        i++;
      }
    }
    return count <= max;
  }

  // ------------------------------------------------------------------------------------------
  // the scanner proper: each method returns the position after what it read, or -1

  private int skip(int p) {
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        break;
      }
      p++;
    }
    return p;
  }

  private int object(int open, int depth, int members) {
    if (depth > MAX_DEPTH) {
      return -1;
    }
    int p = skip(open + 1);
    if (p < end && b[p] == '}') {
      return p + 1;
    }
    while (true) {
      if (p >= end || b[p] != '"') {
        return -1;
      }
      int keyStart = p + 1;
      p = string(p);
      if (p < 0) {
        return -1;
      }
      int field = -1;
      if (members != OTHER) {
        if (lastEscaped) {
          return -1; // an escaped name may spell a protocol field
        }
        field = (members == TOP ? TOP_TABLE : REFS_TABLE).find(b, keyStart, p - 1);
        if (field >= 0 && kinds[field] != ABSENT) {
          return -1; // a repeated field: the full parser keeps the last one
        }
      }
      p = skip(p);
      if (p >= end || b[p] != ':') {
        return -1;
      }
      p = value(skip(p + 1), depth, field);
      if (p < 0) {
        return -1;
      }
      p = skip(p);
      if (p >= end) {
        return -1;
      }
      if (b[p] == '}') {
        return p + 1;
      }
      if (b[p] != ',') {
        return -1;
      }
      p = skip(p + 1);
    }
  }

  private int array(int open, int depth, int field) {
    if (depth > MAX_DEPTH) {
      return -1;
    }
    int p = skip(open + 1);
    if (p < end && b[p] == ']') {
      return p + 1;
    }
    while (true) {
      if (field >= 0 && (p >= end || b[p] != '"')) {
        stringsOnly[field] = false;
      }
      p = value(p, depth, -1);
      if (p < 0) {
        return -1;
      }
      p = skip(p);
      if (p >= end) {
        return -1;
      }
      if (b[p] == ']') {
        return p + 1;
      }
      if (b[p] != ',') {
        return -1;
      }
      p = skip(p + 1);
    }
  }

  /**
   * A value at {@code p}, inside a container of depth {@code depth}; records it as {@code field}.
   */
  private int value(int p, int depth, int field) {
    if (p >= end) {
      return -1;
    }
    byte c = b[p];
    int next;
    byte kind;
    int start = p;
    int stop;
    switch (c) {
      case '{' -> {
        kind = OBJECT;
        next = object(p, depth + 1, field == REFS ? IN_REFS : OTHER);
        stop = next;
      }
      case '[' -> {
        kind = ARRAY;
        if (field >= 0) {
          stringsOnly[field] = true;
        }
        next = array(p, depth + 1, field);
        stop = next;
      }
      case '"' -> {
        kind = STRING;
        next = string(p);
        start = p + 1;
        stop = next - 1;
        if (field >= 0) {
          escaped[field] = lastEscaped;
        }
      }
      case 't' -> {
        kind = TRUE;
        next = literal(p, "true");
        stop = next;
      }
      case 'f' -> {
        kind = FALSE;
        next = literal(p, "false");
        stop = next;
      }
      case 'n' -> {
        kind = NULL;
        next = literal(p, "null");
        stop = next;
      }
      default -> {
        kind = NUMBER;
        next = number(p);
        stop = next;
      }
    }
    if (next >= 0 && field >= 0) {
      kinds[field] = kind;
      starts[field] = start;
      ends[field] = stop;
    }
    return next;
  }

  private int literal(int p, String word) {
    if (!startsWith(p, end, word)) {
      return -1;
    }
    return p + word.length();
  }

  /**
   * RFC 8259 numbers only; the full parser's looser forms ({@code 01}, {@code 1.}) are left to it.
   */
  private int number(int p) {
    int i = p;
    if (i < end && b[i] == '-') {
      i++;
    }
    if (i >= end) {
      return -1;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      i = digits(i);
    } else {
      return -1;
    }
    if (i < end && b[i] == '.') {
      int after = digits(i + 1);
      if (after == i + 1) {
        return -1;
      }
      i = after;
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int after = digits(i);
      if (after == i) {
        return -1;
      }
      i = after;
    }
    return i;
  }

  private int digits(int p) {
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    return p;
  }

  /** A string at {@code open} (its quote); sets {@link #lastEscaped}. */
  private int string(int open) {
    byte[] b = this.b;
    int end = this.end;
    boolean escapes = false;
    int i = open + 1;
    while (i < end) {
      // ASCII from the space up, except the quote and the backslash: nearly every byte of a line.
      while (PLAIN[b[i] & 0xff]) {
        if (++i == end) {
          return -1;
        }
      }
      byte c = b[i];
      if (c == '"') {
        lastEscaped = escapes;
        return i + 1;
      }
      if (c == '\\') {
        escapes = true;
        i = escape(i);
      } else if (c < 0) {
        i = multiByte(i);
      } else {
        return -1; // a raw control character
      }
      if (i < 0) {
        return -1;
      }
    }
    return -1;
  }

  /** The bytes a string holds as they are: ASCII from space up, except {@code "} and {@code \\}. */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      PLAIN[c] = c != '"' && c != '\\';
    }
  }

  private int escape(int i) {
    if (i + 1 >= end) {
      return -1;
    }
    switch (b[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return i + 2;
      }
      case 'u' -> {
        int u = hex4(i + 2);
        if (u < 0) {
          return -1;
        }
        if (Character.isHighSurrogate((char) u) && lowSurrogateEscapeAt(i + 6)) {
          return i + 12;
        }
        if (Character.isSurrogate((char) u)) {
          loneSurrogate = true;
        }
        return i + 6;
      }
      default -> {
        return -1;
      }
    }
  }

  private boolean lowSurrogateEscapeAt(int i) {
    if (i + 1 >= end || b[i] != '\\' || b[i + 1] != 'u') {
      return false;
    }
    int u = hex4(i + 2);
    return u >= 0 && Character.isLowSurrogate((char) u);
  }

  /** The value of four hex digits at {@code p}, or -1. */
  private int hex4(int p) {
    if (p + 4 > end) {
      return -1;
    }
    int v = 0;
    for (int i = p; i < p + 4; i++) {
      byte c = b[i];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /**
   * A UTF-8 sequence of two to four bytes at {@code i} (lead byte 0x80 or above), with the limits
   * of RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
   */
  private int multiByte(int i) {
    int c = b[i] & 0xff;
    int n;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) {
        lo = 0xA0;
      } else if (c == 0xED) {
        hi = 0x9F;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) {
        lo = 0x90;
      } else if (c == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return -1;
    }
    if (i + n >= end) {
      return -1;
    }
    int second = b[i + 1] & 0xff;
    if (second < lo || second > hi) {
      return -1;
    }
    for (int k = 2; k <= n; k++) {
      int more = b[i + k] & 0xff;
      if (more < 0x80 || more > 0xBF) {
        return -1;
      }
    }
    if ((c == 0xC2 && second == 0x85)
        || (c == 0xE2
            && second == 0x80
            && ((b[i + 2] & 0xff) == 0xA8 || (b[i + 2] & 0xff) == 0xA9))) {
      separator = true;
    }
    return i + n + 1;
  }

  private boolean startsWith(int p, int e, String ascii) {
    if (e - p < ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (b[p + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A small open-addressing table from member names (as bytes) to field numbers. The slot comes
   * from the length and the first and last bytes, which already tell the protocol's names apart, so
   * a lookup costs one comparison of the name.
   */
  private static final class Names {
    private static final int SLOTS = 256;
    private final byte[][] names = new byte[SLOTS][];
    private final int[] fields = new int[SLOTS];

    Names(String[] list, int first) {
      for (int f = 0; f < list.length; f++) {
        byte[] name = list[f].getBytes(StandardCharsets.US_ASCII);
        int i = slot(name, 0, name.length);
        while (names[i] != null) {
          i = (i + 1) & (SLOTS - 1);
        }
        names[i] = name;
        fields[i] = first + f;
      }
    }

    int find(byte[] b, int from, int to) {
      int i = slot(b, from, to);
      while (true) {
        byte[] name = names[i];
        if (name == null) {
          return -1;
        }
        if (same(name, b, from, to)) {
          return fields[i];
        }
        i = (i + 1) & (SLOTS - 1);
      }
    }

    private static boolean same(byte[] name, byte[] b, int from, int to) {
      if (name.length != to - from) {
        return false;
      }
      for (int k = 0; k < name.length; k++) {
        if (name[k] != b[from + k]) {
          return false;
        }
      }
      return true;
    }

    private static int slot(byte[] b, int from, int to) {
      if (to == from) {
        return 0;
      }
      return ((to - from) * 29 + b[from] * 7 + b[to - 1]) & (SLOTS - 1);
    }
  }
}
