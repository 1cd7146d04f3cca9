package dev.passoff.cli;

import dev.passoff.core.error.ValidationException;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.service.mailbox.MailboxJson;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff mailbox poll}: what is pending for this session (mailbox.md §6.5 step 1). */
@Command(
    name = "poll",
    description = {
      "List what is pending for this session, first moving the cursor over messages that need"
          + " nothing from it (for other sessions, answered, held by another session)."
    })
final class MailboxPollCommand extends MailboxSubcommand {
  @Option(names = "--peek", description = "Only list; never move the cursor.")
  boolean peek;

  @Option(
      names = "--limit",
      paramLabel = "<n>",
      description = "Return at most n messages, 1 to 200 (default 20).")
  int limit = PollRequest.DEFAULT_LIMIT;

  @Option(names = "--with-notes", description = "Inline each message's note (up to 64 KiB).")
  boolean withNotes;

  @Option(
      names = "--also-session",
      paramLabel = "<id>",
      description = "Also consume messages directed at this retired session; repeatable.")
  List<String> alsoSessions = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "latest",
      description = "latest: a session without a cursor starts at the peer stream's end.")
  @Nullable String from;

  MailboxPollCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    if (from != null && !from.equals("latest")) {
      throw new ValidationException("--from", "must be 'latest', not '" + from + "'");
    }
    PollRequest request = new PollRequest(limit, peek, withNotes, alsoSessions, from != null);
    Caller caller = caller();
    PollResult result = caller.mailbox().poll(caller.who(), request);
    if (json) {
      printJsonLine(MailboxJson.poll(result));
      return MailboxErrors.OK;
    }
    print(text(result));
    for (String diagnostic : result.diagnostics()) {
      warn(diagnostic);
    }
    return MailboxErrors.OK;
  }

  /** A readable summary: the cursor, what was skipped, then one block per returned message. */
  static String text(PollResult result) {
    StringBuilder out = new StringBuilder();
    out.append(result.side().wire())
        .append(" session ")
        .append(result.session().value())
        .append(": cursor ")
        .append(result.cursor());
    if (result.advancedFrom() != null) {
      out.append(" (moved from ").append(result.advancedFrom()).append(')');
    }
    out.append(", peer stream max ").append(result.streamMaxSeq()).append('\n');
    PollResult.Counts counts = result.counts();
    int skipped = counts.elsewhere() + counts.answered() + counts.held() + counts.ownerUnknown();
    if (skipped > 0) {
      out.append("Needing nothing from you: ")
          .append(counts.elsewhere())
          .append(" for other sessions, ")
          .append(counts.answered())
          .append(" answered, ")
          .append(counts.held())
          .append(" held by other sessions, ")
          .append(counts.ownerUnknown())
          .append(" claimed by an unknown owner\n");
    }
    if (result.messages().isEmpty()) {
      out.append("Nothing pending.\n");
    }
    for (PendingMessage pending : result.messages()) {
      MailboxMessage m = pending.message();
      out.append('\n')
          .append(pending.handling().wire())
          .append(": ")
          .append(m.id().text())
          .append(' ')
          .append(m.type().isEmpty() ? "(no type)" : m.type())
          .append(" from ")
          .append(m.fromSession() == null ? "(unknown session)" : m.fromSession());
      if (m.toSession() != null) {
        out.append(" to ").append(m.toSession());
      }
      out.append('\n');
      out.append("  ").append(PassoffCli.oneLine(m.summary())).append('\n');
      appendField(out, m, "next_action");
      appendField(out, m, "goal");
      appendField(out, m, "context");
      if (m.notesFile() != null) {
        out.append("  note: ").append(m.notesFile()).append('\n');
      }
      if (pending.noteText() != null) {
        for (String line : pending.noteText().split("\n", -1)) {
          out.append("    ").append(line).append('\n');
        }
      }
    }
    if (result.more()) {
      out.append("\nMore messages are pending; raise --limit to see them.\n");
    }
    return out.toString();
  }

  private static void appendField(StringBuilder out, MailboxMessage m, String key) {
    if (m.fields().get(key) instanceof String value && !value.isBlank()) {
      out.append("  ").append(key).append(": ");
      String[] lines = value.split("\n", -1);
      out.append(lines[0]).append('\n');
      for (int i = 1; i < lines.length; i++) {
        out.append("    ").append(lines[i]).append('\n');
      }
    }
  }
}
