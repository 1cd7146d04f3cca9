package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as users run it. */
@Timeout(120)
class PassoffJarIT {
  @TempDir Path home;

  private Map<String, String> env() {
    return PassoffProcess.environment(
        home, Map.of("PASSOFF_DB_PATH", home.resolve("db.sqlite").toString()));
  }

  private PassoffProcess.Result run(String stdin, String... args) throws Exception {
    return PassoffProcess.run(home, env(), stdin, PassoffProcess.command(List.of(), args));
  }

  @Test
  void givenNoArguments_jar_printsUsageOnStderrAndExits2() throws Exception {
    PassoffProcess.Result r = run("");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("Usage: passoff");
  }

  @Test
  void givenVersionFlag_jar_printsTheVersionAlone() throws Exception {
    PassoffProcess.Result r = run("", "--version");

    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo(PassoffMain.version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void givenCliCommand_jar_loadsNoMcpJsonSchemaOrReactiveClasses() throws Exception {
    Path log = home.resolve("classes.log");
    List<String> flags = List.of("-Xshare:off", "-Xlog:class+load=info:file=" + log);
    PassoffProcess.Result list =
        PassoffProcess.run(home, env(), "", PassoffProcess.command(flags, "list"));
    assertThat(list.exit()).as(list.err()).isZero();

    String loaded = Files.readString(log);
    assertThat(loaded).contains("dev.passoff.cli.");
    assertThat(loaded)
        .doesNotContain("io.modelcontextprotocol")
        .doesNotContain("com.networknt")
        .doesNotContain("reactor.core")
        .doesNotContain("org.reactivestreams")
        .doesNotContain("tools.jackson");
  }

  @Test
  void givenServe_jar_loadsOurServerButNoJacksonOrSdkClasses() throws Exception {
    Path log = home.resolve("classes.log");
    List<String> flags = List.of("-Xshare:off", "-Xlog:class+load=info:file=" + log);
    try (PassoffProcess.Server server = new PassoffProcess.Server(home, env(), flags)) {
      String reply =
          server.request(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                  + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                  + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
      assertThat(reply).contains("\"name\":\"passoff\"");
    }
    String loaded = Files.readString(log);
    assertThat(loaded).contains("dev.passoff.mcp.McpStdioServer");
    assertThat(loaded)
        .doesNotContain("io.modelcontextprotocol")
        .doesNotContain("tools.jackson")
        .doesNotContain("reactor.core");
  }

  @Test
  void givenHeavyLoggingAndJunk_serve_writesOnlyJsonRpcToStdout() throws Exception {
    List<String> flags = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace");
    Path stderr = home.resolve("serve-stderr.log");
    try (PassoffProcess.Server server =
        new PassoffProcess.Server(
            home, env(), flags, ProcessBuilder.Redirect.to(stderr.toFile()))) {
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
              + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
      server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      server.send("this is not json");
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"passoff_create\",\"arguments\":{\"title\":\"t\",\"content\":\"c\"}}}");
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"passoff_list\",\"arguments\":{\"project\":\"*\"}}}");
      server.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"nope\"}");
      server.closeInput();
      int lines = 0;
      for (String line = server.readLine(); line != null; line = server.readLine()) {
        Object parsed = Json.parse(line);
        assertThat(parsed).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) parsed).get("jsonrpc")).isEqualTo("2.0");
        lines++;
      }
      assertThat(lines).isEqualTo(5);
      assertThat(server.process.waitFor()).isZero();
    }
    // Section 10: the junk line is answered -32700 and also logged on stderr.
    assertThat(Files.readString(stderr).lines())
        .anySatisfy(line -> assertThat(line).contains("-32700").contains("not JSON"));
  }

  // --- section 10: a database path that is a folder or not a SQLite file ---
  // An unreadable file is the third case of that row. It cannot be tested here: the suite runs as
  // root on CI and on developer machines, and root reads a 0000 file, so such a test could not
  // fail. SqliteHandoffStore checks readability before SQLite opens the file.

  @Test
  void givenDatabasePathIsAFolder_serveAnswersAndCliFailsWithOneLine() throws Exception {
    Path folder = Files.createDirectories(home.resolve("a-folder"));

    assertUnusableDatabase(folder, "folder");

    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void givenDatabaseFileOfRandomBytes_serveAnswersAndCliFailsAndTheBytesStay() throws Exception {
    Path file = home.resolve("junk.sqlite");
    byte[] junk = new byte[16 * 1024];
    new SplittableRandom(42).nextBytes(junk);
    Files.write(file, junk);
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);

    assertUnusableDatabase(file, "not a SQLite database");

    assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(mode);
    try (Stream<Path> files = Files.list(home)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("junk.sqlite-"));
    }
  }

  /**
   * The CLI fails with one line naming {@code path}; {@code serve} still answers {@code initialize}
   * and then every tool with an {@code isError} result naming it.
   */
  private void assertUnusableDatabase(Path path, String why) throws Exception {
    Map<String, String> env =
        PassoffProcess.environment(home, Map.of("PASSOFF_DB_PATH", path.toString()));

    PassoffProcess.Result list =
        PassoffProcess.run(home, env, "", PassoffProcess.command(List.of(), "list"));
    assertThat(list.exit()).isEqualTo(1);
    assertThat(list.out()).isEmpty();
    assertThat(list.err().strip()).doesNotContain("\n").contains(path.toString()).contains(why);
    assertThat(list.err()).doesNotContain("Exception").doesNotContain("\tat ");

    Map<String, Map<String, ?>> calls = new LinkedHashMap<>();
    calls.put("passoff_create", Map.of("title", "t", "content", "c"));
    calls.put("passoff_load", Map.of("latest", true));
    calls.put("passoff_list", Map.of());
    calls.put("passoff_search", Map.of("query", "anything"));
    calls.put("passoff_thread", Map.of("id", "ph_whatever"));
    calls.put("passoff_archive", Map.of("id", "ph_whatever"));
    calls.put("passoff_get", Map.of("id", "ph_whatever"));
    try (PassoffProcess.Server server = new PassoffProcess.Server(home, env, List.of())) {
      assertThat(server.initialize("it")).contains("\"result\"").contains("\"passoff\"");
      int id = 1;
      for (Map.Entry<String, Map<String, ?>> call : calls.entrySet()) {
        Map<String, Object> result = server.call(id++, call.getKey(), call.getValue());
        assertThat(PassoffProcess.isError(result)).as(call.getKey()).isTrue();
        assertThat(PassoffProcess.text(result))
            .as(call.getKey())
            .startsWith("Error: ")
            .contains(path.toString())
            .contains(why);
      }
    }
  }
}
