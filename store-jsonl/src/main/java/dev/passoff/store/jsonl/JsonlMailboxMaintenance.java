package dev.passoff.store.jsonl;

import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.MailboxMaintenance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Doctor, archive and repair over a runtime's files. */
final class JsonlMailboxMaintenance implements MailboxMaintenance {
  private final RuntimeLayout layout;
  private final JsonlMessageStore messages;
  private final StreamArchiver archiver;
  private final StreamRepairer repairer;

  JsonlMailboxMaintenance(
      RuntimeLayout layout,
      JsonlMessageStore messages,
      JsonlClaimStore claims,
      Clock clock,
      String tool) {
    this.layout = layout;
    this.messages = messages;
    this.archiver = new StreamArchiver(layout, messages, claims, clock, tool);
    this.repairer = new StreamRepairer(layout, clock, tool);
  }

  @Override
  public List<Finding> inspect(Instant now) {
    return List.copyOf(new MailboxDoctor(layout, messages, now).run());
  }

  @Override
  public ArchiveReport archive(ArchiveRequest request) {
    return archiver.archive(request);
  }

  @Override
  public RepairReport repair(@Nullable Side writer, boolean dryRun, Duration lockTimeout) {
    return repairer.repair(writer, dryRun, lockTimeout);
  }

  /** The archiver, for tests that need its seam. */
  StreamArchiver archiver() {
    return archiver;
  }

  /** The repairer, for tests that need its seam. */
  StreamRepairer repairer() {
    return repairer;
  }
}
