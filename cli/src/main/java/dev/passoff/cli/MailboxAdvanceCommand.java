package dev.passoff.cli;

import dev.passoff.core.model.mailbox.CursorPosition;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff mailbox advance}: moves this session's cursor forward under the guard. */
@Command(
    name = "advance",
    description = {
      "Move your cursor through a peer message.",
      "Refuses (exit 4) to pass a message that still needs your work, unless --force."
    })
final class MailboxAdvanceCommand extends MailboxSubcommand {
  @Option(
      names = "--through",
      required = true,
      paramLabel = "<id>",
      description = "The last peer message to count as consumed.")
  String through = "";

  @Option(
      names = "--force",
      description = "Pass pending lease messages too: they are dropped for this side.")
  boolean force;

  MailboxAdvanceCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Caller caller = caller();
    CursorPosition position = caller.mailbox().advance(caller.who(), through, force);
    if (json) {
      printJsonLine(Map.of("cursor", position.seq()));
    } else {
      println("cursor: " + position.seq());
    }
    return MailboxErrors.OK;
  }
}
