package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code passoff.jar} as a child process, the way users run it. */
final class PassoffProcess {
  static final Path JAR = Path.of("target", "passoff.jar").toAbsolutePath();
  static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath().toString();

  /** Exit code, stdout and stderr of a finished command. */
  record Result(int exit, String out, String err) {}

  private PassoffProcess() {}

  static List<String> command(List<String> jvmFlags, String... args) {
    assertThat(JAR).as("the shaded jar, built by the package phase").exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(JAVA);
    cmd.add("-XX:+DisplayVMOutputToStderr");
    cmd.add("-Xshare:auto");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.addAll(jvmFlags);
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The environment an MCP client typically passes, plus the given variables. */
  static Map<String, String> environment(Path home, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    for (String key : List.of("PATH", "LOGNAME", "SHELL", "TERM", "USER")) {
      String value = System.getenv(key);
      if (value != null) {
        env.put(key, value);
      }
    }
    env.put("HOME", home.toString());
    env.putAll(extra);
    return env;
  }

  static ProcessBuilder builder(Path dir, Map<String, String> env, List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb;
  }

  /** Runs a CLI command to completion with the given stdin. */
  static Result run(Path dir, Map<String, String> env, String stdin, List<String> cmd)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("passoff-out", ".txt");
    Path err = Files.createTempFile("passoff-err", ".txt");
    try {
      Process p =
          builder(dir, env, cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** One {@code tools/call} request as a JSON-RPC line. */
  static String callLine(int id, String tool, Map<String, ?> arguments) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("name", tool);
    params.put("arguments", arguments);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", "tools/call");
    message.put("params", params);
    return Json.compact(message);
  }

  /** A parsed JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object json) {
    assertThat(json).isInstanceOf(Map.class);
    return (Map<String, Object>) json;
  }

  /** The text of a tool result's single content item. */
  static String text(Map<?, ?> result) {
    return (String) ((Map<?, ?>) ((List<?>) result.get("content")).get(0)).get("text");
  }

  /** Whether a tool result is an {@code isError} result. */
  static boolean isError(Map<?, ?> result) {
    return Boolean.TRUE.equals(result.get("isError"));
  }

  /** A running {@code serve} process driven with raw JSON-RPC lines. */
  static final class Server implements AutoCloseable {
    final Process process;
    private final BufferedReader out;
    private final OutputStream in;

    Server(Path dir, Map<String, String> env, List<String> jvmFlags) throws IOException {
      this(dir, env, jvmFlags, ProcessBuilder.Redirect.DISCARD);
    }

    /** As above, with the server's stderr sent to {@code stderr} (a file, to read it later). */
    Server(Path dir, Map<String, String> env, List<String> jvmFlags, ProcessBuilder.Redirect stderr)
        throws IOException {
      process = builder(dir, env, command(jvmFlags, "serve")).redirectError(stderr).start();
      out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      in = process.getOutputStream();
    }

    void send(String line) throws IOException {
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    String readLine() throws IOException {
      return out.readLine();
    }

    String request(String line) throws IOException {
      send(line);
      return readLine();
    }

    /** Sends {@code initialize} as the given client and returns the reply line. */
    String initialize(String client) throws IOException {
      return request(
          "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
              + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\""
              + client
              + "\",\"version\":\"1\"}}}");
    }

    /** Calls a tool with the given JSON-RPC id and arguments; returns the reply's result. */
    Map<String, Object> call(int id, String tool, Map<String, ?> arguments) throws IOException {
      send(callLine(id, tool, arguments));
      String reply = readLine();
      assertThat(reply).as("a reply to %s", tool).isNotNull();
      Map<String, Object> message = object(Json.parse(reply));
      assertThat(message).as(reply).containsKey("result");
      return object(message.get("result"));
    }

    void closeInput() throws IOException {
      in.close();
    }

    @Override
    public void close() throws Exception {
      try {
        in.close();
      } catch (IOException ignored) {
        // already closed by the test
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
