package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TestServerMain} child process driven with raw JSON-RPC lines over its pipes. Every
 * stdout line is kept; stderr goes to a file.
 */
final class ServerProcess implements AutoCloseable {
  /** Marks the end of stdout in the line queue. */
  private static final String EOF = "\u0000EOF";

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> allLines = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Path stderr;
  private final AtomicLong ids = new AtomicLong(1000);

  private ServerProcess(Process process, Path stderr) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stderr = stderr;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  allLines.add(line);
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process went away; EOF below tells the waiting test.
              }
              lines.add(EOF);
            },
            "server-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the server in {@code cwd} with the given extra environment and JVM options. */
  static ServerProcess start(
      Path cwd, Map<String, String> env, List<String> jvmOptions, Path stderrFile)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-XX:+DisplayVMOutputToStderr",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass()));
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().remove("PASSOFF_PROJECT_ROOT");
    pb.environment().remove("PASSOFF_DB_PATH");
    pb.environment().putAll(env);
    pb.redirectError(stderrFile.toFile());
    pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
    return new ServerProcess(pb.start(), stderrFile);
  }

  /** Starts the server with a fixed project root, in a scratch folder. */
  static ServerProcess start(Path scratch, Map<String, String> env) throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("PASSOFF_PROJECT_ROOT", "/x/some-proj");
    all.putAll(env);
    return start(scratch, all, List.of(), scratch.resolve("stderr-" + System.nanoTime() + ".log"));
  }

  static String mainClass() {
    return TestServerMain.class.getName();
  }

  /** Writes one raw line (a line end is added). */
  void send(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** Writes raw bytes as they are. */
  void sendBytes(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  /** The next stdout line, waiting up to 20 s; fails on EOF or timeout. */
  String nextLine() throws InterruptedException {
    String line = lines.poll(20, TimeUnit.SECONDS);
    assertThat(line).as("a reply from the server; stderr:%n%s", stderrText()).isNotNull();
    assertThat(line).as("a reply before stdout ended; stderr:%n%s", stderrText()).isNotEqualTo(EOF);
    return line;
  }

  /** The next stdout line parsed as a JSON object. */
  @SuppressWarnings("unchecked")
  Map<String, @Nullable Object> nextMessage() throws InterruptedException {
    String line = nextLine();
    Object parsed = Json.parse(line);
    assertThat(parsed).as(line).isInstanceOf(Map.class);
    return (Map<String, @Nullable Object>) parsed;
  }

  /** Sends a request with a fresh numeric id and returns its reply, checking the id matches. */
  Map<String, @Nullable Object> request(String method, @Nullable Object params)
      throws IOException, InterruptedException {
    long id = ids.incrementAndGet();
    Map<String, @Nullable Object> message = new LinkedHashMap<>();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    if (params != null) {
      message.put("params", params);
    }
    send(Json.compact(message));
    Map<String, @Nullable Object> reply = nextMessage();
    assertThat(reply.get("id")).as("reply id").isEqualTo(id);
    return reply;
  }

  /** Sends {@code initialize} as the given client and returns the result. */
  @SuppressWarnings("unchecked")
  Map<String, Object> initialize(String protocolVersion, @Nullable Map<String, ?> clientInfo)
      throws IOException, InterruptedException {
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    params.put("protocolVersion", protocolVersion);
    params.put("capabilities", Map.of());
    if (clientInfo != null) {
      params.put("clientInfo", clientInfo);
    }
    Map<String, @Nullable Object> reply = request("initialize", params);
    assertThat(reply).containsKey("result");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return (Map<String, Object>) reply.get("result");
  }

  /** Calls a tool and returns the {@code result} object, failing on a JSON-RPC error. */
  @SuppressWarnings("unchecked")
  Map<String, @Nullable Object> callTool(String name, Map<String, ?> arguments)
      throws IOException, InterruptedException {
    Map<String, @Nullable Object> reply =
        request("tools/call", Map.of("name", name, "arguments", arguments));
    assertThat(reply).as("a result, not a JSON-RPC error").containsKey("result");
    return (Map<String, @Nullable Object>) reply.get("result");
  }

  /** Closes the server's stdin. */
  void closeStdin() throws IOException {
    stdin.close();
  }

  /** Every remaining stdout line until the stream ends. */
  List<String> remainingLines() throws InterruptedException {
    List<String> rest = new ArrayList<>();
    while (true) {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("stdout to end").isNotNull();
      if (EOF.equals(line)) {
        return rest;
      }
      rest.add(line);
    }
  }

  /** Every stdout line seen so far, in order. */
  List<String> allLines() {
    synchronized (allLines) {
      return List.copyOf(allLines);
    }
  }

  Process process() {
    return process;
  }

  String stderrText() {
    try {
      return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(stderr unreadable: " + e + ")";
    }
  }

  File stderrFile() {
    return stderr.toFile();
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // Already closed or the process is gone.
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
