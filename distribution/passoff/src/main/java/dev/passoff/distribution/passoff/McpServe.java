package dev.passoff.distribution.passoff;

import dev.passoff.distribution.wiring.Settings;
import dev.passoff.mcp.MailboxSettings;
import dev.passoff.mcp.McpServices;
import dev.passoff.mcp.McpStdioServer;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/** Starts the MCP stdio server; kept apart so that only {@code serve} loads the MCP classes. */
final class McpServe {
  private McpServe() {}

  static int run(
      PassoffComponent component,
      InputStream in,
      OutputStream out,
      @Nullable String side,
      @Nullable String session) {
    Settings settings = component.settings();
    McpServices services =
        new McpServices(
            component.create(),
            component.load(),
            component.get(),
            component.list(),
            component.search(),
            component.thread(),
            component.status(),
            new MailboxSettings(
                component.mailbox(),
                side != null ? side : settings.variable(MailboxSettings.SIDE_VARIABLE).orElse(null),
                session,
                settings.environment(),
                settings.workingDirectory()));
    int code = new McpStdioServer(services, component.settings().version()).run(in, out);
    component.store().close();
    return code;
  }
}
