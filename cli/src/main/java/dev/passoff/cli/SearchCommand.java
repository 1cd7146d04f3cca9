package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.SearchHandoffsRequest;
import dev.passoff.core.model.SearchResults;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff search}: full-text search where every word must match, literally. */
@Command(name = "search", description = "Find handoffs containing every given word.")
final class SearchCommand extends CliCommand {
  @Parameters(arity = "1..*", paramLabel = "<word>", description = "Words that must all match.")
  List<String> words = new ArrayList<>();

  @Mixin ScopeOptions scope = new ScopeOptions();

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
            .search(new SearchHandoffsRequest(String.join(" ", words), scope.project, scope.limit));
    if (json) {
      printJson(results.hits().stream().map(HandoffJson::hit).toList());
    } else {
      print(HandoffText.search(results));
    }
    return PassoffCli.OK;
  }
}
