package dev.passoff.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options install and uninstall share. */
final class InstallOptions {
  @Option(
      names = {"-c", "--client"},
      paramLabel = "<client>",
      converter = OptionValues.Clients.class,
      description = "claude, cursor, codex, windsurf or all (default: all).")
  ClientChoice client = ClientChoice.ALL;

  @Option(
      names = {"-s", "--scope"},
      paramLabel = "<scope>",
      converter = OptionValues.Scopes.class,
      description = "user (your home folder) or project (default: user).")
  InstallScope scope = InstallScope.USER;

  @Option(
      names = {"-p", "--project"},
      paramLabel = "<dir>",
      description = "The project folder for --scope project (default: the current folder).")
  @Nullable String project;

  @Option(names = "--no-register", description = "Leave the MCP server registrations alone.")
  boolean noRegister;

  @Option(names = "--dry-run", description = "Print what would change and write nothing.")
  boolean dryRun;

  ClientPaths paths(CliServices services) {
    Path workingDirectory = services.workingDirectory();
    Path dir =
        project == null
            ? workingDirectory
            : workingDirectory.resolve(project).toAbsolutePath().normalize();
    return ClientPaths.of(scope, services.home(), dir);
  }
}
