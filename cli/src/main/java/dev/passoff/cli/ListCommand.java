package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.HandoffListing;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.StatusFilter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff list}: recent handoffs of a project, newest first, without bodies. */
@Command(name = "list", description = "List recent handoffs, newest first.")
final class ListCommand extends CliCommand {
  @Option(
      names = {"-p", "--project"},
      paramLabel = "<slug>",
      description = "Project slug, or '*' for all projects (default: the current project).")
  @Nullable String project;

  @Option(
      names = {"-s", "--status"},
      paramLabel = "<status>",
      converter = OptionValues.Status.class,
      description = "open, loaded, archived or all (default: all).")
  StatusFilter status = StatusFilter.ALL;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "<1-50>",
      converter = OptionValues.Limit.class,
      description = "How many to show (default: 10).")
  int limit = ListHandoffsRequest.DEFAULT_LIMIT;

  @Option(names = "--json", description = "Print JSON as the passoff_list tool returns it.")
  boolean json;

  ListCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    HandoffListing listing =
        services().list().list(new ListHandoffsRequest(project, status, limit));
    if (json) {
      printJson(listing.items().stream().map(HandoffJson::summary).toList());
    } else {
      print(HandoffText.list(listing));
    }
    return PassoffCli.OK;
  }
}
