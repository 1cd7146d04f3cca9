package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.json.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The MCP Java SDK's own client against the server: two sessions, as Claude Code and as Cursor,
 * each on its own server process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SdkClientIT {
  private final List<String> serverStderr = Collections.synchronizedList(new ArrayList<>());
  private McpSyncClient claude;
  private McpSyncClient cursor;

  @BeforeAll
  void start() {
    claude = client("claude-code", "1.0.0");
    cursor = client("cursor", "0.50");
  }

  @AfterAll
  void stop() {
    if (claude != null) {
      claude.closeGracefully();
    }
    if (cursor != null) {
      cursor.closeGracefully();
    }
  }

  @Test
  void givenSdkClient_listTools_listsTheSevenToolsWithSchemas() {
    McpSchema.ListToolsResult result = claude.listTools();

    assertThat(result.tools())
        .extracting(McpSchema.Tool::name)
        .containsExactly(
            "passoff_create",
            "passoff_load",
            "passoff_list",
            "passoff_search",
            "passoff_thread",
            "passoff_archive",
            "passoff_get");
    for (McpSchema.Tool tool : result.tools()) {
      assertThat(tool.description()).isNotBlank();
      assertThat(tool.outputSchema()).isNull();
      assertThat(tool.inputSchema())
          .containsEntry("$schema", "http://json-schema.org/draft-07/schema#");
    }
  }

  @Test
  void givenClaudeCode_create_stampsItsClientInfoWhateverTheArgumentsSay() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("title", "From Claude");
    args.put("content", "## Current State\nok");
    args.put("tags", List.of("a", "b"));
    args.put("from_model", "claude-opus-4-1");
    args.put("from_client", "spoofed");
    args.put("from_client_ver", "6.6.6");

    McpSchema.CallToolResult created = call(claude, "passoff_create", args);
    String id = (String) structured(created).get("id");
    Map<String, Object> stored = structured(call(claude, "passoff_get", Map.of("id", id)));

    assertThat(stored)
        .containsEntry("from_client", "claude-code")
        .containsEntry("from_client_ver", "1.0.0")
        .containsEntry("from_model", "claude-opus-4-1")
        .containsEntry("tags", List.of("a", "b"));
  }

  @Test
  void givenCursor_loadById_stampsCursorAsReceiver() {
    String id =
        (String)
            structured(call(cursor, "passoff_create", Map.of("title", "t", "content", "c")))
                .get("id");

    McpSchema.CallToolResult loaded =
        call(cursor, "passoff_load", Map.of("id", id, "to_model", "gpt-5"));

    assertThat(structured(loaded))
        .containsEntry("from_client", "cursor")
        .containsEntry("to_client", "cursor")
        .containsEntry("to_client_ver", "0.50")
        .containsEntry("to_model", "gpt-5")
        .containsEntry("status", "loaded");
    assertThat(structured(loaded).get("loaded_at")).isNotNull();
  }

  @Test
  void givenList_callTool_wrapsTheArrayAsItems() {
    call(cursor, "passoff_create", Map.of("title", "listed", "content", "c", "project", "sdk"));

    McpSchema.CallToolResult result = call(cursor, "passoff_list", Map.of("project", "sdk"));

    assertThat(structured(result).keySet()).containsExactly("items");
    assertThat(text(result)).startsWith("[\n  {\n    \"id\": ");
  }

  @Test
  void givenHandlerError_callTool_isAnErrorResultNotAJsonRpcError() {
    McpSchema.CallToolResult result = call(claude, "passoff_load", Map.of("id", "ph_nothere"));

    assertThat(result.isError()).isTrue();
    assertThat(result.structuredContent()).isNull();
    assertThat(text(result)).isEqualTo("Error: Handoff not found: ph_nothere");
  }

  @Test
  void givenInvalidArguments_callTool_isAnErrorResultWithThePrefix() {
    McpSchema.CallToolResult result = call(claude, "passoff_list", Map.of("limit", 0));

    assertThat(result.isError()).isTrue();
    assertThat(text(result))
        .isEqualTo(
            "MCP error -32602: Input validation error: Invalid arguments for tool passoff_list:"
                + " limit: must be an integer from 1 to 50");
  }

  @Test
  void givenUnknownTool_callTool_throwsInvalidParams() {
    assertThatThrownBy(() -> call(claude, "passoff_nope", Map.of()))
        .isInstanceOfSatisfying(
            McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32602));
  }

  @Test
  void givenPing_sdkClient_getsAnAnswer() {
    assertThat(claude.ping()).isNotNull();
  }

  private McpSyncClient client(String name, String version) {
    ServerParameters params =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args(
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-XX:+DisplayVMOutputToStderr",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                ServerProcess.mainClass())
            .env(Map.of("PASSOFF_PROJECT_ROOT", "/x/some-proj"))
            .build();
    StdioClientTransport transport =
        new StdioClientTransport(
            params,
            new io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper(
                tools.jackson.databind.json.JsonMapper.builder().build()));
    transport.setStdErrorHandler(line -> serverStderr.add(name + ": " + line));
    McpSyncClient client =
        McpClient.sync(transport)
            .clientInfo(McpSchema.Implementation.builder(name, version).build())
            .requestTimeout(Duration.ofSeconds(20))
            .initializationTimeout(Duration.ofSeconds(30))
            .build();
    McpSchema.InitializeResult init = client.initialize();
    assertThat(init.serverInfo().name()).isEqualTo("passoff");
    assertThat(init.capabilities().tools()).isNotNull();
    assertThat(init.capabilities().logging()).isNull();
    assertThat(init.capabilities().resources()).isNull();
    assertThat(init.capabilities().prompts()).isNull();
    return client;
  }

  private McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, ?> args) {
    return client.callTool(
        McpSchema.CallToolRequest.builder(tool).arguments(new LinkedHashMap<>(args)).build());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> structured(McpSchema.CallToolResult result) {
    assertThat(result.isError()).as("isError; stderr: %s", serverStderr).isFalse();
    assertThat(result.structuredContent()).isInstanceOf(Map.class);
    Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
    Object data = Json.parse(text(result));
    assertThat(data instanceof Map ? structured : structured.get("items")).isEqualTo(data);
    return structured;
  }

  private static String text(McpSchema.CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }
}
