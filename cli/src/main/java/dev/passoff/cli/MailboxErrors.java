package dev.passoff.cli;

import dev.passoff.core.error.HandoffException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one error mapping of the mailbox commands: every failure prints one {@code FATAL: <reason>}
 * line per problem on stderr and nothing else, and exits 2 for invalid input, 3 for not found, 4
 * for a conflict, 5 when storage is unavailable and 1 for a bug. The gate and the doctor exit 2 on
 * every failure (see {@link MailboxSubcommand#failureExitCode}).
 */
final class MailboxErrors
    implements IParameterExceptionHandler, IExecutionExceptionHandler, IExitCodeExceptionMapper {
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int INVALID = 2;
  static final int NOT_FOUND = 3;
  static final int CONFLICT = 4;
  static final int UNAVAILABLE = 5;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine where = e.getCommandLine();
    if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (ArgSpec arg : missing.getMissing()) {
        lines.add(
            arg.isOption()
                ? "missing required option " + ((OptionSpec) arg).longestName()
                : "missing required parameter " + arg.paramLabel());
      }
      print(where.getErr(), lines);
      return INVALID;
    }
    StringBuilder line = new StringBuilder(PassoffCli.oneLine(e.getMessage()));
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> words = unmatched.getUnmatched();
      if (where.getParent() == null && !words.isEmpty() && !words.get(0).startsWith("-")) {
        line = new StringBuilder("unknown mailbox command '" + words.get(0) + "'");
      }
      if (!unmatched.getSuggestions().isEmpty()) {
        line.append(" (did you mean '").append(unmatched.getSuggestions().get(0)).append("'?)");
      }
    }
    print(where.getErr(), List.of(line.toString()));
    return INVALID;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine where, ParseResult parsed) {
    List<String> problems = problems(e);
    int code = getExitCode(e);
    if (where.getCommand() instanceof MailboxSubcommand command) {
      command.failed(problems);
      code = command.failureExitCode(code);
    }
    print(where.getErr(), problems);
    return code;
  }

  @Override
  public int getExitCode(Throwable failure) {
    if (failure instanceof ParameterException) {
      return INVALID;
    }
    if (failure instanceof HandoffException h) {
      return switch (h.code()) {
        case INVALID -> INVALID;
        case NOT_FOUND -> NOT_FOUND;
        case CONFLICT -> CONFLICT;
        case UNAVAILABLE -> UNAVAILABLE;
      };
    }
    if (failure instanceof UncheckedIOException) {
      return UNAVAILABLE;
    }
    return INTERNAL;
  }

  /** One readable line per problem: a validation failure lists each broken rule. */
  static List<String> problems(Throwable e) {
    List<String> lines = new ArrayList<>();
    if (e instanceof ValidationException v) {
      for (Violation violation : v.violations()) {
        lines.add(PassoffCli.oneLine(violation.toString()));
      }
    } else if (e instanceof HandoffException) {
      lines.add(PassoffCli.oneLine(e.getMessage()));
    } else if (e instanceof UncheckedIOException io) {
      lines.add(PassoffCli.oneLine(io.getMessage() + ": " + AtomicFiles.describe(io.getCause())));
    } else {
      String message = e.getMessage();
      lines.add(
          "internal error: "
              + PassoffCli.oneLine(
                  message == null || message.isBlank() ? e.getClass().getSimpleName() : message));
    }
    return lines;
  }

  private static void print(PrintWriter err, List<String> problems) {
    for (String problem : problems) {
      err.print("FATAL: " + problem + "\n");
    }
    err.flush();
  }
}
