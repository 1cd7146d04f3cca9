package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acceptance 48: three different clients hand one piece of work along through the packaged server
 * and one SQLite file, and provenance comes from each client's {@code initialize}.
 */
@Timeout(120)
class LifeCycleIT {
  @TempDir Path home;

  private McpSyncClient client(String name, String version) {
    List<String> cmd = PassoffProcess.command(List.of(), "serve");
    ServerParameters params =
        ServerParameters.builder(cmd.get(0))
            .args(cmd.subList(1, cmd.size()))
            .env(
                Map.of(
                    "PASSOFF_DB_PATH",
                    home.resolve("db.sqlite").toString(),
                    "PASSOFF_PROJECT_ROOT",
                    "/projects/netutil"))
            .build();
    StdioClientTransport transport =
        new StdioClientTransport(params, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
    transport.setStdErrorHandler(line -> {});
    McpSyncClient client =
        McpClient.sync(transport)
            .clientInfo(McpSchema.Implementation.builder(name, version).build())
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    return client;
  }

  private static Map<?, ?> call(McpSyncClient client, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult result =
        client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    assertThat(result.isError())
        .as(((McpSchema.TextContent) result.content().get(0)).text())
        .isNotEqualTo(Boolean.TRUE);
    return (Map<?, ?>) result.structuredContent();
  }

  private static List<Object> field(Map<?, ?> structured, String key) {
    List<Object> values = new java.util.ArrayList<>();
    for (Object item : (List<?>) structured.get("items")) {
      values.add(((Map<?, ?>) item).get(key));
    }
    return values;
  }

  @Test
  void givenThreeClients_handoffChain_recordsEachClientFromTransport() {
    String childId;
    String grandchildId;
    McpSyncClient claude = client("claude-code", "1.0.0");
    try {
      call(
          claude,
          "passoff_create",
          Map.of("title", "Start auth", "content", "## Next Steps\nlogin", "from_model", "opus"));
    } finally {
      claude.closeGracefully();
    }

    McpSyncClient cursor = client("cursor", "0.50");
    try {
      Map<?, ?> loaded = call(cursor, "passoff_load", Map.of("latest", true));
      assertThat(loaded.get("from_client")).isEqualTo("claude-code");
      assertThat(loaded.get("to_client")).isEqualTo("cursor");
      childId =
          (String)
              call(
                      cursor,
                      "passoff_create",
                      Map.of(
                          "title", "Continue auth",
                          "content", "## Current State\nhalf done",
                          "parent_id", loaded.get("id")))
                  .get("id");
    } finally {
      cursor.closeGracefully();
    }

    McpSyncClient codex = client("codex", "0.9");
    try {
      call(codex, "passoff_load", Map.of("id", childId));
      grandchildId =
          (String)
              call(
                      codex,
                      "passoff_create",
                      Map.of("title", "Finish auth", "content", "tests", "parent_id", childId))
                  .get("id");

      Map<?, ?> thread = call(codex, "passoff_thread", Map.of("id", childId));
      assertThat(field(thread, "from_client")).containsExactly("claude-code", "cursor", "codex");
      assertThat(field(thread, "to_client")).containsExactly("cursor", "codex", null);

      assertThat(field(call(codex, "passoff_list", Map.of("status", "loaded")), "id")).hasSize(2);
      assertThat(field(call(codex, "passoff_list", Map.of("status", "open")), "id"))
          .containsExactly(grandchildId);
    } finally {
      codex.closeGracefully();
    }
  }
}
