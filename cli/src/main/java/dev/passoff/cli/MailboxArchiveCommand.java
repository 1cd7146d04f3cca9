package dev.passoff.cli;

import dev.passoff.core.error.ValidationException;
import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxJson;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff mailbox archive}: moves consumed prefixes of the streams into archive/. */
@Command(
    name = "archive",
    description = {
      "Move the lines every reader session has consumed into the archive/ folder.",
      "The newest line always stays; refuses while an unexpired claim has no reply, unless"
          + " --force."
    })
final class MailboxArchiveCommand extends MailboxSubcommand {
  @Option(names = "--stream", paramLabel = "<stream>", description = "c2x or x2c (default: both).")
  @Nullable String stream;

  @Option(
      names = {"--dry-run", "--verify"},
      description = "Report what would be archived; take no lock and write nothing.")
  boolean dryRun;

  @Option(names = "--force", description = "Archive even while claims are in flight.")
  boolean force;

  MailboxArchiveCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Side writer = stream(stream);
    ArchiveReport report =
        openChecked().archive(new ArchiveRequest(writer, dryRun, force, SendRequest.LOCK_TIMEOUT));
    if (json) {
      printJsonLine(MailboxJson.archive(report));
      return MailboxErrors.OK;
    }
    String prefix = report.dryRun() ? "DRY-RUN: " : "";
    for (ArchiveReport.StreamArchive s : report.streams()) {
      String name = s.writer().streamName();
      if (s.skipped() != null) {
        println(prefix + name + ": nothing archived: " + PassoffCli.oneLine(s.skipped()));
      } else {
        println(
            prefix
                + name
                + ": "
                + (report.dryRun() ? "would archive " : "archived ")
                + s.archived()
                + " line(s) through seq "
                + s.point()
                + ", kept "
                + s.kept()
                + (s.archiveFile() == null ? "" : ", into " + s.archiveFile()));
      }
    }
    return MailboxErrors.OK;
  }

  /** {@code c2x} or {@code x2c} (a stream file name works too) as its writer side. */
  static @Nullable Side stream(@Nullable String name) {
    if (name == null) {
      return null;
    }
    return Side.ofStream(name)
        .orElseThrow(
            () -> new ValidationException("--stream", "must be c2x or x2c, not '" + name + "'"));
  }
}
