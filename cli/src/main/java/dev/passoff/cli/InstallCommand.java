package dev.passoff.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code passoff install}: slash commands and MCP registration for each client. */
@Command(
    name = "install",
    description = "Install the slash commands and register the MCP server in your clients.")
final class InstallCommand extends CliCommand {
  @Mixin InstallOptions options = new InstallOptions();

  InstallCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Installer installer =
        new Installer(services(), out(), err(), spec.qualifiedName(), options.dryRun);
    return installer.install(
        options.client.clients(), options.paths(services()), !options.noRegister);
  }
}
