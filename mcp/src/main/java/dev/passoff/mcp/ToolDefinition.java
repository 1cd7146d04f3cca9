package dev.passoff.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of {@code tools/list}: name, description and input schema, with the schema's key order
 * kept as built.
 */
record ToolDefinition(String name, String description, Map<String, Object> inputSchema) {
  /** The definition as it goes on the wire. */
  Map<String, Object> toWire() {
    Map<String, Object> wire = new LinkedHashMap<>(4);
    wire.put("name", name);
    wire.put("description", description);
    wire.put("inputSchema", inputSchema);
    return wire;
  }
}
