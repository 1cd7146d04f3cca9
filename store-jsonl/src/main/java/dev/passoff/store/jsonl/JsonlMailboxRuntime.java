package dev.passoff.store.jsonl;

import dev.passoff.core.port.out.ClaimStore;
import dev.passoff.core.port.out.CursorStore;
import dev.passoff.core.port.out.GateStateStore;
import dev.passoff.core.port.out.MailboxMaintenance;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.port.out.MessageStore;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/** A runtime folder and its file stores. */
final class JsonlMailboxRuntime implements MailboxRuntime {
  private final RuntimeLayout layout;
  private final JsonlMessageStore messages;
  private final JsonlCursorStore cursors;
  private final JsonlClaimStore claims;
  private final JsonlGateStateStore gates;
  private final JsonlMailboxMaintenance maintenance;

  JsonlMailboxRuntime(Path root, @Nullable Path cacheDir, Clock clock, String tool) {
    this.layout = new RuntimeLayout(root);
    this.messages = new JsonlMessageStore(layout, cacheDir, clock, tool);
    this.cursors = new JsonlCursorStore(layout);
    this.claims = new JsonlClaimStore(layout, tool);
    this.gates = new JsonlGateStateStore(layout, clock, tool);
    this.maintenance = new JsonlMailboxMaintenance(layout, messages, claims, clock, tool);
  }

  RuntimeLayout layout() {
    return layout;
  }

  @Override
  public Path root() {
    return layout.root();
  }

  @Override
  public Path runtime() {
    return layout.runtime();
  }

  @Override
  public MessageStore messages() {
    return messages;
  }

  @Override
  public CursorStore cursors() {
    return cursors;
  }

  @Override
  public ClaimStore claims() {
    return claims;
  }

  @Override
  public GateStateStore gates() {
    return gates;
  }

  @Override
  public MailboxMaintenance maintenance() {
    return maintenance;
  }
}
