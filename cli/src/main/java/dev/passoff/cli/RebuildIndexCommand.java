package dev.passoff.cli;

import picocli.CommandLine.Command;

/** {@code passoff rebuild-index}: rebuilds the full-text index from the table. */
@Command(name = "rebuild-index", description = "Rebuild the full-text search index.")
final class RebuildIndexCommand extends CliCommand {
  RebuildIndexCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    long indexed = services().maintenance().rebuildIndex();
    println("Rebuilt search index (" + indexed + " handoffs)");
    return PassoffCli.OK;
  }
}
