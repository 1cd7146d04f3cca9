package dev.passoff.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * Edits the {@code [mcp_servers.passoff]} table of Codex's {@code config.toml} line by line, so
 * that every other line, comments and sub-tables such as {@code [mcp_servers.passoff.env]}
 * included, keeps its bytes. tomlj only checks that the file parses before and after an edit.
 */
final class CodexToml {
  static final List<String> KEY = List.of("mcp_servers", "passoff");

  /** The outcome of removing the table. */
  record Removal(String text, boolean removed, List<String> keptSubTables) {}

  private CodexToml() {}

  /** The first parse error, or {@code null} when the text is valid TOML. */
  static @Nullable String problem(String text) {
    TomlParseResult result = Toml.parse(text);
    return result.hasErrors() ? result.errors().get(0).toString() : null;
  }

  /** Whether the parsed text defines {@code mcp_servers.passoff} in any form. */
  static boolean definesServer(String text) {
    TomlParseResult result = Toml.parse(text);
    return !result.hasErrors() && result.contains(KEY);
  }

  /** The registered command, or {@code null} when there is none or the text does not parse. */
  static @Nullable String command(String text) {
    TomlParseResult result = Toml.parse(text);
    if (result.hasErrors()) {
      return null;
    }
    List<String> path = new ArrayList<>(KEY);
    path.add("command");
    Object value = result.get(path);
    return value instanceof String s ? s : null;
  }

  /**
   * Replaces the table's own lines (from its header up to the next line starting with {@code [},
   * without the comments and blank lines that lead into that next table) or appends the table after
   * one blank line.
   *
   * @throws CommandFailedException when the result would not be valid TOML or would not hold the
   *     entry, e.g. because the server is defined with inline or dotted keys elsewhere
   */
  static String upsert(String text, String launcher) {
    String newline = text.contains("\r\n") ? "\r\n" : "\n";
    String table =
        "[mcp_servers.passoff]"
            + newline
            + "command = "
            + basicString(launcher)
            + newline
            + "args = [\"serve\"]"
            + newline;
    List<String> lines = lines(text);
    int header = findHeader(lines);
    String updated;
    if (header >= 0) {
      int end = bodyEnd(lines, header);
      StringBuilder out = new StringBuilder(text.length() + table.length());
      lines.subList(0, header).forEach(out::append);
      out.append(table);
      lines.subList(end, lines.size()).forEach(out::append);
      updated = out.toString();
    } else if (text.isEmpty()) {
      updated = table;
    } else {
      StringBuilder out = new StringBuilder(text);
      if (!text.endsWith("\n")) {
        out.append(newline);
      }
      if (!lines.get(lines.size() - 1).isBlank() || !text.endsWith("\n")) {
        out.append(newline);
      }
      updated = out.append(table).toString();
    }
    String problem = problem(updated);
    if (problem != null || !launcher.equals(command(updated))) {
      throw new CommandFailedException(
          "[mcp_servers.passoff] is defined in a form that cannot be edited line by line"
              + (problem == null ? "" : " (" + problem + ")")
              + "; edit it by hand");
    }
    return updated;
  }

  /** Removes the table's own lines; sub-tables stay and are reported. */
  static Removal remove(String text) {
    List<String> lines = new ArrayList<>(lines(text));
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      List<String> key = headerKey(line);
      if (key != null && key.size() > KEY.size() && key.subList(0, KEY.size()).equals(KEY)) {
        kept.add(line.strip());
      }
    }
    int header = findHeader(lines);
    if (header < 0) {
      return new Removal(text, false, kept);
    }
    int end = bodyEnd(lines, header);
    lines.subList(header, end).clear();
    // Install put one blank line before the table; do not leave it doubled or dangling.
    int before = header - 1;
    if (before >= 0
        && lines.get(before).isBlank()
        && (header >= lines.size() || lines.get(header).isBlank())) {
      lines.remove(before);
    }
    return new Removal(String.join("", lines), true, kept);
  }

  /** A TOML basic string. */
  static String basicString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static int findHeader(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (KEY.equals(headerKey(lines.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The end (exclusive) of the table's own lines: the next section start, minus the comments and
   * blank lines just before it, which belong to what follows.
   */
  private static int bodyEnd(List<String> lines, int header) {
    int next = header + 1;
    while (next < lines.size() && !startsSection(lines.get(next))) {
      next++;
    }
    int end = next;
    while (end > header + 1) {
      String line = lines.get(end - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        end--;
      } else {
        break;
      }
    }
    return end;
  }

  /** The text split into lines, each keeping its line terminator. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  private static boolean startsSection(String line) {
    return line.stripLeading().startsWith("[");
  }

  /**
   * The dotted key of a standard table header such as {@code [mcp_servers."passoff"] # note}, or
   * {@code null} for any other line (array-of-tables headers included).
   */
  static @Nullable List<String> headerKey(String line) {
    String s = line.strip();
    if (!s.startsWith("[") || s.startsWith("[[")) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    int i = 1;
    while (true) {
      i = skipSpace(s, i);
      if (i >= s.length()) {
        return null;
      }
      char c = s.charAt(i);
      StringBuilder part = new StringBuilder();
      if (c == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          char d = s.charAt(i);
          if (d == '\\') {
            if (i + 1 >= s.length()) {
              return null;
            }
            char e = s.charAt(i + 1);
            switch (e) {
              case '"', '\\' -> part.append(e);
              case 'b' -> part.append('\b');
              case 't' -> part.append('\t');
              case 'n' -> part.append('\n');
              case 'f' -> part.append('\f');
              case 'r' -> part.append('\r');
              case 'u', 'U' -> {
                int digits = e == 'u' ? 4 : 8;
                if (i + 2 + digits > s.length()) {
                  return null;
                }
                try {
                  part.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 2 + digits), 16));
                } catch (IllegalArgumentException ex) {
                  return null;
                }
                i += digits;
              }
              default -> {
                return null;
              }
            }
            i += 2;
          } else {
            part.append(d);
            i++;
          }
        }
        if (i >= s.length()) {
          return null;
        }
        i++;
      } else if (c == '\'') {
        int close = s.indexOf('\'', i + 1);
        if (close < 0) {
          return null;
        }
        part.append(s, i + 1, close);
        i = close + 1;
      } else {
        while (i < s.length() && isBareKeyChar(s.charAt(i))) {
          part.append(s.charAt(i));
          i++;
        }
        if (part.length() == 0) {
          return null;
        }
      }
      parts.add(part.toString());
      i = skipSpace(s, i);
      if (i >= s.length()) {
        return null;
      }
      if (s.charAt(i) == '.') {
        i++;
      } else if (s.charAt(i) == ']') {
        i++;
        break;
      } else {
        return null;
      }
    }
    String rest = s.substring(i).strip();
    return rest.isEmpty() || rest.startsWith("#") ? parts : null;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isBareKeyChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }
}
