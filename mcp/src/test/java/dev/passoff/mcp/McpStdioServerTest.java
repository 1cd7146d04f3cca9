package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import dev.passoff.core.testing.InMemoryHandoffStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server loop run in-process over byte streams. */
@Timeout(30)
class McpStdioServerTest {
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"%s\",\"version\":\"1\"}}}";

  private final McpStdioServer server =
      new McpStdioServer(
          TestServerMain.services(new InMemoryHandoffStore(), Clock.systemUTC()), "9.9.9");

  @Test
  void givenRequestsThenEof_run_answersEachOnItsOwnLineAndReturnsZero() {
    String input =
        String.format(INIT, "cursor")
            + "\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}"; // no final line end
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = server.run(in(input), out);

    assertThat(code).isZero();
    String written = out.toString(StandardCharsets.UTF_8);
    assertThat(written).endsWith("\n").doesNotContain("\r");
    List<String> lines = written.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}");
    for (String line : lines) {
      assertThat(line).doesNotContain("\n  ");
      assertThat(Json.parse(line)).isInstanceOf(Map.class);
    }
  }

  @Test
  void givenRun_returning_leavesNoNewNonDaemonThread() {
    Set<Thread> before = nonDaemonThreads();

    server.run(in(String.format(INIT, "x") + "\n"), new ByteArrayOutputStream());

    assertThat(nonDaemonThreads()).isSubsetOf(before);
  }

  @Test
  void givenBrokenOutput_run_returnsOne() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
          }
        };

    assertThat(server.run(in("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n"), broken))
        .isEqualTo(1);
  }

  @Test
  void givenClientNameWithUnpairedSurrogate_create_storesReplacementCharacterAndRepliesInUtf8() {
    String input =
        String.format(INIT, "bad\\ud800name")
            + "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"passoff_create\",\"arguments\":{\"title\":\"t\",\"content\":\"c\","
            + "\"project\":\"p\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"passoff_list\",\"arguments\":{\"project\":\"p\"}}}\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    server.run(in(input), out);

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).contains("\"from_client\":\"bad\uFFFDname\"");
  }

  private static ByteArrayInputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isDaemon() && t.isAlive())
        .collect(Collectors.toSet());
  }
}
