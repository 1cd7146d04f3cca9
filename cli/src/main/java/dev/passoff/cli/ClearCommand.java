package dev.passoff.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff clear}: archives every open handoff of a project. */
@Command(name = "clear", description = "Archive every open handoff of a project.")
final class ClearCommand extends CliCommand {
  @Option(
      names = {"-p", "--project"},
      paramLabel = "<slug>",
      description = "Project slug (default: the current project).")
  @Nullable String project;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  ClearCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    String slug = services().clear().project(project);
    long open = services().clear().countOpen(slug);
    if (open == 0) {
      println("No open handoffs in project '" + slug + "'.");
      return PassoffCli.OK;
    }
    if (!yes
        && !confirm(
            "Archive "
                + open
                + " open handoff(s) in project '"
                + slug
                + "'? Type 'yes' to confirm: ")) {
      return PassoffCli.OK;
    }
    int archived = services().clear().clear(slug);
    println("Archived " + archived + " handoff(s) in project '" + slug + "'.");
    return PassoffCli.OK;
  }
}
