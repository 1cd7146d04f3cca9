package dev.passoff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slash-command templates bundled in the jar, rendered for each client. One text per command
 * holds the instructions; clients differ only in front matter, command names and how arguments
 * arrive.
 */
final class Templates {
  /** The five commands; Claude Code and Cursor name them {@code passoff*.md}, Codex by verb. */
  enum SlashCommand {
    CREATE("create", "passoff.md", "/passoff"),
    LOAD("load", "passoff-load.md", "/passoff-load"),
    LIST("list", "passoff-list.md", "/passoff-list"),
    SEARCH("search", "passoff-search.md", "/passoff-search"),
    ARCHIVE("archive", "passoff-archive.md", "/passoff-archive");

    private final String verb;
    private final String fileName;
    private final String slash;

    SlashCommand(String verb, String fileName, String slash) {
      this.verb = verb;
      this.fileName = fileName;
      this.slash = slash;
    }

    /** The Claude Code and Cursor file name, e.g. {@code passoff-load.md}. */
    String fileName() {
      return fileName;
    }

    /** The Codex plugin file name, e.g. {@code load.md}. */
    String codexFileName() {
      return verb + ".md";
    }

    /** The Codex command as typed, e.g. {@code /passoff:load}. */
    String codexSlash() {
      return "/passoff:" + verb;
    }

    String verb() {
      return verb;
    }

    String slash() {
      return slash;
    }
  }

  /**
   * Every template file name Passoff installs now or installed before into Claude Code and Cursor
   * command folders; uninstall removes all of them.
   */
  static final List<String> CLAUDE_CURSOR_FILES =
      List.of(
          "passoff.md",
          "passoff-load.md",
          "passoff-list.md",
          "passoff-search.md",
          "passoff-archive.md");

  /** The tools a Claude Code command may call without asking. */
  static final String CLAUDE_ALLOWED_TOOLS = "mcp__passoff__passoff_*";

  private Templates() {}

  /** The Claude Code file: front matter with description and allowed tools, then the body. */
  static String claude(SlashCommand command) {
    Source source = source(command);
    StringBuilder text = new StringBuilder("---\n");
    text.append("description: ").append(source.description()).append('\n');
    if (!source.argumentHint().isEmpty()) {
      text.append("argument-hint: ").append(source.argumentHint()).append('\n');
    }
    text.append("allowed-tools: ").append(CLAUDE_ALLOWED_TOOLS).append('\n');
    text.append("---\n\n");
    return text.append(body(source, false, "$ARGUMENTS")).toString();
  }

  /** The Cursor file: no front matter; Cursor appends what the user typed to the prompt. */
  static String cursor(SlashCommand command) {
    return body(source(command), false, "any text the user typed after the command");
  }

  /** The Codex plugin command: front matter, then the body with {@code /passoff:} names. */
  static String codex(SlashCommand command) {
    Source source = source(command);
    StringBuilder text = new StringBuilder("---\n");
    text.append("description: ").append(source.description()).append('\n');
    if (!source.argumentHint().isEmpty()) {
      text.append("argument-hint: ").append(source.argumentHint()).append('\n');
    }
    text.append("---\n\n");
    return text.append(body(source, true, "$ARGUMENTS")).toString();
  }

  /** The Claude Code templates by file name, in install order. */
  static Map<String, String> claudeFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    for (SlashCommand c : SlashCommand.values()) {
      files.put(c.fileName(), claude(c));
    }
    return files;
  }

  /** The Cursor templates by file name, in install order. */
  static Map<String, String> cursorFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    for (SlashCommand c : SlashCommand.values()) {
      files.put(c.fileName(), cursor(c));
    }
    return files;
  }

  /** The Codex plugin commands by file name, in install order. */
  static Map<String, String> codexFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    for (SlashCommand c : SlashCommand.values()) {
      files.put(c.codexFileName(), codex(c));
    }
    return files;
  }

  private record Source(String description, String argumentHint, String body) {}

  private static String body(Source source, boolean codex, String arguments) {
    String text = source.body();
    for (SlashCommand c : SlashCommand.values()) {
      text = text.replace("{{" + c.verb() + "}}", "`" + (codex ? c.codexSlash() : c.slash()) + "`");
    }
    return text.replace("{{arguments}}", arguments);
  }

  /** Reads a bundled template: {@code key: value} lines, a {@code ---} line, then the body. */
  private static Source source(SlashCommand command) {
    String raw = resource("templates/" + command.verb() + ".md");
    int split = raw.indexOf("\n---\n");
    if (split < 0) {
      throw new IllegalStateException("template " + command.verb() + " has no front matter");
    }
    String description = "";
    String hint = "";
    for (String line : raw.substring(0, split).split("\n")) {
      int colon = line.indexOf(':');
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (key.equals("description")) {
        description = value;
      } else if (key.equals("argument-hint")) {
        hint = value;
      }
    }
    return new Source(description, hint, raw.substring(split + "\n---\n".length()));
  }

  private static String resource(String name) {
    try (InputStream in = Templates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled resource " + name, e);
    }
  }
}
