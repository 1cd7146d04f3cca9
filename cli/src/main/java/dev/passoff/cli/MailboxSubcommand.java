package dev.passoff.cli;

import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.in.MailboxUseCase;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Common ground of the mailbox commands: the options every one of them takes ({@code --root},
 * {@code --side}, {@code --session}, {@code --json}) and how they resolve into a runtime and an
 * identity. Failures are thrown and mapped once by {@link MailboxErrors}.
 */
abstract class MailboxSubcommand extends CliCommand {
  /** The environment variable naming the side when {@code --side} is not given. */
  static final String SIDE_VARIABLE = "PASSOFF_MAILBOX_SIDE";

  @Option(
      names = "--root",
      paramLabel = "<dir>",
      description =
          "The project root holding .handoff-runtime/ (default: PASSOFF_MAILBOX_ROOT, else the"
              + " nearest folder holding one).")
  @Nullable String rootOption;

  @Option(
      names = "--side",
      paramLabel = "<side>",
      description = "claude or codex (default: PASSOFF_MAILBOX_SIDE).")
  @Nullable String sideOption;

  @Option(
      names = "--session",
      paramLabel = "<id>",
      description =
          "This agent's session (default: HANDOFF_SESSION_ID, <SIDE>_SESSION_ID, the"
              + " runtime's .<side>-session file, then <side>-default).")
  @Nullable String sessionOption;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  MailboxSubcommand(CliContext context) {
    super(context);
  }

  /** A side and session resolved against an open runtime. */
  record Caller(MailboxUseCase mailbox, MailboxIdentity who) {}

  /**
   * For commands that act as one side: the side, a first check of the session, the runtime, then
   * the session in its full resolution order.
   */
  Caller caller() {
    Side side = side();
    precheckSession(side);
    MailboxUseCase mailbox = open();
    return new Caller(mailbox, mailbox.identify(side, sessionOption, environment(), null));
  }

  /**
   * For commands that need no side: the runtime, after checking whatever session the options and
   * the environment name, so that a bad session id fails every command alike.
   */
  MailboxUseCase openChecked() {
    Optional<Side> side = optionalSide();
    precheckSession(side.orElse(null));
    MailboxUseCase mailbox = open();
    side.ifPresent(s -> mailbox.identify(s, sessionOption, environment(), null));
    return mailbox;
  }

  /** The side from {@code --side} or {@code PASSOFF_MAILBOX_SIDE}; required. */
  Side side() {
    return optionalSide()
        .orElseThrow(
            () ->
                new ValidationException(
                    "side", "--side is required (claude or codex), or set " + SIDE_VARIABLE));
  }

  /** The side from {@code --side} or {@code PASSOFF_MAILBOX_SIDE}, if either names one. */
  Optional<Side> optionalSide() {
    if (sideOption != null) {
      return Optional.of(Side.parse("--side", sideOption));
    }
    String configured = environment().get(SIDE_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Side.parse(SIDE_VARIABLE, configured));
    }
    return Optional.empty();
  }

  /**
   * Checks the session candidates that need no runtime: {@code --session}, {@code
   * HANDOFF_SESSION_ID} and, with a side, {@code <SIDE>_SESSION_ID}. As in the full resolution, the
   * first non-empty one decides and an invalid one fails, naming its source.
   */
  void precheckSession(@Nullable Side side) {
    Map<String, String> environment = environment();
    String sideVariable =
        side == null ? null : side.wire().toUpperCase(Locale.ROOT) + "_SESSION_ID";
    String[][] candidates = {
      {"--session", sessionOption},
      {"HANDOFF_SESSION_ID", environment.get("HANDOFF_SESSION_ID")},
      {sideVariable, sideVariable == null ? null : environment.get(sideVariable)},
    };
    for (String[] candidate : candidates) {
      String value = candidate[1];
      if (candidate[0] != null && value != null && !value.isEmpty()) {
        SessionId.parse(candidate[0], value);
        return;
      }
    }
  }

  /** The runtime at {@code --root}, {@code PASSOFF_MAILBOX_ROOT} or the nearest one; not found. */
  MailboxUseCase open() {
    OpenMailboxUseCase opener = services().mailbox();
    Path root =
        opener
            .findRoot(explicitRoot(), environment(), services().workingDirectory())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no mailbox runtime: no .handoff-runtime/ folder at or above "
                            + services().workingDirectory()
                            + "; run passoff mailbox init or pass --root"));
    return opener.open(root);
  }

  /** The {@code --root} option as a path, relative to the working directory. */
  @Nullable Path explicitRoot() {
    if (rootOption == null) {
      return null;
    }
    try {
      return Path.of(rootOption);
    } catch (InvalidPathException e) {
      throw new ValidationException("--root", "'" + rootOption + "' is not a path");
    }
  }

  Map<String, String> environment() {
    return services().environment();
  }

  /** Prints one compact JSON object and a newline. */
  void printJsonLine(Object value) {
    println(Json.compact(value));
  }

  /** Prints indented JSON and a newline. */
  void printPretty(Object value) {
    println(Json.pretty(value));
  }

  /** Prints a warning on stderr; it does not change the exit code. */
  void warn(String message) {
    err().print("WARN: " + PassoffCli.oneLine(message) + "\n");
    err().flush();
  }

  /**
   * Called with the problems about to be printed when this command fails, before they are printed;
   * the gate uses it to answer on stdout as well.
   */
  void failed(List<String> problems) {}

  /** The exit code of a failure that the common mapping gives {@code mapped}. */
  int failureExitCode(int mapped) {
    return mapped;
  }
}
