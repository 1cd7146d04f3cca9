package dev.passoff.core.model.mailbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What {@code archive} is asked to do.
 *
 * @param writer the stream to archive, by its writer; {@code null} for both
 * @param dryRun report only: no lock, no write
 * @param force archive even while unexpired claims have no terminal reply
 * @param lockTimeout how long to wait for the writer's send lock
 */
public record ArchiveRequest(
    @Nullable Side writer, boolean dryRun, boolean force, Duration lockTimeout) {}
