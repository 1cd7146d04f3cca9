package dev.passoff.distribution.passoff;

import dev.passoff.mcp.McpServices;
import dev.passoff.mcp.McpStdioServer;
import java.io.InputStream;
import java.io.OutputStream;

/** Starts the MCP stdio server; kept apart so that only {@code serve} loads the MCP classes. */
final class McpServe {
  private McpServe() {}

  static int run(PassoffComponent component, InputStream in, OutputStream out) {
    McpServices services =
        new McpServices(
            component.create(),
            component.load(),
            component.get(),
            component.list(),
            component.search(),
            component.thread(),
            component.status());
    int code = new McpStdioServer(services, component.settings().version()).run(in, out);
    component.store().close();
    return code;
  }
}
