package dev.passoff.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code tools/call} result: a single text item, the error flag, and for successes the
 * structured data.
 *
 * @param text the text item's content
 * @param isError whether the call failed
 * @param structured {@code structuredContent}, or {@code null} to leave it out
 */
record ToolResult(String text, boolean isError, @Nullable Object structured) {
  /** The result as it goes on the wire, keys in the order the MCP schema lists them. */
  Map<String, Object> toWire() {
    Map<String, Object> item = new LinkedHashMap<>(4);
    item.put("type", "text");
    item.put("text", text);
    Map<String, Object> wire = new LinkedHashMap<>(4);
    wire.put("content", List.of(item));
    wire.put("isError", isError);
    if (structured != null) {
      wire.put("structuredContent", structured);
    }
    return wire;
  }
}
