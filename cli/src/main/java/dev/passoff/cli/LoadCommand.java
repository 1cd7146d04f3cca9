package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.LoadHandoffRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff load}: picks up a handoff and records the CLI as its receiver. */
@Command(
    name = "load",
    description = "Load a handoff by id, or the newest active one, and mark it loaded.")
final class LoadCommand extends CliCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<id>",
      description = "The handoff id (default: the newest active handoff).")
  @Nullable String id;

  @Option(names = "--latest", description = "Load the newest open or loaded handoff.")
  boolean latest;

  @Option(
      names = {"-p", "--project"},
      paramLabel = "<slug>",
      description = "With --latest: only this project (default: all projects).")
  @Nullable String project;

  @Option(names = "--model", paramLabel = "<id>", description = "The loading model's id.")
  @Nullable String model;

  @Option(names = "--json", description = "Print the handoff object as JSON.")
  boolean json;

  LoadCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    LoadHandoffRequest request =
        id != null ? LoadHandoffRequest.byId(id, model) : LoadHandoffRequest.latest(project, model);
    Handoff loaded = services().load().load(request, context.client());
    if (json) {
      printJson(HandoffJson.handoff(loaded));
    } else {
      print(HandoffText.show(loaded, null));
    }
    return PassoffCli.OK;
  }
}
