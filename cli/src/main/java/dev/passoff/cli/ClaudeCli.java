package dev.passoff.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs the {@code claude} command line, which owns Claude Code's MCP configuration. The child gets
 * the caller's environment, no standard input and pipes for its output, never this process's
 * streams.
 */
final class ClaudeCli {
  /** Generous: the first run of a Node CLI on a cold machine can take seconds. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  /** How a run ended: the exit code ({@code -1} on timeout) and the merged output. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }

    /** The first non-blank output line, for one-line error messages. */
    String firstLine() {
      return output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
  }

  private ClaudeCli() {}

  /** The {@code claude} executable on the environment's {@code PATH}, or {@code null}. */
  static @Nullable Path find(Map<String, String> environment) {
    String path = environment.getOrDefault("PATH", environment.getOrDefault("Path", ""));
    List<String> names =
        WINDOWS ? List.of("claude.exe", "claude.cmd", "claude") : List.of("claude");
    for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String name : names) {
        Path candidate;
        try {
          candidate = Path.of(dir).resolve(name);
        } catch (IllegalArgumentException e) {
          continue; // a PATH entry that is not a valid path on this system
        }
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toAbsolutePath();
        }
      }
    }
    return null;
  }

  /** Runs {@code claude <args>} in {@code dir} and waits for it, at most {@link #TIMEOUT}. */
  static Result run(Path claude, List<String> args, Path dir, Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    if (WINDOWS && claude.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".cmd")) {
      command.add("cmd.exe");
      command.add("/c");
    }
    command.add(claude.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(127, "cannot start " + claude + ": " + AtomicFiles.describe(e));
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // The child may already have exited; it gets no input either way.
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> copy(process.getInputStream(), output), "claude-output");
    drain.setDaemon(true);
    drain.start();
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + TIMEOUT.toSeconds() + " s");
      }
      drain.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
    synchronized (output) {
      return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
  }

  /** The command as a user would type it in a POSIX shell. */
  static String display(List<String> args) {
    List<String> words = new ArrayList<>();
    words.add("claude");
    for (String arg : args) {
      words.add(SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return String.join(" ", words);
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (out) {
          // Keep the first 64 KiB; only the first line is ever shown.
          if (out.size() < 65536) {
            out.write(buffer, 0, n);
          }
        }
      }
    } catch (IOException e) {
      // The pipe closes when the child dies; what was read so far is enough.
    }
  }
}
