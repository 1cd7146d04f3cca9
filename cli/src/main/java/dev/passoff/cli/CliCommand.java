package dev.passoff.cli;

import dev.passoff.core.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Common ground of the subcommands: services, output and the help option. */
abstract class CliCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  final CliContext context;

  CliCommand(CliContext context) {
    this.context = context;
  }

  CliServices services() {
    return context.services();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints text as given; lines end in {@code \n} on every platform. */
  void print(String text) {
    out().print(text);
  }

  void println(String line) {
    out().print(line);
    out().print('\n');
  }

  /** Prints data as the matching MCP tool's text (arrays bare), plus a newline. */
  void printJson(@Nullable Object data) {
    print(Json.pretty(data) + "\n");
  }

  /** A usage error of this command: {@code passoff <command>: <problem>}, exit 2. */
  ParameterException usage(String problem) {
    return new ParameterException(spec.commandLine(), problem);
  }

  /**
   * Asks on stdout and reads one answer from stdin. Only {@code yes} (trimmed, any case) confirms;
   * anything else and end of input print {@code Aborted.}.
   */
  boolean confirm(String question) {
    print(question);
    out().flush();
    String answer = context.readLine();
    if (answer == null) {
      // Nothing was typed, so no newline was echoed after the question.
      print("\n");
    }
    if (answer != null && answer.strip().equalsIgnoreCase("yes")) {
      return true;
    }
    println("Aborted.");
    return false;
  }
}
