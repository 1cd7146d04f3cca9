package dev.passoff.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates mailbox streams for the benchmarks: about 510 bytes per line (a little over the
 * specification's reference 420), ids ascending, a mix of types, every fifth codex line a reply to
 * a claude one. Also the folders the mailbox benchmarks run in.
 *
 * <p>Usage: {@code MailboxStreams <runtime folder> <lines per stream>}; the folder must hold an
 * initialised runtime.
 */
public final class MailboxStreams {
  private MailboxStreams() {}

  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Integer.parseInt(args[1]));
  }

  /**
   * A new folder for a benchmark's runtime: on tmpfs ({@code /dev/shm}) where there is one, as
   * mailbox.md §13 states its budgets for tmpfs, else in the temporary folder.
   */
  public static Path newFolder(String prefix) throws IOException {
    Path shm = Path.of("/dev/shm");
    return Files.createTempDirectory(
        Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")), prefix);
  }

  /** Deletes {@code root} and everything under it; nothing when it is gone. */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
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
