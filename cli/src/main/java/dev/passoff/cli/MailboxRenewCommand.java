package dev.passoff.cli;

import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimResult;
import dev.passoff.core.service.mailbox.MailboxJson;
import dev.passoff.core.service.mailbox.MailboxTimes;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff mailbox renew}: extends this session's own unexpired claim. */
@Command(
    name = "renew",
    description = "Extend your unexpired claim on a message to now + max(6 h, --for).")
final class MailboxRenewCommand extends MailboxSubcommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The claimed peer message.")
  String id = "";

  @Option(
      names = "--for",
      paramLabel = "<duration>",
      description = "A lease longer than 6 hours (ISO 8601, e.g. PT12H).")
  @Nullable String extend;

  MailboxRenewCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Caller caller = caller();
    ClaimResult result = caller.mailbox().renew(caller.who(), id, extend);
    Claim claim = result.claim();
    if (claim == null) {
      throw new IllegalStateException("renew returned no claim for " + id);
    }
    if (json) {
      printJsonLine(MailboxJson.claim(claim));
    } else {
      String until =
          claim.expiresAt() == null ? "" : " until " + MailboxTimes.format(claim.expiresAt());
      println("renewed " + id + until);
    }
    return MailboxErrors.OK;
  }
}
