package dev.passoff.core.port.out;

import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import java.util.Map;

/**
 * The cursors of one runtime: per session, the largest peer seq it has consumed, plus each side's
 * legacy cursor. Reads are tolerant; writes replace atomically.
 */
public interface CursorStore {
  /** The session's cursor file ({@code cursors/<side>-<session>}). */
  CursorValue session(Side reader, SessionId session);

  /** The side's legacy cursor ({@code .<side>-cursor}). */
  CursorValue legacy(Side reader);

  /** Replaces the session's cursor with {@code seq}. */
  void writeSession(Side reader, SessionId session, long seq);

  /** Replaces the side's legacy cursor with {@code seq}. */
  void writeLegacy(Side reader, long seq);

  /** Every cursor file of {@code reader}, keyed by session id as written in the file name. */
  Map<String, CursorValue> sessions(Side reader);

  /** The session id in {@code .<side>-session}, whitespace-stripped; empty when absent or blank. */
  java.util.Optional<String> configuredSession(Side side);

  /** When the session's cursor file was last written; empty when there is none. */
  java.util.Optional<java.time.Instant> modified(Side reader, String session);

  /**
   * Stamps {@code .<side>-lastseen}, the protocol's liveness hint, with this time in the runtime's
   * timestamp format, by atomic replace.
   */
  void stampLastSeen(Side side, java.time.Instant at);

  /** The text of {@code .<side>-lastseen}, stripped (it has no fixed format); empty when absent. */
  java.util.Optional<String> lastSeen(Side side);

  /** Deletes the session's cursor file; whether there was one. */
  boolean forget(Side reader, String session);
}
