package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    try (PassoffProcess.Server server = new PassoffProcess.Server(home, env(), flags)) {
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
  }

  @Test
  void givenDatabasePathIsAFolder_serveAnswersAndCliFailsWithOneLine() throws Exception {
    Path folder = Files.createDirectories(home.resolve("a-folder"));
    Map<String, String> env =
        PassoffProcess.environment(home, Map.of("PASSOFF_DB_PATH", folder.toString()));

    PassoffProcess.Result list =
        PassoffProcess.run(home, env, "", PassoffProcess.command(List.of(), "list"));
    assertThat(list.exit()).isEqualTo(1);
    assertThat(list.err().strip()).doesNotContain("\n").contains(folder.toString());
    assertThat(list.err()).doesNotContain("Exception").doesNotContain("\tat ");

    try (PassoffProcess.Server server = new PassoffProcess.Server(home, env, List.of())) {
      assertThat(
              server.request(
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                      + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                      + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"))
          .contains("\"result\"");
      String reply =
          server.request(
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                  + "\"passoff_list\",\"arguments\":{}}}");
      assertThat(reply).contains("\"isError\":true").contains(folder.toString());
    }
    assertThat(folder).isEmptyDirectory();
  }
}
