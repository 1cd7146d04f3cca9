package dev.passoff.core.port.out;

import java.nio.file.Path;

/** One repository's mailbox runtime ({@code .handoff-runtime/}) and its stores. */
public interface MailboxRuntime {
  /** The project root: the folder that holds the runtime. */
  Path root();

  /** The runtime folder itself. */
  Path runtime();

  MessageStore messages();

  CursorStore cursors();

  ClaimStore claims();

  GateStateStore gates();

  MailboxMaintenance maintenance();
}
