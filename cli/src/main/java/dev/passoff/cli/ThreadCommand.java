package dev.passoff.cli;

import dev.passoff.core.error.HandoffException;
import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff thread}: the lineage around a handoff. */
@Command(name = "thread", description = "Show the chain of handoffs around one handoff.")
final class ThreadCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "<id>", description = "The anchor handoff id.")
  String id = "";

  @Option(
      names = {"-d", "--direction"},
      paramLabel = "<direction>",
      converter = OptionValues.Direction.class,
      description = "ancestors, descendants or both (default: both).")
  ThreadDirection direction = ThreadDirection.BOTH;

  @Option(names = "--json", description = "Print the handoff objects as JSON.")
  boolean json;

  ThreadCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    List<Handoff> chain = services().thread().thread(HandoffId.of(id), direction);
    if (json) {
      printJson(chain.stream().map(HandoffJson::handoff).toList());
    } else {
      print(HandoffText.thread(chain, id));
      printMailboxLinks(chain);
    }
    return PassoffCli.OK;
  }

  /**
   * When the working directory belongs to a repository with a mailbox, lists the mailbox messages
   * that carried these handoffs, so the chain can be followed across both styles. The JSON output
   * stays the existing tool's.
   */
  private void printMailboxLinks(List<Handoff> chain) {
    OpenMailboxUseCase mailboxes = services().mailbox();
    Optional<Path> root =
        mailboxes.findRoot(null, services().environment(), services().workingDirectory());
    if (root.isEmpty() || chain.isEmpty()) {
      return;
    }
    Set<String> ids = new HashSet<>();
    chain.forEach(h -> ids.add(h.id().value()));
    List<MailboxMessage> carried;
    try {
      carried = mailboxes.open(root.get()).carrying(ids);
    } catch (HandoffException e) {
      return; // the mailbox is an extra here; its trouble must not fail the thread
    }
    if (carried.isEmpty()) {
      return;
    }
    println("");
    println("Carried through the mailbox:");
    for (MailboxMessage m : carried) {
      println(
          "  "
              + m.id().text()
              + " "
              + m.type()
              + " from "
              + (m.fromSession() == null ? m.from() : m.fromSession())
              + " carries "
              + m.handoffId()
              + ": "
              + m.summary());
    }
  }
}
