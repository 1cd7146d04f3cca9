package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With every logger at trace and stray prints, stdout still carries only JSON-RPC (item 44). */
@Timeout(60)
class LoggingIT {
  @TempDir Path scratch;

  @Test
  void givenTraceLogging_session_writesOnlyJsonRpcLinesToStdout() throws Exception {
    List<String> input =
        List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2099-01-01\",\"capabilities\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "junk that is not json",
            "{\"foo\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"passoff_create\",\"arguments\":{\"title\":\"t\",\"content\":\"c\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"passoff_create\",\"arguments\":{\"title\":\"\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"passoff_load\",\"arguments\":{\"id\":\"ph_none0000\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"passoff_nope\",\"arguments\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"passoff_search\",\"arguments\":{\"query\":\"t\",\"project\":\"*\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}");
    try (ServerProcess server =
        ServerProcess.start(
            scratch,
            Map.of("PASSOFF_PROJECT_ROOT", "/x/some-proj", "PASSOFF_TEST_NOISE", "1"),
            List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-Xlog:gc*:stderr"),
            scratch.resolve("stderr.log"))) {
      for (String line : input) {
        server.send(line);
      }
      server.closeStdin();

      List<String> lines = server.remainingLines();

      assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.process().exitValue()).isZero();
      assertThat(lines).hasSize(11);
      for (String line : lines) {
        assertThat(Json.parse(line)).as(line).isInstanceOf(Map.class);
        Map<?, ?> message = (Map<?, ?>) Json.parse(line);
        assertThat(message.get("jsonrpc")).as(line).isEqualTo("2.0");
        assertThat(message.containsKey("id")).as(line).isTrue();
        assertThat(message.containsKey("result") ^ message.containsKey("error")).as(line).isTrue();
        assertThat(Json.compact(message)).as("compact, one message per line").isEqualTo(line);
      }
      String stderr = server.stderrText();
      assertThat(stderr).contains("TRACE").contains("a stray print that must not reach");
    }
  }
}
