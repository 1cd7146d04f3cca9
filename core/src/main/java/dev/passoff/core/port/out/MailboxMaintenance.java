package dev.passoff.core.port.out;

import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The byte-level upkeep of a runtime: health checks, archiving and stream repair. */
public interface MailboxMaintenance {
  /**
   * Every finding of the doctor's checks over the runtime, read-only, streaming each file so that
   * memory does not grow with the stream length.
   *
   * @param now the time claims' expiry and locks' age are judged against
   */
  List<Finding> inspect(Instant now);

  /**
   * Moves the consumed prefix of each stream (up to the reader side's minimum cursor, never the
   * newest line) into a new archive file, copying lines byte for byte, under the writer's lock.
   *
   * @throws dev.passoff.core.error.ConflictException when unexpired claims have no terminal reply
   *     (unless forced), on lock timeout, or when the stream keeps growing without the lock
   */
  ArchiveReport archive(ArchiveRequest request);

  /**
   * Repairs each stream under its writer's lock after saving the original: strips a BOM, ends a
   * complete last line with LF or cuts off a torn one, splits glued objects, and escapes raw
   * U+0085, U+2028 and U+2029.
   *
   * @param writer the stream to repair, by its writer; {@code null} for both
   */
  RepairReport repair(@Nullable Side writer, boolean dryRun, Duration lockTimeout);
}
