package dev.passoff.store.jsonl.log;

import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.NewHandoff;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One event of the handoff log; each changes at most one handoff. */
sealed interface LogEntry
    permits LogEntry.Create,
        LogEntry.Load,
        LogEntry.Status,
        LogEntry.Reparent,
        LogEntry.Delete,
        LogEntry.Import,
        LogEntry.Unknown {

  /** A new handoff: status open, no receiver. */
  record Create(HandoffId id, NewHandoff draft) implements LogEntry {
    public Create {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(draft, "draft");
    }
  }

  /** A load: the receiver is overwritten from the stamp and one history entry is added. */
  record Load(HandoffId id, LoadStamp stamp) implements LogEntry {
    public Load {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(stamp, "stamp");
    }
  }

  /** A new status for one handoff. */
  record Status(HandoffId id, HandoffStatus status) implements LogEntry {
    public Status {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
    }
  }

  /** A new parent for one handoff; {@code null} makes it a root. */
  record Reparent(HandoffId id, @Nullable HandoffId parent) implements LogEntry {
    public Reparent {
      Objects.requireNonNull(id, "id");
    }
  }

  /** The removal of one handoff and its load history. */
  record Delete(HandoffId id) implements LogEntry {
    public Delete {
      Objects.requireNonNull(id, "id");
    }
  }

  /** A handoff added whole, with its id, times, receiver, status and load history. */
  record Import(ExportedHandoff exported) implements LogEntry {
    public Import {
      Objects.requireNonNull(exported, "exported");
    }
  }

  /** An event of a type this version does not know, perhaps written by a newer Passoff. */
  record Unknown(String op) implements LogEntry {
    public Unknown {
      Objects.requireNonNull(op, "op");
    }
  }

  /**
   * Marks one line as part {@code part} of {@code parts} lines written in one append; replay
   * applies such lines only once all of them have been read, in order.
   */
  record Tx(String id, int part, int parts) {
    public Tx {
      Objects.requireNonNull(id, "id");
      if (part < 1 || part > parts) {
        throw new IllegalArgumentException("part " + part + " of " + parts);
      }
    }
  }

  /** A decoded line: the entry and, when it belongs to a multi-line append, its place in it. */
  record Framed(LogEntry entry, @Nullable Tx tx) {
    public Framed {
      Objects.requireNonNull(entry, "entry");
    }
  }
}
