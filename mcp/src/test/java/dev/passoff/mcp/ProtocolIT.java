package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.passoff.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON-RPC behaviour of one server process, driven with raw lines. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ProtocolIT {
  private static final String GOLDEN = "/dev/passoff/mcp/tools-list.golden.json";
  private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";

  private Path scratch;
  private ServerProcess server;

  @BeforeAll
  void start() throws Exception {
    scratch = Files.createTempDirectory("passoff-mcp-protocol");
    server = ServerProcess.start(scratch, Map.of());
    server.initialize("2025-11-25", Map.of("name", "proto-client", "version", "1"));
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
    TestFiles.deleteTree(scratch);
  }

  // --- malformed input (items 43, section 10) ---

  @Test
  void givenJunkLine_reply_isParseErrorWithNullIdAndTheSessionGoesOn() throws Exception {
    server.send("this is not json {");

    Map<String, @Nullable Object> reply = server.nextMessage();

    assertThat(reply.keySet()).containsExactly("jsonrpc", "id", "error");
    assertThat(reply).containsEntry("jsonrpc", "2.0").containsEntry("id", null);
    assertThat(error(reply)).containsEntry("code", -32700L);
    assertPingAnswered();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1} trailing", "{\"jsonrpc\":\"2.0\",", "[[[[[[[[[[", "nul"})
  void givenBrokenJson_reply_isParseError(String line) throws Exception {
    server.send(line);

    Map<String, @Nullable Object> reply = server.nextMessage();

    assertThat(reply).containsEntry("id", null);
    assertThat(error(reply)).containsEntry("code", -32700L);
    assertPingAnswered();
  }

  @Test
  void givenDeeplyNestedJson_reply_isAnErrorAndTheSessionGoesOn() throws Exception {
    server.send("[".repeat(100_000) + "]".repeat(100_000));

    Map<String, @Nullable Object> reply = server.nextMessage();

    assertThat(reply).containsEntry("id", null);
    assertThat(error(reply).get("code")).isIn(-32700L, -32600L);
    assertPingAnswered();
  }

  Stream<Arguments> notJsonRpc() {
    return Stream.of(
        Arguments.of("[1,2]", null),
        Arguments.of("{\"foo\":1}", null),
        Arguments.of("42", null),
        Arguments.of("\"text\"", null),
        Arguments.of("null", null),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", null),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", null),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", null),
        Arguments.of("{\"id\":7,\"method\":\"ping\"}", 7L),
        Arguments.of("{\"jsonrpc\":\"1.0\",\"id\":\"s\",\"method\":\"ping\"}", "s"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":8}", 8L),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":5}", 9L));
  }

  @ParameterizedTest
  @MethodSource("notJsonRpc")
  void givenJsonThatIsNotJsonRpc_reply_isInvalidRequest(String line, @Nullable Object id)
      throws Exception {
    server.send(line);

    Map<String, @Nullable Object> reply = server.nextMessage();

    assertThat(reply).containsEntry("jsonrpc", "2.0").containsEntry("id", id);
    assertThat(error(reply)).containsEntry("code", -32600L);
    assertPingAnswered();
  }

  @Test
  void givenBlankLinesCrlfAndInvalidUtf8_session_answersTheRealRequests() throws Exception {
    server.send("");
    server.send("   ");
    server.sendBytes(
        "{\"jsonrpc\":\"2.0\",\"id\":\"crlf\",\"method\":\"ping\"}\r\n"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(server.nextMessage()).containsEntry("id", "crlf").containsKey("result");

    byte[] head =
        "{\"jsonrpc\":\"2.0\",\"id\":\"utf8\",\"method\":\"ping\",\"params\":{\"x\":\""
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}}\n".getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, line, 0, head.length);
    line[head.length] = (byte) 0xFF;
    line[head.length + 1] = (byte) 0xC0;
    System.arraycopy(tail, 0, line, head.length + 2, tail.length);
    server.sendBytes(line);
    assertThat(server.nextMessage()).containsEntry("id", "utf8").containsKey("result");
  }

  @Test
  void givenNotificationsAndClientResponses_server_sendsNoReply() throws Exception {
    server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    server.send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
    server.send("{\"jsonrpc\":\"2.0\",\"method\":\"some/unknown\"}");
    server.send("{\"jsonrpc\":\"2.0\",\"id\":\"from-client\",\"result\":{}}");
    server.send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"e\",\"error\":{\"code\":-32601,\"message\":\"no\"}}");

    assertPingAnswered();
  }

  // --- methods (items 47, D25) ---

  @Test
  void givenPing_reply_isEmptyResult() throws Exception {
    Map<String, @Nullable Object> reply = server.request("ping", null);

    assertThat(reply.keySet()).containsExactly("jsonrpc", "id", "result");
    assertThat(reply.get("result")).isEqualTo(Map.of());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "resources/list",
        "prompts/list",
        "resources/templates/list",
        "logging/setLevel",
        "no/such"
      })
  void givenUnsupportedMethod_reply_isMethodNotFound(String method) throws Exception {
    Map<String, @Nullable Object> reply = server.request(method, Map.of());

    assertThat(error(reply)).containsEntry("code", -32601L);
    assertThat((String) error(reply).get("message")).contains(method);
  }

  @Test
  void givenUnknownTool_reply_isJsonRpcInvalidParams() throws Exception {
    Map<String, @Nullable Object> reply =
        server.request("tools/call", Map.of("name", "passoff_delete", "arguments", Map.of()));

    assertThat(reply).doesNotContainKey("result");
    assertThat(error(reply))
        .containsEntry("code", -32602L)
        .containsEntry("message", "Unknown tool: passoff_delete");
  }

  @Test
  void givenMalformedToolsCall_reply_isJsonRpcInvalidParams() throws Exception {
    assertThat(error(server.request("tools/call", null))).containsEntry("code", -32602L);
    assertThat(error(server.request("tools/call", Map.of("arguments", Map.of()))))
        .containsEntry("code", -32602L);
    assertThat(
            error(
                server.request(
                    "tools/call", Map.of("name", "passoff_list", "arguments", List.of(1)))))
        .containsEntry("code", -32602L);
  }

  @Test
  void givenToolsCallWithoutArguments_call_treatsThemAsEmpty() throws Exception {
    Map<String, @Nullable Object> reply =
        server.request("tools/call", Map.of("name", "passoff_list"));

    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> result = (Map<String, @Nullable Object>) reply.get("result");
    assertThat(Results.isError(result)).isFalse();
  }

  // --- initialize (items 46, section 4.1, 10 MB clientInfo) ---

  @ParameterizedTest
  @ValueSource(strings = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"})
  void givenSupportedVersion_initialize_echoesIt(String version) throws Exception {
    Map<String, Object> result = server.initialize(version, Map.of("name", "v", "version", "1"));

    assertThat(result.get("protocolVersion")).isEqualTo(version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1999-01-01", "2026-06-30", "", "latest"})
  void givenUnknownVersion_initialize_offersTheNewest(String version) throws Exception {
    Map<String, Object> result = server.initialize(version, Map.of("name", "v", "version", "1"));

    assertThat(result.get("protocolVersion")).isEqualTo("2025-11-25");
  }

  @Test
  void givenInitialize_result_advertisesToolsOnlyAndNamesPassoff() throws Exception {
    Map<String, Object> result =
        server.initialize("2025-06-18", Map.of("name", "v", "version", "1"));

    assertThat(result.keySet()).containsExactly("protocolVersion", "capabilities", "serverInfo");
    assertThat(Json.compact(result.get("capabilities")))
        .isEqualTo("{\"tools\":{\"listChanged\":false}}");
    assertThat(Json.compact(result.get("serverInfo")))
        .isEqualTo("{\"name\":\"passoff\",\"version\":\"0.0.0-test\"}");
  }

  @Test
  void givenTenMegabyteClientName_create_storesItTruncatedTo200CodePoints() throws Exception {
    String name = "😀" + "n".repeat(10 * 1024 * 1024);
    server.initialize("2025-06-18", Map.of("name", name, "version", "v".repeat(300)));

    Map<String, @Nullable Object> created =
        Results.structured(
            server.callTool(
                "passoff_create", Map.of("title", "t", "content", "c", "project", "pbig")));
    Map<String, @Nullable Object> stored =
        Results.structured(server.callTool("passoff_get", Map.of("id", created.get("id"))));

    String client = (String) stored.get("from_client");
    assertThat(client.codePointCount(0, client.length())).isEqualTo(200);
    assertThat(client).startsWith("😀n");
    assertThat((String) stored.get("from_client_ver")).hasSize(200);
  }

  @Test
  void givenInitializeWithoutClientInfo_create_stampsUnknown() throws Exception {
    server.initialize("2025-06-18", null);

    Map<String, @Nullable Object> created =
        Results.structured(server.callTool("passoff_create", Map.of("title", "t", "content", "c")));
    Map<String, @Nullable Object> stored =
        Results.structured(server.callTool("passoff_get", Map.of("id", created.get("id"))));

    assertThat(stored)
        .containsEntry("from_client", "unknown")
        .containsEntry("from_client_ver", null);
  }

  @Test
  void givenNameWithoutVersion_create_stampsNullVersion() throws Exception {
    server.initialize("2025-06-18", Map.of("name", "nameonly"));

    Map<String, @Nullable Object> created =
        Results.structured(server.callTool("passoff_create", Map.of("title", "t", "content", "c")));
    Map<String, @Nullable Object> stored =
        Results.structured(server.callTool("passoff_get", Map.of("id", created.get("id"))));

    assertThat(stored)
        .containsEntry("from_client", "nameonly")
        .containsEntry("from_client_ver", null);
  }

  @Test
  void givenClientInfoThatIsNotAnObject_initialize_answersAndStampsUnknown() throws Exception {
    Map<String, @Nullable Object> reply =
        server.request(
            "initialize", Map.of("protocolVersion", "2025-06-18", "clientInfo", "not-an-object"));

    assertThat(reply).containsKey("result");
    assertThat(createdBy()).containsEntry("from_client", "unknown");
  }

  @Test
  void givenCapabilitiesOfAnUnexpectedShape_initialize_stillReadsTheClient() throws Exception {
    Map<String, @Nullable Object> reply =
        server.request(
            "initialize",
            Map.of(
                "protocolVersion", "2025-03-26",
                "capabilities", Map.of("roots", "yes", "sampling", List.of(1)),
                "clientInfo", Map.of("name", "odd-client", "version", "2")));

    assertThat(reply).containsKey("result");
    assertThat(createdBy())
        .containsEntry("from_client", "odd-client")
        .containsEntry("from_client_ver", "2");
  }

  private Map<String, @Nullable Object> createdBy() throws Exception {
    Map<String, @Nullable Object> created =
        Results.structured(server.callTool("passoff_create", Map.of("title", "t", "content", "c")));
    return Results.structured(server.callTool("passoff_get", Map.of("id", created.get("id"))));
  }

  // --- tools/list (item 41) ---

  @Test
  void givenToolsList_result_equalsTheGoldenFile() throws Exception {
    Map<String, @Nullable Object> reply = server.request("tools/list", Map.of());

    assertThat(Json.pretty(reply.get("result"))).isEqualTo(golden());
  }

  @Test
  void givenToolsList_everyToolAndPropertyIsDescribedAndSchemasFollowTheContract()
      throws Exception {
    List<Map<String, Object>> tools = tools();

    assertThat(tools)
        .extracting(t -> t.get("name"))
        .containsExactly(
            "passoff_create",
            "passoff_load",
            "passoff_list",
            "passoff_search",
            "passoff_thread",
            "passoff_archive",
            "passoff_get");
    for (Map<String, Object> tool : tools) {
      assertThat(tool.keySet()).containsExactly("name", "description", "inputSchema");
      assertThat((String) tool.get("description")).as("%s", tool.get("name")).isNotBlank();
      Map<?, ?> schema = (Map<?, ?>) tool.get("inputSchema");
      assertThat(schema.get("type")).isEqualTo("object");
      assertThat(schema.get("additionalProperties")).isEqualTo(false);
      assertThat(schema.get("$schema")).isEqualTo(DRAFT_07);
      assertThat(schema.get("required")).isInstanceOf(List.class);
      Map<?, ?> properties = (Map<?, ?>) schema.get("properties");
      assertThat(properties).isNotEmpty();
      for (Map.Entry<?, ?> p : properties.entrySet()) {
        assertThat(((Map<?, ?>) p.getValue()).get("description"))
            .as("%s.%s", tool.get("name"), p.getKey())
            .isInstanceOf(String.class);
        assertThat((String) ((Map<?, ?>) p.getValue()).get("description")).isNotBlank();
      }
    }
  }

  @Test
  void givenToolsList_everyInputSchemaIsValidDraft07() throws Exception {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Schema metaSchema = registry.getSchema(SchemaLocation.of(DRAFT_07));
    JsonMapper mapper = JsonMapper.builder().build();

    for (Map<String, Object> tool : tools()) {
      JsonNode schema = mapper.readTree(Json.compact(tool.get("inputSchema")));
      List<Error> errors = metaSchema.validate(schema);
      assertThat(errors).as("%s", tool.get("name")).isEmpty();
    }
    // The check can fail: a schema with a wrong keyword type is refused.
    assertThat(metaSchema.validate(mapper.readTree("{\"type\":5,\"required\":\"x\"}")))
        .isNotEmpty();
  }

  @Test
  void givenAdvertisedSchemas_validation_acceptsGoodArgumentsAndRejectsWrongTypes()
      throws Exception {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Map<String, Schema> byName = new LinkedHashMap<>();
    for (Map<String, Object> tool : tools()) {
      byName.put(
          (String) tool.get("name"),
          registry.getSchema(Json.compact(tool.get("inputSchema")), InputFormat.JSON));
    }

    assertThat(
            byName
                .get("passoff_create")
                .validate("{\"title\":\"t\",\"content\":\"c\",\"tags\":[\"a\"]}", InputFormat.JSON))
        .isEmpty();
    assertThat(byName.get("passoff_list").validate("{\"limit\":\"5\"}", InputFormat.JSON))
        .isNotEmpty();
    assertThat(byName.get("passoff_load").validate("{\"latest\":\"true\"}", InputFormat.JSON))
        .isNotEmpty();
    assertThat(byName.get("passoff_thread").validate("{}", InputFormat.JSON)).isNotEmpty();
  }

  // --- helpers ---

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> tools() throws Exception {
    Map<String, @Nullable Object> reply = server.request("tools/list", null);
    Map<String, Object> result = (Map<String, Object>) reply.get("result");
    return (List<Map<String, Object>>) result.get("tools");
  }

  private void assertPingAnswered() throws Exception {
    assertThat(server.request("ping", null)).containsEntry("result", Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> error(Map<String, @Nullable Object> reply) {
    assertThat(reply).as("an error reply").containsKey("error").doesNotContainKey("result");
    return (Map<String, @Nullable Object>) reply.get("error");
  }

  private static String golden() throws IOException {
    try (InputStream in = ProtocolIT.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as(GOLDEN).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    }
  }
}
