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
  private final JsonlClaimStore claims;
  private final Clock clock;
  private final String tool;

  JsonlMailboxMaintenance(
      RuntimeLayout layout,
      JsonlMessageStore messages,
      JsonlClaimStore claims,
      Clock clock,
      String tool) {
    this.layout = layout;
    this.messages = messages;
    this.claims = claims;
    this.clock = clock;
    this.tool = tool;
  }

  @Override
  public List<Finding> inspect(Instant now) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public ArchiveReport archive(ArchiveRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public RepairReport repair(@Nullable Side writer, boolean dryRun, Duration lockTimeout) {
    throw new UnsupportedOperationException("not yet");
  }
}
