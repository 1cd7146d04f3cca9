package dev.passoff.cli;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.GateResult;
import dev.passoff.core.service.mailbox.MailboxJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code passoff mailbox poll-gate}: the read-only "is there anything for me?" check that runs
 * before an agent is woken (mailbox.md §7). Its exit codes and one-line output keep those of the
 * existing {@code poll-gate.py}.
 */
@Command(
    name = "poll-gate",
    description = {
      "Decide whether to wake the agent: prints one JSON line and exits 0 (process: work is"
          + " waiting), 10 (proactive: an idle run due for a review) or 20 (idle).",
      "Any error exits 2 with {\"decision\": \"error\", \"reason\": ...}."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:process: messages for this session are waiting",
      "10:proactive: nothing waiting, and --proactive-every N idle runs have passed",
      "20:idle: nothing waiting",
      "2:error: no runtime, invalid arguments or session"
    })
final class MailboxPollGateCommand extends MailboxSubcommand {
  static final int ERROR = 2;

  @Option(
      names = "--proactive-every",
      paramLabel = "<n>",
      description =
          "With n > 0, every n-th idle run in a row is proactive (state in .<side>-pollgate.json).")
  int proactiveEvery;

  @Option(names = "--quiet", description = "Print nothing; only the exit code answers.")
  boolean quiet;

  @Option(
      names = "--skip-held",
      description = "Do not count lease messages that are held, answered or of unknown owner.")
  boolean skipHeld;

  MailboxPollGateCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Caller caller = caller();
    GateResult gate = caller.mailbox().gate(caller.who(), proactiveEvery, skipHeld);
    if (!quiet) {
      println(Json.python(MailboxJson.gate(gate)));
    }
    return gate.decision().exitCode();
  }

  /** Callers of the gate read stdout, so a failure answers there too, unless quiet. */
  @Override
  void failed(List<String> problems) {
    if (quiet) {
      return;
    }
    Map<String, String> error = new LinkedHashMap<>();
    error.put("decision", "error");
    error.put("reason", String.join("; ", problems));
    println(Json.python(error));
    out().flush();
  }

  @Override
  int failureExitCode(int mapped) {
    return ERROR;
  }
}
