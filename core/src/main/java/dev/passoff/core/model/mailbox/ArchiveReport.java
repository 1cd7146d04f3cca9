package dev.passoff.core.model.mailbox;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code archive} did (or, in a dry run, would do), per stream.
 *
 * @param streams one entry per stream considered
 * @param dryRun whether nothing was written
 */
public record ArchiveReport(List<StreamArchive> streams, boolean dryRun) {
  public ArchiveReport {
    streams = List.copyOf(streams);
  }

  /**
   * One stream's outcome.
   *
   * @param writer the stream's writer
   * @param stream the stream's file name
   * @param point the archive point (a seq), 0 when none
   * @param archived lines moved to the archive
   * @param kept lines left in the live stream
   * @param archiveFile the archive file written, relative to the runtime
   * @param skipped why nothing was archived, when nothing was
   */
  public record StreamArchive(
      Side writer,
      String stream,
      long point,
      int archived,
      int kept,
      @Nullable String archiveFile,
      @Nullable String skipped) {}
}
