package dev.passoff.cli;

import dev.passoff.core.model.mailbox.CursorPosition;
import dev.passoff.core.service.mailbox.MailboxJson;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff mailbox cursor}: shows this session's cursor, or sets it (operator use). */
@Command(
    name = "cursor",
    description = {
      "Show your session's cursor and where it comes from (file, legacy or zero).",
      "--set moves it to any seq, backwards too: an operator's repair, not a way to skip work."
    })
final class MailboxCursorCommand extends MailboxSubcommand {
  @Option(names = "--set", paramLabel = "<seq>", description = "Set the cursor to this seq.")
  @Nullable Long set;

  MailboxCursorCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Caller caller = caller();
    CursorPosition position =
        set == null
            ? caller.mailbox().cursor(caller.who())
            : caller.mailbox().setCursor(caller.who(), set);
    if (json) {
      printJsonLine(MailboxJson.cursor(position));
      return MailboxErrors.OK;
    }
    println("cursor: " + position.seq() + " (" + position.source().wire() + ")");
    if (position.problem() != null) {
      warn(position.problem());
    }
    return MailboxErrors.OK;
  }
}
