package dev.passoff.core.model.mailbox;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code repair} changed (or would change), per stream.
 *
 * @param streams one entry per stream considered
 * @param dryRun whether nothing was written
 */
public record RepairReport(List<StreamRepair> streams, boolean dryRun) {
  public RepairReport {
    streams = List.copyOf(streams);
  }

  /**
   * One stream's repairs.
   *
   * @param writer the stream's writer
   * @param stream the stream's file name
   * @param changes one readable line per change; empty when the stream was healthy
   * @param backup the saved original, relative to the runtime, when something changed
   */
  public record StreamRepair(
      Side writer, String stream, List<String> changes, @Nullable String backup) {
    public StreamRepair {
      changes = List.copyOf(changes);
    }
  }
}
