package dev.passoff.cli;

import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff serve}: the MCP server over stdio until standard input closes. */
@Command(name = "serve", description = "Run the MCP server on stdin/stdout until stdin closes.")
final class ServeCommand extends CliCommand {
  @Option(
      names = "--side",
      paramLabel = "claude|codex",
      description =
          "The mailbox side this server writes as (default: PASSOFF_MAILBOX_SIDE, else the"
              + " client's name).")
  @Nullable String side;

  @Option(
      names = "--session",
      paramLabel = "ID",
      description = "The mailbox session of this server (default: HANDOFF_SESSION_ID and so on).")
  @Nullable String session;

  ServeCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    if (side != null && Side.find(side).isEmpty()) {
      throw usage("--side must be claude or codex, not '" + side + "'");
    }
    if (session != null && !SessionId.isValid(session)) {
      throw usage("--session '" + session + "' is not a valid session id");
    }
    return services().serve(side, session);
  }
}
