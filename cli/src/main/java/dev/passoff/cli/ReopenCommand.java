package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff reopen}: sets a handoff back to open, keeping its load stamps. */
@Command(name = "reopen", description = "Set a handoff back to open.")
final class ReopenCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The handoff id.")
  String id = "";

  @Option(names = "--json", description = "Print the list item as JSON.")
  boolean json;

  ReopenCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    HandoffSummary reopened = services().status().reopen(HandoffId.of(id));
    if (json) {
      printJson(HandoffJson.summary(reopened));
    } else {
      println("Reopened " + reopened.id().value());
    }
    return PassoffCli.OK;
  }
}
