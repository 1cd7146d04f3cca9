package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.SearchHandoffsRequest;
import dev.passoff.core.model.SearchResults;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff search}: full-text search where every word must match, literally. */
@Command(name = "search", description = "Find handoffs containing every given word.")
final class SearchCommand extends CliCommand {
  @Parameters(arity = "1..*", paramLabel = "<word>", description = "Words that must all match.")
  List<String> words = new ArrayList<>();

  @Option(
      names = {"-p", "--project"},
      paramLabel = "<slug>",
      description = "Project slug, or '*' for all projects (default: the current project).")
  @Nullable String project;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "<1-50>",
      converter = OptionValues.Limit.class,
      description = "How many results (default: 10).")
  int limit = ListHandoffsRequest.DEFAULT_LIMIT;

  @Option(names = "--json", description = "Print JSON as the passoff_search tool returns it.")
  boolean json;

  SearchCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    SearchResults results =
        services()
            .search()
            .search(new SearchHandoffsRequest(String.join(" ", words), project, limit));
    if (json) {
      printJson(results.hits().stream().map(HandoffJson::hit).toList());
    } else {
      print(HandoffText.search(results));
    }
    return PassoffCli.OK;
  }
}
