package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.error.Violation;
import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ToolResultsTest {
  private static final String GOLDEN = "/dev/passoff/mcp/envelope-handoff.golden.json";

  @Test
  void givenObject_success_structuredContentIsTheObjectAndTextIsPretty() throws IOException {
    Map<String, @Nullable Object> data = HandoffJson.handoff(aHandoff());

    ToolResult result = ToolResults.success(data);

    assertThat(result.isError()).isFalse();
    assertThat(result.structured()).isSameAs(data);
    assertThat(text(result)).isEqualTo(Json.pretty(data));
    assertThat(Json.parse(text(result))).isEqualTo(data);
    assertThat(wire(result)).isEqualTo(golden());
  }

  @Test
  void givenArray_success_wrapsStructuredContentButNotTheText() {
    List<Object> data = List.of(Map.of("id", "ph_1"), Map.of("id", "ph_2"));

    ToolResult result = ToolResults.success(data);

    assertThat(result.structured()).isEqualTo(Map.of("items", data));
    assertThat(text(result))
        .isEqualTo("[\n  {\n    \"id\": \"ph_1\"\n  },\n  {\n    \"id\": \"ph_2\"\n  }\n]");
  }

  @Test
  void givenEmptyArray_success_isBracketsAndEmptyItems() throws IOException {
    ToolResult result = ToolResults.success(List.of());

    assertThat(text(result)).isEqualTo("[]");
    assertThat(Json.compact(result.structured())).isEqualTo("{\"items\":[]}");
  }

  @Test
  void givenNull_success_wrapsNullAsItems() throws IOException {
    ToolResult result = ToolResults.success(null);

    assertThat(text(result)).isEqualTo("null");
    assertThat(Json.compact(result.structured())).isEqualTo("{\"items\":null}");
  }

  @Test
  void given42_success_wraps42AsItems() throws IOException {
    ToolResult result = ToolResults.success(42L);

    assertThat(text(result)).isEqualTo("42");
    assertThat(result.structured()).isEqualTo(Map.of("items", 42L));
    assertThat(Json.compact(result.toWire()))
        .isEqualTo(
            "{\"content\":[{\"type\":\"text\",\"text\":\"42\"}],\"isError\":false,"
                + "\"structuredContent\":{\"items\":42}}");
  }

  @Test
  void givenViolations_invalid_joinsThemAfterTheFixedPrefix() throws IOException {
    ToolResult result =
        ToolResults.invalid(
            "passoff_list",
            List.of(
                new Violation("status", "must be one of open, loaded, archived, all"),
                new Violation("limit", "must be an integer")));

    assertThat(text(result))
        .isEqualTo(
            "MCP error -32602: Input validation error: Invalid arguments for tool passoff_list:"
                + " status: must be one of open, loaded, archived, all; limit: must be an integer");
    assertThat(Json.compact(result.toWire()))
        .startsWith("{\"content\":[{\"type\":\"text\",\"text\":\"MCP error -32602")
        .endsWith("\"}],\"isError\":true}");
  }

  @Test
  void givenMessage_error_hasNoStructuredContent() throws IOException {
    ToolResult result = ToolResults.error("Error: Handoff not found: ph_x");

    assertThat(Json.compact(result.toWire()))
        .isEqualTo(
            "{\"content\":[{\"type\":\"text\",\"text\":\"Error: Handoff not found: ph_x\"}],"
                + "\"isError\":true}");
  }

  /** A handoff whose text exercises escaping, non-ASCII, nulls and empty containers. */
  private static Handoff aHandoff() {
    return new Handoff(
        HandoffId.of("ph_4kQ9zX2a"),
        "netutil-cdd640",
        "Add port validation — café 😀 \"quoted\"",
        "## Current State\nline\twith tab\\backslash\u0001 and </script>\n\n## Next Steps\n- é",
        List.of("auth", "validation"),
        "claude-code",
        "1.0.0",
        "claude-opus-4-1",
        null,
        null,
        null,
        null,
        Instant.ofEpochMilli(1763763890123L),
        null,
        HandoffStatus.OPEN);
  }

  private static String text(ToolResult result) {
    List<?> content = (List<?>) result.toWire().get("content");
    assertThat(content).hasSize(1);
    return result.text();
  }

  /** The result as it goes on the wire, re-laid out with two-space indents for the golden file. */
  private static String wire(ToolResult result) throws IOException {
    String compact = Json.compact(result.toWire());
    Object parsed = Json.parse(compact);
    assertThat(Json.compact(parsed)).isEqualTo(compact);
    return Json.pretty(parsed);
  }

  private static String golden() throws IOException {
    try (InputStream in = ToolResultsTest.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as(GOLDEN).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    }
  }
}
