package dev.passoff.distribution.passoff;

import dev.passoff.distribution.wiring.Settings;
import dev.passoff.store.sqlite.SqliteNativeLibrary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * A short run through the common paths (CLI commands and an MCP session) on a throw-away database,
 * made by the launcher with {@code -XX:ArchiveClassesAtExit} so that later starts map the loaded
 * classes from a class-data archive instead of loading them one by one.
 */
final class Training {
  /** The hidden command the launcher uses; not listed in help. */
  static final String COMMAND = "__train-cds";

  private Training() {}

  /** System property naming the folder that receives the cached SQLite native library. */
  static final String NATIVE_DIR_PROPERTY = "passoff.native.dir";

  static int run(PrintStream err) {
    Path tmp = null;
    try {
      String nativeDir = System.getProperty(NATIVE_DIR_PROPERTY);
      if (nativeDir != null && !nativeDir.isBlank()) {
        SqliteNativeLibrary.cacheIn(Path.of(nativeDir));
      }
      tmp = Files.createTempDirectory("passoff-train");
      Map<String, String> env =
          Map.of(
              "PASSOFF_DB_PATH", tmp.resolve("db.sqlite").toString(),
              "PASSOFF_PROJECT_ROOT", tmp.toString(),
              "PASSOFF_MAILBOX_ROOT", tmp.toString(),
              "PASSOFF_MAILBOX_SIDE", "codex");
      PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, UTF8);
      InputStream noInput = InputStream.nullInputStream();
      String[][] commands = {
        {"--help"},
        {"--version"},
        {"list"},
        {"create", "-t", "Training handoff", "--tag", "cds", "-f", "-"},
        {"list", "--json"},
        {"search", "training"},
        {"load", "--latest"},
        {"list", "-p", "*"},
        {"doctor"},
        {"list", "-n", "0"},
        {"mailbox", "init", "--no-gitignore"},
        {"mailbox", "send", "--side", "claude", "--type", "task", "--summary", "t", "--goal", "g"},
        {"mailbox", "poll-gate"},
        {"mailbox", "poll", "--json"},
        {"mailbox", "claim", "claude-000001"},
        {"mailbox", "complete", "claude-000001", "--type", "done", "--summary", "done"},
        {"mailbox", "poll"},
        {"mailbox", "doctor"},
      };
      for (String[] command : commands) {
        InputStream in =
            command[0].equals("create")
                ? new ByteArrayInputStream("## Current State\nwarming up".getBytes(UTF8))
                : noInput;
        PassoffMain.run(command, in, sink, sink, sink, env, false);
      }
      PassoffComponent component =
          DaggerPassoffComponent.factory()
              .create(
                  new Settings(
                      env,
                      tmp,
                      tmp,
                      PassoffMain.version(),
                      PassoffMain.launcher(),
                      line -> {},
                      false));
      McpServe.run(component, new ByteArrayInputStream(SESSION.getBytes(UTF8)), sink, null, null);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("passoff: class-data training failed: " + e.getMessage());
      return 1;
    } finally {
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static final String SESSION =
      String.join(
          "\n",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"train\","
              + "\"version\":\"1\"}}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"passoff_create\",\"arguments\":{\"title\":\"t\",\"content\":\"## Next Steps\","
              + "\"tags\":[\"a\"]}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"passoff_list\",\"arguments\":{}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"passoff_search\",\"arguments\":{\"query\":\"next steps\"}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"passoff_load\",\"arguments\":{\"latest\":true}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"passoff_create\",\"arguments\":{\"title\":\"\",\"content\":\"x\"}}}",
          "not json",
          "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"mailbox_poll\",\"arguments\":{}}}",
          "");

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // A leftover temp folder is harmless; the OS cleans it up.
    }
  }
}
