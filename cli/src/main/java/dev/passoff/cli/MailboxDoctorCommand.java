package dev.passoff.cli;

import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.model.mailbox.DoctorReport;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.in.MailboxUseCase;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import dev.passoff.core.service.mailbox.MailboxJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff mailbox doctor}: a read-only health check of the runtime (mailbox.md §8). */
@Command(
    name = "doctor",
    description = {
      "Check the runtime without changing it: one INFO, WARN or ERROR line per finding, then a"
          + " SUMMARY line."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no ERROR (and, with --strict, no WARN)",
      "1:--strict and at least one WARN",
      "2:at least one ERROR, a missing runtime, or invalid arguments"
    })
final class MailboxDoctorCommand extends MailboxSubcommand {
  static final int ERROR = 2;

  @Option(names = "--strict", description = "Exit 1 when there is any WARN.")
  boolean strict;

  MailboxDoctorCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Optional<Side> side = optionalSide();
    precheckSession(side.orElse(null));
    DoctorReport report = report(side);
    if (json) {
      printJsonLine(MailboxJson.doctor(report));
    } else {
      println("INFO: project root: " + report.root());
      println("INFO: runtime: " + report.runtime());
      for (Finding f : report.findings()) {
        println(f.level().name() + ": " + location(f) + PassoffCli.oneLine(f.message()));
      }
      println(
          "SUMMARY: "
              + report.count(Finding.Level.ERROR)
              + " error(s), "
              + report.count(Finding.Level.WARN)
              + " warning(s), "
              + report.count(Finding.Level.INFO)
              + " info");
    }
    return report.exitCode(strict);
  }

  /** The runtime's report, or a report whose one ERROR says that there is no runtime. */
  private DoctorReport report(Optional<Side> side) {
    OpenMailboxUseCase opener = services().mailbox();
    Path workingDirectory = services().workingDirectory();
    Optional<Path> root = opener.findRoot(explicitRoot(), environment(), workingDirectory);
    String problem;
    if (root.isPresent()) {
      try {
        MailboxUseCase mailbox = opener.open(root.get());
        side.ifPresent(s -> mailbox.identify(s, sessionOption, environment(), null));
        return mailbox.doctor();
      } catch (NotFoundException e) {
        problem = e.getMessage();
      }
    } else {
      problem =
          "no mailbox runtime: no .handoff-runtime/ folder at or above "
              + workingDirectory
              + "; run passoff mailbox init or pass --root";
    }
    Path expected =
        root.orElseGet(() -> opener.initRoot(explicitRoot(), environment(), workingDirectory));
    Path runtime = expected.resolve(".handoff-runtime");
    return new DoctorReport(
        expected.toAbsolutePath().toString(),
        runtime.toAbsolutePath().toString(),
        List.of(new Finding(Finding.Level.ERROR, "runtime", null, null, problem)));
  }

  /** {@code path:line: } when the finding names a file. */
  private static String location(Finding f) {
    if (f.path() == null) {
      return "";
    }
    return f.path() + (f.line() == null ? "" : ":" + f.line()) + ": ";
  }

  @Override
  int failureExitCode(int mapped) {
    return ERROR;
  }
}
