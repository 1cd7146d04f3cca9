package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff archive}: marks a handoff done so that {@code latest} moves on. */
@Command(name = "archive", description = "Archive a handoff (idempotent).")
final class ArchiveCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The handoff id.")
  String id = "";

  @Option(names = "--json", description = "Print the list item as JSON.")
  boolean json;

  ArchiveCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    HandoffSummary archived = services().status().archive(HandoffId.of(id));
    if (json) {
      printJson(HandoffJson.summary(archived));
    } else {
      println("Archived " + archived.id().value());
    }
    return PassoffCli.OK;
  }
}
