package dev.passoff.cli;

import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.service.mailbox.MailboxJson;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code passoff mailbox thread}: a message's whole thread across both streams and archives. */
@Command(
    name = "thread",
    description =
        "Show the whole thread of a message, both directions and archives, in time order.")
final class MailboxThreadCommand extends MailboxSubcommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "Any message of the thread.")
  String id = "";

  MailboxThreadCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    List<MailboxMessage> thread = openChecked().thread(id);
    if (json) {
      printJsonLine(MailboxJson.thread(thread));
      return MailboxErrors.OK;
    }
    for (MailboxMessage m : thread) {
      String ts = m.timestamp() == null ? "-" : m.timestamp();
      String from = m.fromSession() == null ? m.from() : m.fromSession();
      String to = m.toSession() == null ? "*" : m.toSession();
      println(
          ts
              + "  "
              + m.id().text()
              + "  "
              + m.type()
              + "  "
              + from
              + " -> "
              + to
              + "  "
              + PassoffCli.oneLine(m.summary()));
    }
    return MailboxErrors.OK;
  }
}
