package dev.passoff.cli;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimResult;
import dev.passoff.core.service.mailbox.MailboxJson;
import dev.passoff.core.service.mailbox.MailboxTimes;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff mailbox claim}: takes the lease on a peer message before acting on it. */
@Command(
    name = "claim",
    description = {
      "Claim a peer message before acting on it, or reclaim an expired claim.",
      "Exits 0 when this session holds the claim (claimed or resumed), 4 otherwise."
    })
final class MailboxClaimCommand extends MailboxSubcommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The peer message to claim.")
  String id = "";

  @Option(
      names = "--expected-within",
      paramLabel = "<duration>",
      description = "A longer lease than the message asks for (ISO 8601, e.g. PT12H).")
  @Nullable String expectedWithin;

  MailboxClaimCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Caller caller = caller();
    ClaimResult result = caller.mailbox().claim(caller.who(), id, expectedWithin);
    if (!result.outcome().mine()) {
      // The outcome is still the command's answer for scripts; the exit code says "not yours".
      if (json) {
        printJsonLine(MailboxJson.claimResult(result));
      }
      throw new ConflictException(refusal(result));
    }
    Claim claim = result.claim();
    if (json) {
      printJsonLine(MailboxJson.claimResult(result));
    } else {
      String until =
          claim == null || claim.expiresAt() == null
              ? ""
              : " until " + MailboxTimes.format(claim.expiresAt());
      println(result.outcome().wire() + " " + id + until);
    }
    return MailboxErrors.OK;
  }

  /** Why this session may not act on the message, starting with the outcome's name. */
  private String refusal(ClaimResult result) {
    Claim claim = result.claim();
    return switch (result.outcome()) {
      case HELD ->
          "held: "
              + id
              + " is claimed by session "
              + (claim == null ? "(unknown)" : claim.session())
              + (claim == null || claim.expiresAt() == null
                  ? ""
                  : " until " + MailboxTimes.format(claim.expiresAt()));
      case ANSWERED ->
          "answered: "
              + id
              + " already has a terminal reply"
              + (result.reply() == null ? "" : " (" + result.reply() + ")")
              + "; advance past it";
      case OWNER_UNKNOWN ->
          "owner_unknown: the claim file of "
              + id
              + " names no session; it can be reclaimed 6 hours after its last change";
      case CLAIMED, RESUMED -> throw new AssertionError(result);
    };
  }
}
