package dev.passoff.core.model.mailbox;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of one side.
 *
 * @param side the reading side
 * @param sessions every cursor file
 * @param legacy the legacy cursor, {@code null} when missing or invalid
 * @param streamMaxSeq the peer stream's largest seq
 * @param orphaned messages directed at sessions of this side that have no cursor file
 * @param lastSeen this side's {@code .<side>-lastseen}, stripped; {@code null} when absent
 * @param peerLastSeen the peer's, likewise
 */
public record SessionReport(
    Side side,
    List<Session> sessions,
    @Nullable Long legacy,
    long streamMaxSeq,
    List<Orphaned> orphaned,
    @Nullable String lastSeen,
    @Nullable String peerLastSeen) {
  public SessionReport {
    sessions = List.copyOf(sessions);
    orphaned = List.copyOf(orphaned);
  }

  /**
   * One cursor file.
   *
   * @param session the session id from the file name
   * @param cursor its value, {@code null} when invalid
   * @param modified the file's modification time, as written by the runtime
   * @param unread peer messages after it
   */
  public record Session(
      String session, @Nullable Long cursor, @Nullable String modified, int unread) {}

  /**
   * A directed message nobody reads.
   *
   * @param messageId the message
   * @param toSession the session it is addressed to
   */
  public record Orphaned(String messageId, String toSession) {}
}
