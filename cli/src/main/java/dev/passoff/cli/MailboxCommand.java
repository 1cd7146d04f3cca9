package dev.passoff.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code passoff mailbox}: hands every argument after {@code mailbox} to the mailbox command tree.
 *
 * <p>The mailbox commands have their own exit codes (0, 2 to 5, and the gate's and doctor's) and
 * print failures as {@code FATAL:} lines, while picocli applies only the top-level command line's
 * handlers. So this command parses nothing itself: it runs a separate command line, {@link
 * MailboxRootCommand}, whose handlers map errors once for every mailbox command.
 */
@Command(
    name = "mailbox",
    description = "Talk to the other agent through .handoff-runtime/ (passoff mailbox --help).",
    customSynopsis = "passoff mailbox <command> [<options>]")
final class MailboxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Unmatched List<String> arguments = new ArrayList<>();

  private final CliContext context;

  MailboxCommand(CliContext context) {
    this.context = context;
  }

  /** The command line that collects every following argument unparsed, options included. */
  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new MailboxCommand(context)).setStopAtUnmatched(true);
  }

  @Override
  public Integer call() {
    CommandLine outer = spec.commandLine();
    return MailboxRootCommand.commandLine(context, arguments, outer.getOut(), outer.getErr())
        .execute(arguments.toArray(new String[0]));
  }
}
