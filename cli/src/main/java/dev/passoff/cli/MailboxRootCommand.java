package dev.passoff.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root of the mailbox command tree; on its own it only names the missing command. */
@Command(
    name = "passoff mailbox",
    description = {
      "Talk to the other agent through the append-only streams under .handoff-runtime/.",
      "Every command takes --root, --side, --session and --json."
    },
    synopsisSubcommandLabel = "<command>",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes (poll-gate and doctor have their own):%n",
    exitCodeList = {
      "0:success",
      "1:internal error",
      "2:invalid input: arguments, values, session id",
      "3:not found: no runtime, unknown message, missing file",
      "4:conflict: lock timeout, claim held, already answered, guard",
      "5:unavailable: I/O failure, read-only or full file system"
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  PASSOFF_MAILBOX_SIDE  the side when --side is not given (claude or codex)",
      "  PASSOFF_MAILBOX_ROOT  the project root when --root is not given",
      "  HANDOFF_SESSION_ID    the session when --session is not given"
    })
final class MailboxRootCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  /** The mailbox commands in help order; a command line naming one builds only that one. */
  private static final Map<String, Function<CliContext, Object>> COMMANDS = commands();

  private static Map<String, Function<CliContext, Object>> commands() {
    Map<String, Function<CliContext, Object>> all = new LinkedHashMap<>();
    all.put("init", MailboxInitCommand::new);
    all.put("send", MailboxSendCommand::new);
    all.put("poll", MailboxPollCommand::new);
    all.put("claim", MailboxClaimCommand::new);
    all.put("renew", MailboxRenewCommand::new);
    all.put("complete", MailboxCompleteCommand::new);
    all.put("advance", MailboxAdvanceCommand::new);
    all.put("cursor", MailboxCursorCommand::new);
    all.put("thread", MailboxThreadCommand::new);
    all.put("sessions", MailboxSessionsCommand::new);
    all.put("poll-gate", MailboxPollGateCommand::new);
    all.put("doctor", MailboxDoctorCommand::new);
    all.put("archive", MailboxArchiveCommand::new);
    all.put("repair", MailboxRepairCommand::new);
    return Collections.unmodifiableMap(all);
  }

  /**
   * Builds the mailbox command tree for these arguments, printing to {@code out} and {@code err}.
   * When the first argument names a command, only that command is built, which keeps start-up
   * short; otherwise (help, options first, an unknown command) all of them are, so that usage and
   * suggestions are complete.
   */
  static CommandLine commandLine(
      CliContext context, List<String> args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new MailboxRootCommand());
    Function<CliContext, Object> only = null;
    if (!args.isEmpty() && !args.get(0).startsWith("-")) {
      only = COMMANDS.get(args.get(0));
    }
    if (only != null) {
      cli.addSubcommand(only.apply(context));
    } else {
      for (Function<CliContext, Object> command : COMMANDS.values()) {
        cli.addSubcommand(command.apply(context));
      }
      cli.addSubcommand(new CommandLine.HelpCommand());
    }
    MailboxErrors errors = new MailboxErrors();
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionExceptionHandler(errors);
    cli.setExitCodeExceptionMapper(errors);
    // "@reviewer please look" is a summary, not a file of arguments.
    cli.setExpandAtFiles(false);
    cli.setOut(out);
    cli.setErr(err);
    return cli;
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command: one of "
            + String.join(", ", COMMANDS.keySet())
            + " (see passoff mailbox --help)");
  }
}
