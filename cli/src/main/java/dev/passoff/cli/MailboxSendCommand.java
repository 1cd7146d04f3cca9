package dev.passoff.cli;

import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SendResult;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.HandoffMarkdown;
import dev.passoff.core.service.mailbox.MailboxJson;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code passoff mailbox send}: writes one message to this side's stream (mailbox.md §5). */
@Command(
    name = "send",
    description = {
      "Write one message to this side's stream.",
      "Prints the message, then WROTE <id> to <stream>; --dry-run (or --verify) writes nothing."
    })
final class MailboxSendCommand extends MailboxSubcommand {
  @Option(
      names = "--type",
      required = true,
      paramLabel = "<type>",
      description = "task, handoff, question, done, status, error or cancel.")
  String type = "";

  @Option(
      names = "--summary",
      required = true,
      paramLabel = "<text>",
      description = "One line; over 180 characters it moves into a note.")
  String summary = "";

  @Option(names = "--reply-to", paramLabel = "<id>", description = "The message this answers.")
  @Nullable String replyTo;

  @Option(
      names = {"--dry-run", "--verify"},
      description = "Build and validate the message, take no lock and write nothing.")
  boolean dryRun;

  @Option(
      names = "--handoff",
      paramLabel = "<ph_id>",
      description =
          "Carry a Passoff handoff: its Markdown becomes the message's note and"
              + " passoff.handoff_id links the two.")
  @Nullable String handoff;

  @Mixin MailboxMessageOptions message = new MailboxMessageOptions();

  MailboxSendCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Side side = side();
    precheckSession(side);
    SendRequest.Builder builder =
        message
            .applyTo(SendRequest.builder(type, summary), context)
            .replyTo(replyTo)
            .dryRun(dryRun);
    if (handoff != null) {
      if (message.noteText != null || message.noteStdin) {
        throw new dev.passoff.core.error.ValidationException(
            "handoff", "--handoff writes the note itself; drop --note-text and --note-stdin");
      }
      Handoff carried = services().get().get(HandoffId.of(handoff.strip()));
      builder.noteText(HandoffMarkdown.render(carried)).handoffId(carried.id().value());
    }
    SendRequest request = builder.build();
    Caller caller = caller();
    SendResult sent = caller.mailbox().send(caller.who(), request);
    print(sent, this);
    return MailboxErrors.OK;
  }

  /** The message as indented JSON and the WROTE (or DRY-RUN) lines, or the {@code --json} line. */
  static void print(SendResult sent, MailboxSubcommand command) {
    if (command.json) {
      command.printJsonLine(MailboxJson.sent(sent));
      return;
    }
    command.printPretty(sent.message().fields());
    String id = sent.message().id().text();
    if (!sent.dryRun()) {
      command.println("WROTE " + id + " to " + sent.stream());
      return;
    }
    command.println("DRY-RUN: would write " + id + " to " + sent.stream());
    if (sent.note() != null) {
      command.println("DRY-RUN: would write " + notePath(sent.stream(), sent.note()));
    }
  }

  /** A note path (relative to the runtime, which holds the stream) as an absolute path. */
  private static String notePath(String stream, String note) {
    try {
      Path runtime = Path.of(stream).getParent();
      return runtime == null ? note : runtime.resolve(note).toString();
    } catch (InvalidPathException e) {
      return note;
    }
  }
}
