package dev.passoff.cli;

import dev.passoff.core.model.mailbox.CompleteResult;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SendResult;
import dev.passoff.core.model.mailbox.Side;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code passoff mailbox complete}: sends the terminal reply to a claimed message, then advances
 * the cursor as far as the guard allows.
 */
@Command(
    name = "complete",
    description = {
      "Answer a message you have claimed with a done or an error, then move the cursor.",
      "The reply inherits the thread and goes to the sender's session."
    })
final class MailboxCompleteCommand extends MailboxSubcommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The peer message to complete.")
  String id = "";

  @Option(names = "--type", required = true, paramLabel = "<type>", description = "done or error.")
  String type = "";

  @Option(
      names = "--summary",
      required = true,
      paramLabel = "<text>",
      description = "One line; over 180 characters it moves into a note.")
  String summary = "";

  @Option(names = "--claim", description = "Claim the message first if you hold no claim.")
  boolean claim;

  @Mixin MailboxMessageOptions message = new MailboxMessageOptions();

  MailboxCompleteCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Side side = side();
    precheckSession(side);
    SendRequest reply = message.applyTo(SendRequest.builder(type, summary), context).build();
    Caller caller = caller();
    CompleteResult result = caller.mailbox().complete(caller.who(), id, reply, claim);
    SendResult sent = result.reply();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("reply_id", sent.message().id().text());
      out.put("cursor", result.cursor());
      if (result.blockedBy() != null) {
        out.put("blocked_by", result.blockedBy());
      }
      printJsonLine(out);
      return MailboxErrors.OK;
    }
    printPretty(sent.message().fields());
    println("WROTE " + sent.message().id().text() + " to " + sent.stream());
    println("cursor: " + result.cursor());
    if (result.blockedBy() != null) {
      println(
          "The cursor stays before "
              + result.blockedBy()
              + ", an earlier message that still needs this session's work.");
    }
    return MailboxErrors.OK;
  }
}
