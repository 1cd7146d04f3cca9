package dev.passoff.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code passoff uninstall}: removes what install wrote; the database stays. */
@Command(
    name = "uninstall",
    description = "Remove the slash commands and MCP registrations; keeps the database.")
final class UninstallCommand extends CliCommand {
  @Mixin InstallOptions options = new InstallOptions();

  UninstallCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Installer installer =
        new Installer(services(), out(), err(), spec.qualifiedName(), options.dryRun);
    return installer.uninstall(
        options.client.clients(), options.paths(services()), !options.noRegister);
  }
}
