package dev.passoff.cli;

import picocli.CommandLine.Command;

/** {@code passoff serve}: the MCP server over stdio until standard input closes. */
@Command(name = "serve", description = "Run the MCP server on stdin/stdout until stdin closes.")
final class ServeCommand extends CliCommand {
  ServeCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    return services().serve();
  }
}
