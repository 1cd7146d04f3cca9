package dev.passoff.cli;

import dev.passoff.core.error.ErrorCode;
import dev.passoff.core.error.HandoffException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code passoff} command line: parses arguments, runs one command and returns its exit code.
 */
public final class PassoffCli {
  /** Success, also for "Aborted." and "nothing to do" answers. */
  static final int OK = 0;

  /** Not found, conflict, storage unavailable, any other runtime failure. */
  static final int FAILURE = 1;

  /** Usage error: unknown command or option, missing argument, invalid value. */
  static final int USAGE = 2;

  private PassoffCli() {}

  /**
   * Runs one command line. Nothing is printed to the standard streams except through {@code out}
   * and {@code err}, and no exception escapes for a user error.
   *
   * @param args the arguments after the program name
   * @param services the lazily built use cases and environment
   * @param in standard input: bodies, imports and confirmation answers
   * @param out standard output: data, help and prompts
   * @param err standard error: one line per error
   * @return the process exit code: 0, 1 or 2
   */
  public static int run(
      String[] args, CliServices services, InputStream in, PrintStream out, PrintStream err) {
    PrintWriter outWriter =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), false);
    try {
      if (args.length > 0 && args[0].equals("mailbox")) {
        // Straight to the mailbox tree: `passoff mailbox` parses nothing itself, and a mailbox
        // command's start-up budget has no room for building the outer command model too.
        List<String> rest = List.of(args).subList(1, args.length);
        return MailboxRootCommand.commandLine(
                new CliContext(services, in), rest, outWriter, errWriter)
            .execute(rest.toArray(new String[0]));
      }
      CommandLine cli = commandLine(new CliContext(services, in), args);
      cli.setOut(outWriter);
      cli.setErr(errWriter);
      return cli.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * The subcommands in help order. Building a picocli model costs reflection over every option, so
   * a command line that names one of these builds only that one (see {@link #commandLine}).
   */
  private static final Map<String, Function<CliContext, Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Function<CliContext, Object>> subcommands() {
    Map<String, Function<CliContext, Object>> all = new LinkedHashMap<>();
    all.put("serve", ServeCommand::new);
    all.put("list", ListCommand::new);
    all.put("show", ShowCommand::new);
    all.put("thread", ThreadCommand::new);
    all.put("create", CreateCommand::new);
    all.put("load", LoadCommand::new);
    all.put("search", SearchCommand::new);
    all.put("archive", ArchiveCommand::new);
    all.put("reopen", ReopenCommand::new);
    all.put("delete", DeleteCommand::new);
    all.put("clear", ClearCommand::new);
    all.put("doctor", DoctorCommand::new);
    all.put("rebuild-index", RebuildIndexCommand::new);
    all.put("export", ExportCommand::new);
    all.put("import", ImportCommand::new);
    all.put("install", InstallCommand::new);
    all.put("uninstall", UninstallCommand::new);
    all.put("mailbox", MailboxCommand::commandLine);
    return Collections.unmodifiableMap(all);
  }

  /** Builds the complete command tree, as help and unknown commands need it. */
  static CommandLine commandLine(CliContext context) {
    return commandLine(context, new String[0]);
  }

  /**
   * Builds the command tree for these arguments. When the first word names a subcommand, only that
   * subcommand is built, which keeps start-up short; otherwise (help, no command, an unknown or
   * misspelled command) every subcommand is, so usage and suggestions are complete.
   */
  static CommandLine commandLine(CliContext context, String[] args) {
    CommandLine cli = new CommandLine(new RootCommand());
    cli.getCommandSpec().versionProvider(() -> new String[] {context.services().version()});
    Function<CliContext, Object> only = null;
    if (args.length > 0 && !args[0].startsWith("-")) {
      only = SUBCOMMANDS.get(args[0]);
    }
    boolean versionOnly = args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
    if (only != null) {
      cli.addSubcommand(only.apply(context));
    } else if (!versionOnly) {
      for (Function<CliContext, Object> command : SUBCOMMANDS.values()) {
        cli.addSubcommand(command.apply(context));
      }
      cli.addSubcommand(new CommandLine.HelpCommand());
    }
    // "@name" is text, never a request to splice in a file's arguments (a title or summary may
    // well start with "@").
    cli.setExpandAtFiles(false);
    cli.setExitCodeExceptionMapper(PassoffCli::exitCode);
    cli.setParameterExceptionHandler(PassoffCli::usageError);
    cli.setExecutionExceptionHandler(PassoffCli::failure);
    return cli;
  }

  /** Maps a failure to the CLI's exit codes, which override the project-wide mapping. */
  static int exitCode(Throwable failure) {
    if (failure instanceof ParameterException) {
      return USAGE;
    }
    if (failure instanceof HandoffException h) {
      return switch (h.code()) {
        case INVALID -> USAGE;
        case NOT_FOUND, CONFLICT, UNAVAILABLE -> FAILURE;
      };
    }
    return FAILURE;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine where = e.getCommandLine();
    StringBuilder line = new StringBuilder(oneLine(e.getMessage()));
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> unmatchedArgs = unmatched.getUnmatched();
      if (where.getParent() == null
          && !unmatchedArgs.isEmpty()
          && !unmatchedArgs.get(0).startsWith("-")) {
        line = new StringBuilder("unknown command '" + unmatchedArgs.get(0) + "'");
      }
      if (!unmatched.getSuggestions().isEmpty()) {
        line.append(" (did you mean '").append(unmatched.getSuggestions().get(0)).append("'?)");
      }
    }
    printLine(where.getErr(), where.getCommandSpec().qualifiedName() + ": " + line);
    return exitCode(e);
  }

  private static int failure(Exception e, CommandLine where, ParseResult parsed) {
    String prefix = where.getCommandSpec().qualifiedName() + ": ";
    String line;
    if (e instanceof HandoffException h) {
      // Domain messages are written for users and print as they are; invalid values read as
      // usage errors of the command.
      line = h.code() == ErrorCode.INVALID ? prefix + h.getMessage() : h.getMessage();
    } else if (e instanceof CommandFailedException) {
      line = prefix + e.getMessage();
    } else if (e instanceof UncheckedIOException io) {
      line = prefix + io.getMessage() + ": " + AtomicFiles.describe(io.getCause());
    } else {
      String message = e.getMessage();
      line =
          prefix
              + "internal error: "
              + (message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }
    printLine(where.getErr(), oneLine(line));
    return where.getExitCodeExceptionMapper().getExitCode(e);
  }

  private static void printLine(PrintWriter err, String line) {
    err.print(line);
    err.print('\n');
    err.flush();
  }

  /** Error output is one line, whatever a message holds. */
  static String oneLine(@Nullable String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
