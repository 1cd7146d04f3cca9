package dev.passoff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code passoff} command; on its own it only prints usage. */
@Command(
    name = "passoff",
    mixinStandardHelpOptions = true,
    description = "Hand work from one coding agent to the next.",
    synopsisSubcommandLabel = "<command>",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success; also \"Aborted.\" and nothing-to-do answers",
      "1:not found, conflict, storage unavailable, other runtime error",
      "2:usage error: unknown command or option, missing or invalid value"
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  PASSOFF_DB_PATH       database file (default ~/.passoff/db.sqlite)",
      "  PASSOFF_PROJECT_ROOT  project root instead of the nearest folder holding .git",
      "  PASSOFF_STORE         handoff store (default sqlite)"
    })
final class RootCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return PassoffCli.USAGE;
  }
}
