package dev.passoff.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates mailbox streams of the size the specification's reference figures use: about 420 bytes
 * per line, ids ascending, a mix of types, every fifth codex line a reply to a claude one.
 *
 * <p>Usage: {@code MailboxStreams <runtime folder> <lines per stream>}; the folder must hold an
 * initialised runtime.
 */
public final class MailboxStreams {
  private MailboxStreams() {}

  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Integer.parseInt(args[1]));
  }

  /** Fills both streams of the runtime at {@code runtime} with {@code lines} lines each. */
  public static void write(Path runtime, int lines) throws IOException {
    stream(runtime.resolve("claude-to-codex.jsonl"), "claude", "codex", lines);
    stream(runtime.resolve("codex-to-claude.jsonl"), "codex", "claude", lines);
    Files.writeString(runtime.resolve(".claude-seq"), lines + "\n");
    Files.writeString(runtime.resolve(".codex-seq"), lines + "\n");
  }

  /**
   * Fills the stream written by {@code side} ({@code claude} or {@code codex}) with {@code lines}
   * lines and sets that side's seq file; the other stream is left alone.
   */
  public static void writeOne(Path runtime, String side, int lines) throws IOException {
    String peer = side.equals("claude") ? "codex" : "claude";
    stream(runtime.resolve(side + "-to-" + peer + ".jsonl"), side, peer, lines);
    Files.writeString(runtime.resolve("." + side + "-seq"), lines + "\n");
  }

  private static void stream(Path file, String side, String peer, int lines) throws IOException {
    String[] types = {"task", "status", "handoff", "status", "question"};
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 1; i <= lines; i++) {
        String id = String.format("%s-%06d", side, i);
        boolean reply = side.equals("codex") && i % 5 == 0;
        String type = reply ? "done" : types[i % types.length];
        String replyTo = reply ? "\"" + String.format("%s-%06d", peer, i) + "\"" : "null";
        String thread = reply ? String.format("%s-%06d", peer, i) : id;
        out.write(
            "{\"v\":\"1.0\",\"id\":\""
                + id
                + "\",\"ts\":\"2026-11-21T22:23:41.123Z\",\"from\":\""
                + side
                + "\",\"from_session\":\""
                + side
                + "-main\",\"type\":\""
                + type
                + "\",\"thread\":\""
                + thread
                + "\",\"summary\":\"Benchmark message number "
                + i
                + " about the parser port and its tests\",\"blocking\":false,"
                + "\"peer_cursor_observed\":"
                + i
                + ",\"refs\":{\"reply_to\":"
                + replyTo
                + ",\"notes_file\":null,\"commit\":null},\"context\":\"Some context that makes the"
                + " line about as long as a real one, with a file name or two: src/parser.py.\","
                + "\"next_action\":\"Review the change and reply\",\"files_changed\":[]}\n");
      }
    }
  }
}
