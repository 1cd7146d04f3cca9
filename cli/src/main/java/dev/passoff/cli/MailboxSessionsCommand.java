package dev.passoff.cli;

import dev.passoff.core.model.mailbox.SessionReport;
import dev.passoff.core.service.mailbox.MailboxJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff mailbox sessions}: the cursors of this side's sessions. */
@Command(
    name = "sessions",
    description = {
      "List this side's session cursors, the legacy cursor, and messages directed at sessions"
          + " without a cursor.",
      "--forget deletes a retired session's cursor so it no longer holds back the others."
    })
final class MailboxSessionsCommand extends MailboxSubcommand {
  @Option(names = "--forget", paramLabel = "<id>", description = "Delete this session's cursor.")
  @Nullable String forget;

  MailboxSessionsCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Caller caller = caller();
    if (forget != null) {
      boolean removed = caller.mailbox().forgetSession(caller.who(), forget);
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("forgotten", forget);
        out.put("removed", removed);
        printJsonLine(out);
      } else {
        println(
            removed
                ? "Forgot session " + forget + "."
                : "Session " + forget + " has no cursor file; nothing to forget.");
      }
      return MailboxErrors.OK;
    }
    SessionReport report = caller.mailbox().sessions(caller.who());
    if (json) {
      printJsonLine(MailboxJson.sessions(report));
      return MailboxErrors.OK;
    }
    println(
        "side "
            + report.side().wire()
            + ", peer stream max "
            + report.streamMaxSeq()
            + ", legacy cursor "
            + (report.legacy() == null ? "none" : report.legacy()));
    println(
        "last seen (UTC): "
            + report.side().wire()
            + " "
            + (report.lastSeen() == null ? "never" : report.lastSeen())
            + ", "
            + report.side().peer().wire()
            + " "
            + (report.peerLastSeen() == null ? "never" : report.peerLastSeen()));
    if (report.sessions().isEmpty()) {
      println("(no session cursors)");
    } else {
      int width = "SESSION".length();
      for (SessionReport.Session s : report.sessions()) {
        width = Math.max(width, s.session().length());
      }
      println(pad("SESSION", width) + "  CURSOR  UNREAD  MODIFIED (UTC)");
      for (SessionReport.Session s : report.sessions()) {
        println(
            pad(s.session(), width)
                + "  "
                + pad(s.cursor() == null ? "invalid" : s.cursor().toString(), 6)
                + "  "
                + pad(Integer.toString(s.unread()), 6)
                + "  "
                + (s.modified() == null ? "-" : s.modified()));
      }
    }
    for (SessionReport.Orphaned o : report.orphaned()) {
      println(
          o.messageId()
              + " is directed at "
              + o.toSession()
              + ", which has no cursor (poll --also-session "
              + o.toSession()
              + " consumes it)");
    }
    return MailboxErrors.OK;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
