package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How the server ends when its stdin closes (item 45), and what it leaves committed. */
@Timeout(60)
class ShutdownIT {
  @TempDir Path scratch;

  @Test
  void givenRequestInFlight_stdinCloses_replyIsWrittenAndProcessExitsZeroByItself()
      throws Exception {
    Path dump = scratch.resolve("dump.jsonl");
    try (ServerProcess server =
        ServerProcess.start(
            scratch,
            Map.of("PASSOFF_TEST_SLOW_CREATE_MS", "300", "PASSOFF_TEST_DUMP", dump.toString()))) {
      server.initialize("2025-06-18", Map.of("name", "cursor", "version", "0.50"));
      String first =
          (String)
              Results.structured(
                      server.callTool("passoff_create", Map.of("title", "a", "content", "c")))
                  .get("id");
      for (int i = 0; i < 2; i++) {
        Results.structured(
            server.callTool("passoff_load", Map.of("id", first, "to_model", "gpt-5")));
      }

      // The create sleeps inside the server, so stdin closes while it is still running.
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"tools/call\",\"params\":{\"name\":"
              + "\"passoff_create\",\"arguments\":{\"title\":\"in flight\",\"content\":\"c\"}}}");
      server.closeStdin();

      List<String> rest = server.remainingLines();
      assertThat(rest).hasSize(1);
      @SuppressWarnings("unchecked")
      Map<String, @Nullable Object> reply = (Map<String, @Nullable Object>) Json.parse(rest.get(0));
      assertThat(reply).containsEntry("id", "last");
      @SuppressWarnings("unchecked")
      Map<String, @Nullable Object> result = (Map<String, @Nullable Object>) reply.get("result");
      String inFlight = (String) Results.structured(result).get("id");

      // Generous bound: proves nothing keeps the JVM alive; the run itself is not timed.
      assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.process().exitValue()).isZero();
      assertThat(server.stderrText()).contains("run returned 0");

      List<String> rows = Files.readAllLines(dump, StandardCharsets.UTF_8);
      assertThat(rows).hasSize(2);
      Map<?, ?> a = (Map<?, ?>) Json.parse(rows.get(0));
      Map<?, ?> b = (Map<?, ?>) Json.parse(rows.get(1));
      assertThat(a.get("id")).isEqualTo(first);
      assertThat(b.get("id")).isEqualTo(inFlight);
      // Item 20/25: every load appended a history row with the receiver and its model.
      assertThat((List<?>) a.get("loads"))
          .hasSize(2)
          .allSatisfy(
              l -> {
                Map<?, ?> load = (Map<?, ?>) l;
                assertThat(load.get("client")).isEqualTo("cursor");
                assertThat(load.get("client_ver")).isEqualTo("0.50");
                assertThat(load.get("model")).isEqualTo("gpt-5");
              });
    }
  }
}
