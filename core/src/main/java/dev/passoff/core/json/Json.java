package dev.passoff.core.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes JSON over plain Java values: {@link Map} (key order kept), {@link List}, {@link
 * String}, {@link Long}, {@link Double}, {@link Integer}, {@link Boolean} and {@code null}.
 *
 * <p>{@link #pretty} reproduces the layout of ECMAScript {@code JSON.stringify(value, null, 2)}
 * byte for byte, which the baton-pass wire format requires; {@link #compact} that of {@code
 * JSON.stringify(value)}.
 */
public final class Json {
  private Json() {}

  /** Thrown for text that is not JSON; the message names the offset. */
  public static final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  /** Two-space indented JSON, one member per line, no trailing newline. */
  public static String pretty(@Nullable Object value) {
    StringBuilder out = new StringBuilder(1024);
    write(out, value, Style.PRETTY, "");
    return out.toString();
  }

  /** JSON with no whitespace at all. */
  public static String compact(@Nullable Object value) {
    StringBuilder out = new StringBuilder(1024);
    write(out, value, Style.COMPACT, "");
    return out.toString();
  }

  /**
   * Compact JSON that is safe as one line of a JSON Lines file read by any line splitter: like
   * {@link #compact}, and U+0085, U+2028 and U+2029 are escaped too, since Python's {@code
   * str.splitlines()} breaks lines at them. Other non-ASCII characters are written raw.
   */
  public static String line(@Nullable Object value) {
    StringBuilder out = new StringBuilder(512);
    write(out, value, Style.LINE, "");
    return out.toString();
  }

  /**
   * One line in the layout of Python's {@code json.dumps(value)}: {@code ", "} between items,
   * {@code ": "} after keys, and every non-ASCII character escaped.
   */
  public static String python(@Nullable Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value, Style.PYTHON, "");
    return out.toString();
  }

  /** How a value is laid out and which characters are escaped. */
  private enum Style {
    PRETTY("  ", ",", ": ", false, false),
    COMPACT(null, ",", ":", false, false),
    LINE(null, ",", ":", true, false),
    PYTHON(null, ", ", ": ", true, true);

    final @Nullable String indent;
    final String comma;
    final String colon;
    final boolean lineSafe;
    final boolean ascii;

    Style(@Nullable String indent, String comma, String colon, boolean lineSafe, boolean ascii) {
      this.indent = indent;
      this.comma = comma;
      this.colon = colon;
      this.lineSafe = lineSafe;
      this.ascii = ascii;
    }
  }

  /** Parses one JSON text; objects become insertion-ordered maps. */
  public static @Nullable Object parse(String text) {
    Reader reader = new Reader(text);
    reader.skipSpace();
    Object value = reader.value();
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw reader.error("unexpected text after the value");
    }
    return value;
  }

  private static void write(
      StringBuilder out, @Nullable Object value, Style style, String current) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(out, s, style);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Double d) {
      writeDouble(out, d);
    } else if (value instanceof Float f) {
      writeDouble(out, f.doubleValue());
    } else if (value instanceof Number n) {
      out.append(n.longValue());
    } else if (value instanceof Map<?, ?> map) {
      writeObject(out, map, style, current);
    } else if (value instanceof Iterable<?> list) {
      writeArray(out, list, style, current);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map, Style style, String current) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    String indent = style.indent;
    String inner = indent == null ? current : current + indent;
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(style.comma);
      }
      first = false;
      if (indent != null) {
        out.append('\n').append(inner);
      }
      quote(out, String.valueOf(e.getKey()), style);
      out.append(style.colon);
      write(out, e.getValue(), style, inner);
    }
    if (indent != null) {
      out.append('\n').append(current);
    }
    out.append('}');
  }

  private static void writeArray(StringBuilder out, Iterable<?> list, Style style, String current) {
    Iterator<?> it = list.iterator();
    if (!it.hasNext()) {
      out.append("[]");
      return;
    }
    String indent = style.indent;
    String inner = indent == null ? current : current + indent;
    out.append('[');
    boolean first = true;
    while (it.hasNext()) {
      if (!first) {
        out.append(style.comma);
      }
      first = false;
      if (indent != null) {
        out.append('\n').append(inner);
      }
      write(out, it.next(), style, inner);
    }
    if (indent != null) {
      out.append('\n').append(current);
    }
    out.append(']');
  }

  private static void writeDouble(StringBuilder out, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(d);
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Appends a JSON string literal escaped as {@code JSON.stringify} does. Runs of characters that
   * need no escape are copied in one piece: most text has none.
   */
  public static void quote(StringBuilder out, String s) {
    quote(out, s, Style.COMPACT);
  }

  private static void quote(StringBuilder out, String s, Style style) {
    int n = s.length();
    out.ensureCapacity(out.length() + n + 16); // one growth at most for a long text
    out.append('"');
    int run = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        continue;
      }
      if (c >= 0x7f && !style.ascii && !Character.isSurrogate(c)) {
        if (!style.lineSafe || (c != '\u0085' && c != '\u2028' && c != '\u2029')) {
          continue;
        }
      }
      if (!style.ascii
          && Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a well-formed pair is written as is
        continue;
      }
      out.append(s, run, i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> unicodeEscape(out, c); // other controls, lone surrogates as ES2019 does
      }
      run = i + 1;
    }
    out.append(s, run, n).append('"');
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }

  private static final class Reader {
    private final String text;
    private int pos;
    private int depth;

    Reader(String text) {
      this.text = text;
    }

    ParseException error(String what) {
      return new ParseException("invalid JSON at offset " + pos + ": " + what);
    }

    void skipSpace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          break;
        }
      }
    }

    @Nullable Object value() {
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected character '" + c + "'");
        }
      };
    }

    private @Nullable Object literal(String word, @Nullable Object value) {
      if (!text.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return value;
    }

    private Map<String, @Nullable Object> object() {
      enter();
      pos++;
      // Room for a typical mailbox message's keys without a rehash.
      Map<String, @Nullable Object> map = new LinkedHashMap<>(32);
      skipSpace();
      if (peek() == '}') {
        pos++;
        depth--;
        return map;
      }
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("expected a member name");
        }
        String key = string();
        skipSpace();
        if (peek() != ':') {
          throw error("expected ':'");
        }
        pos++;
        skipSpace();
        map.put(key, value());
        skipSpace();
        char c = peek();
        pos++;
        if (c == '}') {
          depth--;
          return map;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<@Nullable Object> array() {
      enter();
      pos++;
      List<@Nullable Object> list = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        pos++;
        depth--;
        return list;
      }
      while (true) {
        skipSpace();
        list.add(value());
        skipSpace();
        char c = peek();
        pos++;
        if (c == ']') {
          depth--;
          return list;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']'");
        }
      }
    }

    private void enter() {
      if (++depth > 512) {
        throw error("nested too deeply");
      }
    }

    private char peek() {
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      return text.charAt(pos);
    }

    private String string() {
      pos++;
      StringBuilder sb = null;
      int start = pos;
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String s =
              sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
          pos++;
          return s;
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(text, start, pos);
          pos++;
          char e = peek();
          pos++;
          switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
              if (pos + 4 > text.length()) {
                throw error("short unicode escape");
              }
              try {
                sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
              } catch (NumberFormatException ex) {
                throw error("bad unicode escape");
              }
              pos += 4;
            }
            default -> {
              pos--;
              throw error("bad escape '\\" + e + "'");
            }
          }
          start = pos;
        } else {
          pos++;
        }
      }
    }

    private Object number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      boolean fraction = false;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c >= '0' && c <= '9') {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
          fraction = true;
          pos++;
        } else {
          break;
        }
      }
      String digits = text.substring(start, pos);
      try {
        if (!fraction) {
          return Long.parseLong(digits);
        }
        return Double.parseDouble(digits);
      } catch (NumberFormatException e) {
        if (!fraction) {
          try {
            return Double.parseDouble(digits);
          } catch (NumberFormatException ignored) {
            // fall through to the error below
          }
        }
        pos = start;
        throw error("bad number '" + digits + "'");
      }
    }
  }
}
