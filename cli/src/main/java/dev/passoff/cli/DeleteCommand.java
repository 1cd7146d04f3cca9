package dev.passoff.cli;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.ThreadDirection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff delete}: removes a handoff and its load history after confirmation. */
@Command(name = "delete", description = "Delete a handoff for good.")
final class DeleteCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The handoff id.")
  String id = "";

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Option(
      names = "--reparent",
      description = "Attach its children to its parent instead of refusing.")
  boolean reparent;

  DeleteCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    HandoffId handoffId = HandoffId.of(id);
    if (!yes) {
      Handoff handoff = services().get().get(handoffId);
      if (!reparent) {
        // Refuse before asking: a "yes" that then fails on the children helps nobody.
        long children =
            services().thread().thread(handoffId, ThreadDirection.DESCENDANTS).stream()
                .filter(h -> handoffId.equals(h.parentId()))
                .count();
        if (children > 0) {
          throw new ConflictException(
              "Handoff "
                  + id
                  + " has "
                  + children
                  + " child handoff(s); use --reparent to attach them to its parent");
        }
      }
      String question =
          "Delete handoff "
              + id
              + " \""
              + handoff.title()
              + "\"? This cannot be undone. Type 'yes' to confirm: ";
      if (!confirm(question)) {
        return PassoffCli.OK;
      }
    }
    services().delete().delete(handoffId, reparent);
    println("Deleted " + id);
    return PassoffCli.OK;
  }
}
