package dev.passoff.core.port.in;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.ClaimResult;
import dev.passoff.core.model.mailbox.CompleteResult;
import dev.passoff.core.model.mailbox.CursorPosition;
import dev.passoff.core.model.mailbox.DoctorReport;
import dev.passoff.core.model.mailbox.GateResult;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SendResult;
import dev.passoff.core.model.mailbox.SessionReport;
import dev.passoff.core.model.mailbox.Side;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mailbox operations of one runtime, for a caller whose side and session the adapter has
 * resolved. Side effects come first and the cursor last, so a crash causes a replay that the
 * idempotency checks absorb.
 */
public interface MailboxUseCase {
  /** The project root holding the runtime. */
  Path root();

  /**
   * Resolves the caller's session for {@code side} in the shared order: {@code session}, {@code
   * HANDOFF_SESSION_ID}, {@code <SIDE>_SESSION_ID}, {@code .<side>-session}, {@code
   * <side>-default}. An invalid candidate is an error naming its source.
   */
  MailboxIdentity identify(
      Side side,
      @Nullable String session,
      java.util.Map<String, String> environment,
      @Nullable ClientIdentity client);

  /** Writes one message to the caller's stream (or validates it, in a dry run). */
  SendResult send(MailboxIdentity who, SendRequest request);

  /** Lists what is pending for the caller, first moving the cursor over what needs nothing. */
  PollResult poll(MailboxIdentity who, PollRequest request);

  /**
   * Claims a lease message of the peer stream, or reclaims an expired claim.
   *
   * @param expectedWithin a longer lease than the message asks for, as an ISO 8601 duration
   */
  ClaimResult claim(MailboxIdentity who, String messageId, @Nullable String expectedWithin);

  /** Extends the caller's own unexpired claim to now + max(6 h, {@code extend}). */
  ClaimResult renew(MailboxIdentity who, String messageId, @Nullable String extend);

  /**
   * Sends the terminal reply ({@code done} or {@code error}) to a message the caller has claimed,
   * records it on the claim, then advances the cursor as far as the guard allows.
   *
   * @param claimFirst claim the message first when the caller holds no claim
   */
  CompleteResult complete(
      MailboxIdentity who, String messageId, SendRequest reply, boolean claimFirst);

  /**
   * Moves the cursor through {@code throughId}, refusing to pass pending lease work unless forced.
   */
  CursorPosition advance(MailboxIdentity who, String throughId, boolean force);

  /** The caller's effective cursor. */
  CursorPosition cursor(MailboxIdentity who);

  /** Sets the caller's cursor to {@code seq}, backwards too (an operator's command). */
  CursorPosition setCursor(MailboxIdentity who, long seq);

  /** The whole thread of a message across both streams and their archives, in time order. */
  List<MailboxMessage> thread(String messageId);

  /**
   * The messages of both live streams that carry one of these handoffs ({@code
   * passoff.handoff_id}), in time order: the mailbox side of a baton-pass thread.
   */
  List<MailboxMessage> carrying(java.util.Set<String> handoffIds);

  /** The side's sessions, legacy cursor and orphaned directed messages. */
  SessionReport sessions(MailboxIdentity who);

  /** Deletes a session's cursor file; whether there was one. */
  boolean forgetSession(MailboxIdentity who, String session);

  /**
   * The poll gate: counts what is pending for the caller and decides whether to wake it.
   *
   * @param proactiveEvery with N > 0, every N-th idle run in a row is proactive and the state file
   *     is written; with 0 or less nothing is written
   * @param skipHeld leave lease messages that are held, answered or of unknown owner out of the
   *     count
   */
  GateResult gate(MailboxIdentity who, int proactiveEvery, boolean skipHeld);

  /** The doctor's findings over the runtime; read-only. */
  DoctorReport doctor();

  /** Archives the consumed prefixes of the streams. */
  ArchiveReport archive(ArchiveRequest request);

  /** Repairs damaged streams; {@code writer} {@code null} means both. */
  RepairReport repair(@Nullable Side writer, boolean dryRun);
}
