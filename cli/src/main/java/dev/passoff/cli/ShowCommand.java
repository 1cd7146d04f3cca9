package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.LoadRecord;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff show}: one handoff in full, without recording a load. */
@Command(name = "show", description = "Show a handoff in full without marking it loaded.")
final class ShowCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The handoff id.")
  String id = "";

  @Option(names = "--loads", description = "Also list every recorded load.")
  boolean loads;

  @Option(names = "--json", description = "Print the handoff object as JSON.")
  boolean json;

  ShowCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Handoff handoff = services().get().get(HandoffId.of(id));
    List<LoadRecord> history = loads ? services().get().loads(handoff.id()) : null;
    if (json) {
      printJson(
          history == null
              ? HandoffJson.handoff(handoff)
              : HandoffJson.exported(new ExportedHandoff(handoff, history)));
    } else {
      print(HandoffText.show(handoff, history));
    }
    return PassoffCli.OK;
  }
}
