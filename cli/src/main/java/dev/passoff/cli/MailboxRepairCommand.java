package dev.passoff.cli;

import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxJson;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff mailbox repair}: fixes damaged stream files, keeping a copy of the original. */
@Command(
    name = "repair",
    description = {
      "Repair damaged streams: strip a BOM, end or cut an unterminated last line, split glued"
          + " objects, escape raw line separators. The original is saved under archive/ first."
    })
final class MailboxRepairCommand extends MailboxSubcommand {
  @Option(names = "--stream", paramLabel = "<stream>", description = "c2x or x2c (default: both).")
  @Nullable String stream;

  @Option(names = "--dry-run", description = "Report what would change; write nothing.")
  boolean dryRun;

  MailboxRepairCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Side writer = MailboxArchiveCommand.stream(stream);
    RepairReport report = openChecked().repair(writer, dryRun);
    if (json) {
      printJsonLine(MailboxJson.repair(report));
      return MailboxErrors.OK;
    }
    String prefix = report.dryRun() ? "DRY-RUN: " : "";
    for (RepairReport.StreamRepair s : report.streams()) {
      String name = s.writer().streamName();
      if (s.changes().isEmpty()) {
        println(prefix + name + ": nothing to repair");
        continue;
      }
      for (String change : s.changes()) {
        println(prefix + name + ": " + PassoffCli.oneLine(change));
      }
      if (s.backup() != null) {
        println(
            prefix
                + name
                + ": "
                + (report.dryRun() ? "would save" : "saved")
                + " the original as "
                + s.backup());
      }
    }
    return MailboxErrors.OK;
  }
}
