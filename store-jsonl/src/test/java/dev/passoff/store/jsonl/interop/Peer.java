package dev.passoff.store.jsonl.interop;

import static org.assertj.core.api.Assertions.fail;

import dev.passoff.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The peer model: Python scripts in the test resources that model the existing tool's documented
 * behaviour (see ADR 0018), copied to a folder and run as child processes with piped output.
 */
final class Peer {
  /** The scripts copied out of {@code /peer/} on the class path. */
  static final List<String> SCRIPTS =
      List.of("send.py", "poll_gate.py", "doctor.py", "archive.py", "run_many.py");

  /** Variables of the test's own environment that would change what the scripts resolve. */
  private static final List<String> SCRUBBED =
      List.of(
          "HANDOFF_SESSION_ID",
          "CLAUDE_SESSION_ID",
          "CODEX_SESSION_ID",
          "PASSOFF_MAILBOX_ROOT",
          "PASSOFF_MAILBOX_SIDE",
          "PEER_LOCK_TIMEOUT",
          "PYTHONPATH",
          "PYTHONSTARTUP");

  private static final long TIMEOUT_SECONDS = 120;

  private final Path python;
  private final Path dir;

  private Peer(Path python, Path dir) {
    this.python = python;
    this.dir = dir;
  }

  /** Copies the scripts into {@code dir} and finds {@code python3}; fails if it is missing. */
  static Peer install(Path dir) {
    Path python = interpreter(python3());
    try {
      Files.createDirectories(dir);
      for (String name : SCRIPTS) {
        try (InputStream in = Peer.class.getResourceAsStream("/peer/" + name)) {
          if (in == null) {
            throw new IllegalStateException("test resource /peer/" + name + " is missing");
          }
          Files.write(dir.resolve(name), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Peer(python, dir);
  }

  /** {@code python3} from {@code PATH}; a missing interpreter fails the test, never skips it. */
  static Path python3() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (entry.isEmpty()) {
          continue;
        }
        for (String name : List.of("python3", "python3.exe")) {
          Path candidate = Path.of(entry, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return candidate;
          }
        }
      }
    }
    return fail(
        "python3 is not on PATH. The mailbox interop tests run the peer model (Python 3.7 or later,"
            + " standard library only) as child processes; install python3 and put it on PATH.");
  }

  /**
   * The interpreter behind {@code launcher}, which may be a shim (pyenv, asdf) that costs a process
   * start of its own on every run; fails unless it is Python 3.7 or later.
   */
  private static Path interpreter(Path launcher) {
    String probe = "import sys; print(sys.version_info >= (3, 7)); print(sys.executable)";
    Result r;
    try {
      ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "-c", probe);
      builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
      builder.redirectError(ProcessBuilder.Redirect.PIPE);
      r = new Running(builder.start()).await();
    } catch (IOException e) {
      return fail("cannot run " + launcher + ": " + e);
    }
    List<String> lines = r.lines();
    if (r.exit() != 0 || lines.size() < 2 || !lines.get(0).strip().equals("True")) {
      return fail(launcher + " is not Python 3.7 or later: " + r);
    }
    Path executable = Path.of(lines.get(1).strip());
    return Files.isExecutable(executable) ? executable : launcher;
  }

  /** What one run of a script printed and returned. */
  record Result(int exit, String stdout, String stderr) {
    List<String> lines() {
      return stdout.isEmpty() ? List.of() : Arrays.asList(stdout.split("\n"));
    }

    /** The lines starting with {@code WARN} or {@code ERROR}. */
    List<String> problems() {
      List<String> out = new ArrayList<>();
      for (String line : lines()) {
        if (line.startsWith("WARN") || line.startsWith("ERROR")) {
          out.add(line);
        }
      }
      return out;
    }

    /** The JSON object that starts stdout (a send's indented message, or a gate's line). */
    Map<String, @Nullable Object> json() {
      int end = stdout.indexOf("\n}\n");
      String text = end >= 0 ? stdout.substring(0, end + 2) : stdout.strip();
      return InteropRuntime.object(Json.parse(text));
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /** A started script whose output is drained on two threads. */
  static final class Running {
    private final Process process;
    private final Drain out;
    private final Drain err;

    private Running(Process process) {
      this.process = process;
      this.out = new Drain(process.getInputStream());
      this.err = new Drain(process.getErrorStream());
    }

    boolean alive() {
      return process.isAlive();
    }

    Result await() {
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          fail("peer script did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), out.text(), err.text());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException(e);
      }
    }
  }

  private static final class Drain extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Drain(InputStream in) {
      this.in = in;
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      try (in) {
        in.transferTo(bytes);
      } catch (IOException e) {
        // the process went away; what was read is kept
      }
    }

    String text() throws InterruptedException {
      join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Starts {@code script} in {@code cwd}.
   *
   * @param env variables to set; a {@code null} value removes one
   * @param stdin text for standard input, or {@code null} for none
   */
  Running start(
      Path cwd,
      Map<String, @Nullable String> env,
      @Nullable String stdin,
      String script,
      List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(python.toString());
    command.add(dir.resolve(script).toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    Map<String, String> environment = builder.environment();
    SCRUBBED.forEach(environment::remove);
    environment.put("PYTHONIOENCODING", "utf-8");
    environment.put("PYTHONDONTWRITEBYTECODE", "1");
    env.forEach(
        (k, v) -> {
          if (v == null) {
            environment.remove(k);
          } else {
            environment.put(k, v);
          }
        });
    // Pipes only: the scripts' output is asserted on, and never mixed into the build's streams.
    builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    builder.redirectError(ProcessBuilder.Redirect.PIPE);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      Process process = builder.start();
      Running running = new Running(process);
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      return running;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs {@code script} in {@code cwd} to the end. */
  Result run(Path cwd, Map<String, @Nullable String> env, String script, String... args) {
    return start(cwd, env, null, script, List.of(args)).await();
  }

  /**
   * Runs many calls of one script in a single Python process through {@code run_many.py}.
   *
   * @param calls each either {@code {"argv", "cwd"?, "env"?, "capture"?}} or {@code {"function",
   *     "args"}}
   * @return one result object per call
   */
  List<Map<String, @Nullable Object>> many(String module, List<Map<String, Object>> calls) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("script", module);
    request.put("calls", calls);
    Result result = start(dir, Map.of(), Json.compact(request), "run_many.py", List.of()).await();
    if (result.exit() != 0) {
      fail("run_many.py failed: " + result);
    }
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    if (!(Json.parse(result.stdout().strip()) instanceof List<?> list)) {
      return fail("run_many.py printed no list: " + result);
    }
    for (Object item : list) {
      out.add(InteropRuntime.object(item));
    }
    return out;
  }

  /** An argv call for {@link #many}. */
  static Map<String, Object> call(
      Path cwd, Map<String, @Nullable String> env, List<String> capture, String... argv) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("argv", List.of(argv));
    call.put("cwd", cwd.toString());
    Map<String, @Nullable Object> environment = new LinkedHashMap<>();
    for (String name : SCRUBBED) {
      environment.put(name, null);
    }
    environment.putAll(env);
    call.put("env", environment);
    call.put("capture", capture);
    return call;
  }

  /** A function call for {@link #many}. */
  static Map<String, Object> function(String name, Object... args) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("function", name);
    call.put("args", Arrays.asList(args));
    return call;
  }

  /** The exit code of a {@link #many} result. */
  static int exit(Map<String, @Nullable Object> result) {
    return ((Number) result.get("exit")).intValue();
  }

  /** A captured text of a {@link #many} result. */
  static String stdout(Map<String, @Nullable Object> result) {
    return String.valueOf(result.get("stdout"));
  }
}
