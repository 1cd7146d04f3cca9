package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.HandoffListing;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.StatusFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code passoff list}: recent handoffs of a project, newest first, without bodies. */
@Command(name = "list", description = "List recent handoffs, newest first.")
final class ListCommand extends CliCommand {
  @Option(
      names = {"-s", "--status"},
      paramLabel = "<status>",
      converter = OptionValues.Status.class,
      description = "open, loaded, archived or all (default: all).")
  StatusFilter status = StatusFilter.ALL;

  @Mixin ScopeOptions scope = new ScopeOptions();

  @Option(names = "--json", description = "Print JSON as the passoff_list tool returns it.")
  boolean json;

  ListCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    HandoffListing listing =
        services().list().list(new ListHandoffsRequest(scope.project, status, scope.limit));
    if (json) {
      printJson(listing.items().stream().map(HandoffJson::summary).toList());
    } else {
      print(HandoffText.list(listing));
    }
    return PassoffCli.OK;
  }
}
