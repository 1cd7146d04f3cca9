package dev.passoff.core.port.out;

import dev.passoff.core.model.mailbox.Appended;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.Outgoing;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.model.mailbox.StreamBatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The two direction streams of one mailbox runtime, their archives and notes. Each side appends
 * only to its own stream; every append happens under that side's send lock.
 */
public interface MessageStore {
  /** Builds the message to append once the seq is known; runs under the writer's lock. */
  @FunctionalInterface
  interface Composer {
    /**
     * Returns the message with seq {@code seq}. Throwing any {@code HandoffException} aborts the
     * append with nothing written.
     */
    Outgoing compose(long seq);
  }

  /**
   * Appends one message to {@code writer}'s stream. Under the writer's lock it refuses (conflict) a
   * stream whose last line is unterminated, takes the next seq as max(seq file, largest seq of the
   * stream) + 1, calls {@code composer}, creates the note exclusively (a conflict if it exists),
   * appends the line in one write and forces it, then records the seq. On a failed write the stream
   * is truncated back, so no partial line ever remains.
   *
   * @throws dev.passoff.core.error.ConflictException when the lock is not acquired within {@code
   *     lockTimeout}, the tail is unterminated, or the note exists
   * @throws dev.passoff.core.error.StoreUnavailableException on I/O failure
   */
  Appended append(Side writer, Duration lockTimeout, Composer composer);

  /** The next seq {@code writer} would use if nobody sends first; takes no lock. */
  long nextSeq(Side writer);

  /**
   * The largest seq over every parseable line of {@code writer}'s live stream, whatever the id's
   * side; 0 for an empty or missing stream.
   */
  long maxSeq(Side writer);

  /**
   * Messages of {@code writer}'s live stream whose seq is greater than {@code afterSeq}, ascending
   * by seq, at most {@code limit}. Lines that are not valid UTF-8 or JSON, not objects, or carry an
   * id that is malformed or of the other side are skipped and reported; of a duplicated id only the
   * first occurrence counts. A final line without LF is returned only if it is a complete message.
   * A read that stops at the limit may leave out the reports of skipped lines past the point where
   * it stopped; reading the rest reports them.
   *
   * @param anySide also return lines whose id names the other side, and decode invalid UTF-8 with
   *     replacement characters instead of skipping the line, as the poll gate's counting requires
   */
  StreamBatch readAfter(Side writer, long afterSeq, int limit, boolean anySide);

  /** The message with this id, from its writer's live stream or archives. */
  Optional<MailboxMessage> find(MessageId id);

  /**
   * Messages of {@code writer} (live and archived) whose {@code refs.reply_to} is {@code target},
   * in seq order.
   */
  List<MailboxMessage> repliesTo(Side writer, String target);

  /** Every message of both streams and their archives whose {@code thread} is {@code thread}. */
  List<MailboxMessage> inThread(String thread);

  /**
   * Messages of both streams and their archives that carry one of these Passoff handoffs (their
   * {@code passoff.handoff_id}), in side then seq order. It reads every line: for reports, not for
   * the send or poll paths.
   */
  List<MailboxMessage> carrying(Set<String> handoffIds);

  /** Absolute path of {@code writer}'s stream, as shown to users. */
  String streamLocation(Side writer);

  /**
   * Whether a note exists at {@code path} (relative to the runtime, under {@code notes/}).
   *
   * @throws dev.passoff.core.error.ValidationException if the path resolves outside {@code notes/}
   */
  boolean noteExists(String path);

  /** The note's text, at most {@code maxBytes} bytes of it; empty when it does not exist. */
  Optional<String> readNote(String path, int maxBytes);
}
