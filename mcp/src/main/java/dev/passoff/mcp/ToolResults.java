package dev.passoff.mcp;

import dev.passoff.core.error.Violation;
import dev.passoff.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Builds the tool-result envelope that every passoff tool answers with. */
final class ToolResults {
  /** The fixed start of every argument-validation failure, kept from the existing tool. */
  static final String INVALID_PREFIX = "MCP error -32602: Input validation error: ";

  private ToolResults() {}

  /**
   * A success: one text item holding the data in {@code JSON.stringify(data, null, 2)} layout, and
   * the data as {@code structuredContent}, wrapped as {@code {"items": data}} unless it is an
   * object.
   */
  static ToolResult success(@Nullable Object data) {
    Object structured;
    if (data instanceof Map<?, ?>) {
      structured = data;
    } else {
      // LinkedHashMap rather than Map.of: the wrapped value may be null.
      Map<String, @Nullable Object> wrapped = new LinkedHashMap<>(2);
      wrapped.put("items", data);
      structured = wrapped;
    }
    return new ToolResult(Json.pretty(data), false, structured);
  }

  /** A failure the agent can read: {@code isError} with one text item and no structured data. */
  static ToolResult error(String text) {
    return new ToolResult(text, true, null);
  }

  /** An argument-validation failure listing every problem, in the existing tool's phrasing. */
  static ToolResult invalid(String tool, List<Violation> violations) {
    return error(
        INVALID_PREFIX
            + "Invalid arguments for tool "
            + tool
            + ": "
            + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
  }
}
