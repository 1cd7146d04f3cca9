package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.ThreadDirection;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff thread}: the lineage around a handoff. */
@Command(name = "thread", description = "Show the chain of handoffs around one handoff.")
final class ThreadCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The anchor handoff id.")
  String id = "";

  @Option(
      names = {"-d", "--direction"},
      paramLabel = "<direction>",
      converter = OptionValues.Direction.class,
      description = "ancestors, descendants or both (default: both).")
  ThreadDirection direction = ThreadDirection.BOTH;

  @Option(names = "--json", description = "Print the handoff objects as JSON.")
  boolean json;

  ThreadCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    List<Handoff> chain = services().thread().thread(HandoffId.of(id), direction);
    if (json) {
      printJson(chain.stream().map(HandoffJson::handoff).toList());
    } else {
      print(HandoffText.thread(chain, id));
    }
    return PassoffCli.OK;
  }
}
