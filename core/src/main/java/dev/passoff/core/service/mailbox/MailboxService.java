package dev.passoff.core.service.mailbox;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.mailbox.Appended;
import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimOutcome;
import dev.passoff.core.model.mailbox.ClaimResult;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.CompleteResult;
import dev.passoff.core.model.mailbox.CursorPosition;
import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.DoctorReport;
import dev.passoff.core.model.mailbox.GateResult;
import dev.passoff.core.model.mailbox.GateResult.Decision;
import dev.passoff.core.model.mailbox.GateState;
import dev.passoff.core.model.mailbox.Handling;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.MessageType;
import dev.passoff.core.model.mailbox.Outgoing;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.ReclaimOutcome;
import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SendResult;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.SessionReport;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.model.mailbox.StreamBatch;
import dev.passoff.core.port.in.MailboxUseCase;
import dev.passoff.core.port.out.ClaimStore;
import dev.passoff.core.port.out.CursorStore;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.port.out.MessageStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The mailbox use cases over one runtime's stores. The service holds no state of its own between
 * calls: everything lives in the runtime's files, shared with other processes and tools.
 */
public final class MailboxService implements MailboxUseCase {
  /** The shortest lease a claim is given. */
  public static final Duration LEASE = Duration.ofHours(6);

  /** How old a claim that names no owner must be before it can be reclaimed. */
  public static final Duration UNKNOWN_OWNER_GRACE = Duration.ofHours(6);

  /** A moved summary is cut to this many code points, the note reference included. */
  static final int SHORT_SUMMARY = 180;

  /** The shortest head of a moved summary that is kept. */
  static final int MIN_KEPT = 20;

  /** The longest line Passoff writes. */
  static final int MAX_LINE_BYTES = 1 << 20;

  /** The most note text inlined by a poll. */
  static final int NOTE_INLINE_BYTES = 64 * 1024;

  private static final int CLAIM_ATTEMPTS = 8;

  private final MailboxRuntime runtime;
  private final MessageStore messages;
  private final CursorStore cursors;
  private final ClaimStore claims;
  private final Clock clock;
  private final IntSupplier runNumbers;
  private final String tool;

  /**
   * A service over one runtime.
   *
   * @param runtime the runtime's stores
   * @param clock the source of every timestamp
   * @param runNumbers draws the {@code nnn} of run ids, 1 to 999
   * @param version the Passoff version written into the provenance extension
   */
  public MailboxService(
      MailboxRuntime runtime, Clock clock, IntSupplier runNumbers, String version) {
    this.runtime = runtime;
    this.messages = runtime.messages();
    this.cursors = runtime.cursors();
    this.claims = runtime.claims();
    this.clock = clock;
    this.runNumbers = runNumbers;
    this.tool = "passoff/" + version;
  }

  @Override
  public Path root() {
    return runtime.root();
  }

  @Override
  public MailboxIdentity identify(
      Side side,
      @Nullable String session,
      Map<String, String> environment,
      @Nullable ClientIdentity client) {
    SessionId id =
        SessionResolver.resolve(
            side,
            session,
            environment,
            () -> cursors.configuredSession(side),
            System.getProperty("os.name", "").startsWith("Windows"));
    return new MailboxIdentity(side, id, client);
  }

  // ---------------------------------------------------------------------------------------------
  // send

  @Override
  public SendResult send(MailboxIdentity who, SendRequest request) {
    precheck(request);
    Side side = who.side();
    // Everything that can be checked without the lock is checked first, so an invalid request
    // never waits for the lock and never touches a file.
    Outgoing preview = compose(who, request, messages.nextSeq(side));
    if (request.dryRun()) {
      Outgoing.Note note = preview.note();
      return new SendResult(
          preview.message(),
          messages.streamLocation(side),
          note == null ? null : note.path(),
          true);
    }
    Appended appended =
        messages.append(side, request.lockTimeout(), seq -> compose(who, request, seq));
    return new SendResult(appended.message(), appended.stream(), appended.note(), false);
  }

  /** The checks that depend on the request alone, with every problem reported at once. */
  private static void precheck(SendRequest request) {
    List<Violation> found = new ArrayList<>();
    if (MessageType.find(request.type()).isEmpty()) {
      found.add(
          new Violation(
              "type",
              "'"
                  + request.type()
                  + "' is not a type (task, handoff, question, done, status, error, cancel)"));
    }
    String summary = request.summary();
    if (summary.indexOf('\n') >= 0 || summary.indexOf('\r') >= 0) {
      found.add(new Violation("summary", "summary must be a single line"));
    }
    if (summary.isBlank()) {
      found.add(new Violation("summary", "must not be empty"));
    }
    if (request.broadcast() && request.toSession() != null) {
      found.add(new Violation("broadcast", "cannot be combined with --to-session"));
    }
    String to = request.toSession();
    if (to != null && !SessionId.isValid(to)) {
      found.add(new Violation("to_session", "'" + to + "' is not a valid session id"));
    }
    String replyTo = request.replyTo();
    if (replyTo != null && MessageId.read(replyTo).isEmpty()) {
      found.add(new Violation("reply_to", "'" + replyTo + "' is not a message id"));
    }
    String thread = request.thread();
    if (thread != null && !MessageId.isWritable(thread)) {
      found.add(new Violation("thread", "'" + thread + "' is not a message id"));
    }
    String notes = request.notesFile();
    if (notes != null) {
      NotePaths.problem(notes)
          .ifPresent(p -> found.add(new Violation("notes_file", "'" + notes + "' " + p)));
    }
    if (!found.isEmpty()) {
      throw new ValidationException(found);
    }
  }

  /** Builds and validates the message with seq {@code seq}; runs under the lock for real sends. */
  private Outgoing compose(MailboxIdentity who, SendRequest request, long seq) {
    Side side = who.side();
    MessageId id = MessageId.of(side, seq);
    String summary = request.summary();
    String context = request.context();
    String notesFile = request.notesFile();
    Outgoing.Note note = null;

    if (codePoints(summary) > MessageRules.SUMMARY_MAX) {
      if (request.noteText() != null) {
        throw new ValidationException(
            "note_text",
            "cannot be combined with a summary over "
                + MessageRules.SUMMARY_MAX
                + " characters, which moves into the note itself");
      }
      String path;
      if (notesFile != null) {
        if (messages.noteExists(notesFile)) {
          throw new ConflictException(
              "notes file " + notesFile + " already exists; the long summary would overwrite it");
        }
        path = notesFile;
      } else {
        path = freeNotePath(id);
      }
      StringBuilder text =
          new StringBuilder("## Original summary\n\n").append(summary).append('\n');
      if (context != null) {
        text.append("\n## Context\n\n").append(context).append('\n');
        context = null;
      }
      note = new Outgoing.Note(path, text.toString());
      summary = shorten(summary, path);
      notesFile = path;
    } else if (request.noteText() != null) {
      String path = notesFile != null ? notesFile : freeNotePath(id);
      if (notesFile != null && messages.noteExists(path)) {
        throw new ConflictException("notes file " + path + " already exists");
      }
      note = new Outgoing.Note(path, request.noteText());
      notesFile = path;
    } else if (notesFile != null && !messages.noteExists(notesFile)) {
      throw new NotFoundException("notes file .handoff-runtime/" + notesFile + " does not exist");
    }

    String replyTo = request.replyTo();
    MailboxMessage replied = null;
    if (replyTo != null) {
      replied = messages.find(MessageId.parse("reply_to", replyTo)).orElse(null);
    }
    String thread = request.thread();
    if (thread == null) {
      if (replied != null && replied.thread() != null) {
        thread = replied.thread();
      } else {
        thread = replyTo != null ? replyTo : id.text();
      }
    }
    String toSession = null;
    if (!request.broadcast()) {
      if (request.toSession() != null) {
        toSession = request.toSession();
      } else if (replied != null
          && replied.id().side() == side.peer()
          && replied.fromSession() != null
          && SessionId.isValid(replied.fromSession())) {
        toSession = replied.fromSession();
      }
    }
    long peerObserved =
        request.peerCursorObserved() != null
            ? request.peerCursorObserved()
            : messages.maxSeq(side.peer());

    Map<String, @Nullable Object> f = new LinkedHashMap<>();
    f.put("v", MessageRules.VERSION);
    f.put("id", id.text());
    f.put("ts", MailboxTimes.format(clock.instant()));
    f.put("from", side.wire());
    f.put("from_session", who.session().value());
    f.put("type", request.type());
    f.put("thread", thread);
    f.put("summary", summary);
    f.put("blocking", request.blocking());
    f.put("peer_cursor_observed", peerObserved);
    Map<String, @Nullable Object> refs = new LinkedHashMap<>();
    refs.put("reply_to", replyTo);
    refs.put("notes_file", notesFile);
    refs.put("commit", request.commit());
    f.put("refs", refs);
    putIfPresent(f, "to_session", toSession);
    putIfPresent(f, "context", context);
    putIfPresent(f, "next_action", request.nextAction());
    putIfPresent(f, "goal", request.goal());
    putIfPresent(f, "priority", request.priority());
    putIfPresent(f, "expected_within", request.expectedWithin());
    putIfPresent(f, "state", request.state());
    putIfPresent(f, "eta", request.eta());
    putIfPresent(f, "applied", request.applied());
    if (!request.skipped().isEmpty()) {
      List<Map<String, Object>> skipped = new ArrayList<>();
      for (SendRequest.Skipped s : request.skipped()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", s.id());
        entry.put("reason", s.reason());
        skipped.add(entry);
      }
      f.put("skipped", skipped);
    }
    putIfPresent(f, "total_proposed", request.totalProposed());
    putIfNotEmpty(f, "acceptance", request.acceptance());
    putIfNotEmpty(f, "constraints", request.constraints());
    putIfNotEmpty(f, "context_files", request.contextFiles());
    f.put("files_changed", request.filesChanged());
    f.put("passoff", provenance(who.client(), request.handoffId()));

    List<Violation> violations = MessageRules.check(f, side, true);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    if (Json.line(f).getBytes(StandardCharsets.UTF_8).length >= MAX_LINE_BYTES) {
      throw new ValidationException(
          "message", "the line would exceed 1 MiB; use a note (--note-text or --notes-file)");
    }
    duplicateGuard(side, request);
    return new Outgoing(new MailboxMessage(id, f), note);
  }

  private Map<String, Object> provenance(
      @Nullable ClientIdentity client, @Nullable String handoff) {
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("tool", tool);
    if (client != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", client.name());
      c.put("version", client.version());
      ext.put("client", c);
    }
    if (handoff != null) {
      ext.put("handoff_id", handoff);
    }
    return ext;
  }

  /** Refuses a second terminal reply or cancel for the same message unless asked to allow it. */
  private void duplicateGuard(Side side, SendRequest request) {
    MessageType type = MessageType.find(request.type()).orElseThrow();
    String replyTo = request.replyTo();
    if (request.allowDuplicate()
        || replyTo == null
        || !(type.terminal() || type == MessageType.CANCEL)) {
      return;
    }
    for (MailboxMessage earlier : messages.repliesTo(side, replyTo)) {
      if (earlier.type().equals(request.type())) {
        throw new ConflictException(
            "a "
                + request.type()
                + " replying to "
                + replyTo
                + " already exists ("
                + earlier.id()
                + "); pass --allow-duplicate to send another");
      }
    }
  }

  /** {@code notes/<id>.md}, or {@code notes/<id>-<n>.md} with the smallest free n from 2. */
  private String freeNotePath(MessageId id) {
    String path = "notes/" + id.text() + ".md";
    for (int n = 2; messages.noteExists(path); n++) {
      path = "notes/" + id.text() + "-" + n + ".md";
    }
    return path;
  }

  /** The head of a long summary plus {@code ... see <path>}, within the 180 code points. */
  static String shorten(String summary, String path) {
    String suffix = "... see " + path;
    int keep = Math.max(MIN_KEPT, SHORT_SUMMARY - codePoints(suffix));
    int end = summary.offsetByCodePoints(0, Math.min(keep, codePoints(summary)));
    while (end > 0) {
      int last = summary.codePointBefore(end);
      if (!pythonSpace(last)) {
        break;
      }
      end -= Character.charCount(last);
    }
    return summary.substring(0, end) + suffix;
  }

  /**
   * Whitespace as Python's {@code str.rstrip()} sees it, which the existing writer uses: Java's
   * whitespace plus the no-break spaces and U+0085.
   */
  private static boolean pythonSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  private static void putIfPresent(
      Map<String, @Nullable Object> f, String key, @Nullable Object v) {
    if (v != null) {
      f.put(key, v);
    }
  }

  private static void putIfNotEmpty(Map<String, @Nullable Object> f, String key, List<String> v) {
    if (!v.isEmpty()) {
      f.put(key, v);
    }
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  @Override
  public CursorPosition cursor(MailboxIdentity who) {
    return position(who, false);
  }

  private CursorPosition position(MailboxIdentity who, boolean fromLatest) {
    Side me = who.side();
    CursorValue own = cursors.session(me, who.session());
    if (own instanceof CursorValue.Valid v) {
      return new CursorPosition(v.seq(), CursorPosition.Source.FILE, null);
    }
    String problem = null;
    if (own instanceof CursorValue.Invalid bad) {
      problem =
          "cursor file cursors/"
              + me.wire()
              + "-"
              + who.session()
              + " holds '"
              + abbreviate(bad.content())
              + "', not a number; it is ignored";
    }
    if (fromLatest && own instanceof CursorValue.Missing) {
      return new CursorPosition(messages.maxSeq(me.peer()), CursorPosition.Source.LATEST, null);
    }
    if (cursors.legacy(me) instanceof CursorValue.Valid legacy) {
      return new CursorPosition(legacy.seq(), CursorPosition.Source.LEGACY, problem);
    }
    return new CursorPosition(0, CursorPosition.Source.ZERO, problem);
  }

  @Override
  public PollResult poll(MailboxIdentity who, PollRequest request) {
    Side me = who.side();
    CursorPosition start = position(who, request.fromLatest());
    Instant now = clock.instant();
    StreamBatch batch = messages.readAfter(me.peer(), start.seq(), Integer.MAX_VALUE, false);
    List<String> diagnostics = new ArrayList<>(batch.diagnostics());
    if (start.problem() != null) {
      diagnostics.add(start.problem());
    }
    Set<String> also = new HashSet<>(request.alsoSessions());
    List<Classified> classified = classify(who, batch.messages(), also, now);

    long cursor = start.seq();
    Long advancedFrom = null;
    if (!request.peek()) {
      long target = cursor;
      for (Classified c : classified) {
        if (!c.handling().autoAdvance()) {
          break;
        }
        target = c.message().seq();
      }
      if (target > cursor || start.source() == CursorPosition.Source.LATEST) {
        if (target > cursor) {
          advancedFrom = cursor;
        }
        moveCursor(who, target);
        cursor = target;
      }
    }
    if (!request.peek()) {
      stampLastSeen(me, now);
    }
    int elsewhere = 0;
    int answered = 0;
    int held = 0;
    int unknown = 0;
    List<PendingMessage> returned = new ArrayList<>();
    boolean more = false;
    for (Classified c : classified) {
      switch (c.handling()) {
        case ELSEWHERE -> elsewhere++;
        case ANSWERED -> answered++;
        case HELD -> held++;
        case OWNER_UNKNOWN -> unknown++;
        default -> {
          if (returned.size() >= request.limit()) {
            more = true;
          } else {
            String note = null;
            String path = c.message().notesFile();
            if (request.withNotes() && path != null && NotePaths.problem(path).isEmpty()) {
              note = messages.readNote(path, NOTE_INLINE_BYTES).orElse(null);
            }
            returned.add(
                new PendingMessage(c.message().seq(), c.handling(), c.claim(), c.message(), note));
          }
        }
      }
    }
    return new PollResult(
        me,
        who.session(),
        cursor,
        advancedFrom,
        messages.maxSeq(me.peer()),
        new PollResult.Counts(elsewhere, answered, held, unknown),
        returned,
        more,
        diagnostics);
  }

  /** A message with its handling for one session, and the claim that decided it. */
  private record Classified(
      MailboxMessage message, Handling handling, @Nullable ClaimState claim) {}

  private List<Classified> classify(
      MailboxIdentity who, List<MailboxMessage> pending, Set<String> also, Instant now) {
    List<Classified> out = new ArrayList<>(pending.size());
    for (MailboxMessage m : pending) {
      out.add(classify(who, m, also, now));
    }
    return out;
  }

  private Classified classify(
      MailboxIdentity who, MailboxMessage m, Set<String> also, Instant now) {
    String to = m.toSession();
    if (to != null && !to.equals(who.session().value()) && !also.contains(to)) {
      return new Classified(m, Handling.ELSEWHERE, null);
    }
    if (m.pure()) {
      return new Classified(m, Handling.CONSUME, null);
    }
    ClaimState claim = claims.find(who.side(), m.id().text()).orElse(null);
    if (terminalReply(who.side(), m, claim).isPresent()) {
      return new Classified(m, Handling.ANSWERED, claim);
    }
    if (claim == null) {
      return new Classified(m, rejected(m) ? Handling.REJECT : Handling.CLAIM, null);
    }
    return new Classified(m, claimHandling(who.session(), claim, now), claim);
  }

  /** Rows 6 to 9 of the classification: what an existing claim means for this session. */
  private static Handling claimHandling(SessionId session, ClaimState claim, Instant now) {
    if (claim instanceof ClaimState.Held held) {
      if (held.claim().expiredAt(now)) {
        return Handling.RECLAIM;
      }
      return held.claim().heldBy(session) ? Handling.RESUME : Handling.HELD;
    }
    return ownerUnknownExpired(claim, now) ? Handling.RECLAIM : Handling.OWNER_UNKNOWN;
  }

  private static boolean ownerUnknownExpired(ClaimState claim, Instant now) {
    return !now.isBefore(claim.modified().plus(UNKNOWN_OWNER_GRACE));
  }

  /** An unknown type, or a lease message breaking its type's rules. */
  private static boolean rejected(MailboxMessage m) {
    Optional<MessageType> type = m.knownType();
    return type.isEmpty() || !MessageRules.typeRules(type.get(), m.fields()).isEmpty();
  }

  /**
   * The own stream's terminal reply to {@code m}, live or archived. A claim's {@code completed_by}
   * is tried first but only trusted once the named reply is found.
   */
  private Optional<MailboxMessage> terminalReply(
      Side me, MailboxMessage m, @Nullable ClaimState claim) {
    if (claim instanceof ClaimState.Held held && held.claim().completedBy() != null) {
      Optional<MessageId> replyId = MessageId.read(held.claim().completedBy());
      if (replyId.isPresent() && replyId.get().side() == me) {
        Optional<MailboxMessage> reply = messages.find(replyId.get());
        if (reply.isPresent() && repliesTo(reply.get(), m.id()) && terminal(reply.get())) {
          return reply;
        }
      }
    }
    for (MailboxMessage reply : messages.repliesTo(me, m.id().text())) {
      if (terminal(reply)) {
        return Optional.of(reply);
      }
    }
    return Optional.empty();
  }

  private static boolean terminal(MailboxMessage m) {
    return m.knownType().map(MessageType::terminal).orElse(false);
  }

  private static boolean repliesTo(MailboxMessage reply, MessageId target) {
    String to = reply.replyTo();
    return to != null
        && MessageId.read(to)
            .map(id -> id.side() == target.side() && id.seq() == target.seq())
            .orElse(false);
  }

  // ---------------------------------------------------------------------------------------------
  // claims

  @Override
  public ClaimResult claim(MailboxIdentity who, String messageId, @Nullable String expectedWithin) {
    Duration extra = duration("expected_within", expectedWithin);
    MailboxMessage m = peerMessage(who, messageId);
    if (m.pure()) {
      throw new ValidationException(
          "message_id", m.id() + " is a " + m.type() + ", which is consumed without a claim");
    }
    return claim(who, m, extra);
  }

  private ClaimResult claim(MailboxIdentity who, MailboxMessage m, Duration extra) {
    Side me = who.side();
    for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      ClaimState state = claims.find(me, m.id().text()).orElse(null);
      Optional<MailboxMessage> reply = terminalReply(me, m, state);
      if (reply.isPresent()) {
        return new ClaimResult(ClaimOutcome.ANSWERED, heldClaim(state), reply.get().id().text());
      }
      Claim fresh = newClaim(who, m, extra, now);
      if (state == null) {
        if (claims.create(fresh)) {
          register(who);
          return new ClaimResult(ClaimOutcome.CLAIMED, fresh, null);
        }
        continue; // someone else created it first: look again
      }
      Handling handling = claimHandling(who.session(), state, now);
      switch (handling) {
        case RESUME -> {
          return new ClaimResult(ClaimOutcome.RESUMED, heldClaim(state), null);
        }
        case HELD -> {
          return new ClaimResult(ClaimOutcome.HELD, heldClaim(state), null);
        }
        case OWNER_UNKNOWN -> {
          return new ClaimResult(ClaimOutcome.OWNER_UNKNOWN, null, null);
        }
        default -> {
          ReclaimOutcome outcome = claims.reclaim(fresh, state.bytes(), now);
          if (outcome == ReclaimOutcome.RECLAIMED) {
            register(who);
            return new ClaimResult(ClaimOutcome.CLAIMED, fresh, null);
          }
          // RETRY or HELD: the claim changed under us; evaluate it again.
        }
      }
    }
    throw new ConflictException(
        "the claim on " + m.id() + " kept changing while claiming it; try again");
  }

  /**
   * Gives a session that holds work a cursor file at its seeded position, so the legacy cursor (the
   * minimum over the side's cursor files) can never move past work it has claimed.
   */
  private void register(MailboxIdentity who) {
    if (!(cursors.session(who.side(), who.session()) instanceof CursorValue.Valid)) {
      cursors.writeSession(who.side(), who.session(), position(who, false).seq());
    }
  }

  private static @Nullable Claim heldClaim(@Nullable ClaimState state) {
    return state instanceof ClaimState.Held held ? held.claim() : null;
  }

  private Claim newClaim(MailboxIdentity who, MailboxMessage m, Duration extra, Instant now) {
    Duration lease = LEASE;
    Duration asked =
        m.expectedWithin() == null ? null : MailboxDurations.parse(m.expectedWithin()).orElse(null);
    if (asked != null && asked.compareTo(lease) > 0) {
      lease = asked;
    }
    if (extra.compareTo(lease) > 0) {
      lease = extra;
    }
    Instant created = truncate(now);
    String runId =
        who.side().wire()
            + "-"
            + MailboxTimes.compact(created)
            + "-"
            + String.format("%03d", Math.floorMod(runNumbers.getAsInt() - 1, 999) + 1);
    return new Claim(
        who.side(),
        who.session().value(),
        m.id().text(),
        runId,
        created,
        created.plus(lease),
        null);
  }

  private static Instant truncate(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  @Override
  public ClaimResult renew(MailboxIdentity who, String messageId, @Nullable String extend) {
    Duration extra = duration("extend", extend);
    MessageId id = MessageId.parse("message_id", messageId);
    Instant now = clock.instant();
    ClaimState state =
        claims
            .find(who.side(), id.text())
            .orElseThrow(() -> new ConflictException("there is no claim on " + id + " to renew"));
    if (!(state instanceof ClaimState.Held held) || !held.claim().heldBy(who.session())) {
      throw new ConflictException("the claim on " + id + " is not held by " + who.session());
    }
    if (held.claim().expiredAt(now)) {
      throw new ConflictException(
          "the claim on " + id + " has expired; claim it again instead of renewing");
    }
    Duration lease = extra.compareTo(LEASE) > 0 ? extra : LEASE;
    Claim renewed = held.claim().expiringAt(truncate(now).plus(lease));
    claims.replace(renewed);
    ClaimState after = claims.find(who.side(), id.text()).orElse(null);
    if (!(after instanceof ClaimState.Held check) || !check.claim().heldBy(who.session())) {
      throw new ConflictException("the claim on " + id + " was taken over while renewing it");
    }
    return new ClaimResult(ClaimOutcome.RESUMED, check.claim(), null);
  }

  private static Duration duration(String field, @Nullable String text) {
    if (text == null || text.isEmpty()) {
      return Duration.ZERO;
    }
    return MailboxDurations.parse(text)
        .orElseThrow(() -> new ValidationException(field, MailboxDurations.PROBLEM));
  }

  /** The peer message with this id, or not found. */
  private MailboxMessage peerMessage(MailboxIdentity who, String messageId) {
    MessageId id = MessageId.parse("message_id", messageId);
    if (id.side() != who.side().peer()) {
      throw new NotFoundException(
          id + " is not in the peer stream (" + who.side().peer().outboxFile() + ")");
    }
    return messages
        .find(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    id + " is not in the peer stream (" + who.side().peer().outboxFile() + ")"));
  }

  @Override
  public CompleteResult complete(
      MailboxIdentity who, String messageId, SendRequest reply, boolean claimFirst) {
    MessageType type = MessageType.find(reply.type()).orElse(null);
    if (type == null || !type.terminal()) {
      throw new ValidationException("type", "complete sends a done or an error");
    }
    MailboxMessage m = peerMessage(who, messageId);
    Side me = who.side();
    ClaimState state = claims.find(me, m.id().text()).orElse(null);
    Optional<MailboxMessage> answered = terminalReply(me, m, state);
    if (answered.isPresent()) {
      throw new ConflictException(m.id() + " is already answered by " + answered.get().id());
    }
    Instant now = clock.instant();
    boolean mine =
        state instanceof ClaimState.Held held
            && held.claim().heldBy(who.session())
            && !held.claim().expiredAt(now);
    if (!mine && claimFirst && !m.pure()) {
      ClaimResult claimed = claim(who, m, Duration.ZERO);
      mine = claimed.outcome().mine();
      state = claims.find(me, m.id().text()).orElse(null);
    }
    if (!mine || !(state instanceof ClaimState.Held held)) {
      throw new ConflictException(
          "complete needs your unexpired claim on "
              + m.id()
              + "; claim it first (or pass --claim)");
    }
    SendRequest request = reply.toBuilder().replyTo(m.id().text()).build();
    SendResult sent = send(who, request);
    claims.replace(held.claim().completedBy(sent.message().id().text()));

    // Side effects are done; now the cursor, as far as the guard allows.
    CursorPosition start = position(who, false);
    StreamBatch after = messages.readAfter(me.peer(), start.seq(), Integer.MAX_VALUE, false);
    List<Classified> classified = classify(who, after.messages(), Set.of(), clock.instant());
    String blockedBy = null;
    for (Classified c : classified) {
      if (c.message().seq() >= m.seq()) {
        break;
      }
      if (c.handling().pendingWork()) {
        blockedBy = c.message().id().text();
        break;
      }
    }
    long target = start.seq();
    for (Classified c : classified) {
      long seq = c.message().seq();
      boolean passable =
          blockedBy == null && seq <= m.seq()
              ? !c.handling().pendingWork()
              : c.handling().autoAdvance();
      if (!passable) {
        break;
      }
      target = seq;
    }
    if (target > start.seq()) {
      moveCursor(who, target);
    }
    return new CompleteResult(sent, Math.max(target, start.seq()), blockedBy);
  }

  // ---------------------------------------------------------------------------------------------
  // cursors

  @Override
  public CursorPosition advance(MailboxIdentity who, String throughId, boolean force) {
    MessageId id = MessageId.parse("through_id", throughId);
    Side me = who.side();
    if (id.side() != me.peer()) {
      throw new ValidationException(
          "through_id", id + " is not a message of the peer stream (" + me.peer().wire() + ")");
    }
    CursorPosition start = position(who, false);
    if (id.seq() <= start.seq()) {
      return start;
    }
    if (messages.find(id).isEmpty()) {
      throw new NotFoundException(id + " is not in the peer stream");
    }
    if (!force) {
      StreamBatch pending = messages.readAfter(me.peer(), start.seq(), Integer.MAX_VALUE, false);
      for (MailboxMessage m : pending.messages()) {
        if (m.seq() > id.seq()) {
          break;
        }
        Handling h = classify(who, m, Set.of(), clock.instant()).handling();
        if (h.pendingWork()) {
          throw new ConflictException(
              "cannot advance past "
                  + m.id()
                  + ": it is still "
                  + h.wire()
                  + " for "
                  + who.session()
                  + "; claim and complete it, or pass --force to drop it for this side");
        }
      }
    }
    moveCursor(who, id.seq());
    return new CursorPosition(id.seq(), CursorPosition.Source.FILE, null);
  }

  @Override
  public CursorPosition setCursor(MailboxIdentity who, long seq) {
    if (seq < 0) {
      throw new ValidationException("set", "must not be negative");
    }
    cursors.writeSession(who.side(), who.session(), seq);
    keepLegacyCursor(who.side());
    return new CursorPosition(seq, CursorPosition.Source.FILE, null);
  }

  /** Writes the session cursor forward, then keeps the legacy cursor at the side's minimum. */
  private void moveCursor(MailboxIdentity who, long seq) {
    CursorValue current = cursors.session(who.side(), who.session());
    if (!(current instanceof CursorValue.Valid v) || v.seq() != seq) {
      cursors.writeSession(who.side(), who.session(), seq);
    }
    keepLegacyCursor(who.side());
  }

  /**
   * Sets {@code .<side>-cursor} to the minimum over the side's valid session cursors, at most the
   * peer stream's largest seq, writing only when the value changes.
   */
  private void keepLegacyCursor(Side side) {
    long min = Long.MAX_VALUE;
    for (CursorValue value : cursors.sessions(side).values()) {
      if (value instanceof CursorValue.Valid v) {
        min = Math.min(min, v.seq());
      }
    }
    if (min == Long.MAX_VALUE) {
      return;
    }
    min = Math.min(min, messages.maxSeq(side.peer()));
    if (!(cursors.legacy(side) instanceof CursorValue.Valid legacy) || legacy.seq() != min) {
      cursors.writeLegacy(side, min);
    }
  }

  @Override
  public SessionReport sessions(MailboxIdentity who) {
    Side me = who.side();
    long max = messages.maxSeq(me.peer());
    Map<String, CursorValue> files = cursors.sessions(me);
    List<String> names = new ArrayList<>(files.keySet());
    long[] cursorOf = new long[names.size()];
    int[] unread = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      cursorOf[i] = files.get(names.get(i)) instanceof CursorValue.Valid v ? v.seq() : -1;
    }
    // The whole peer stream is read, a page at a time, so that memory does not grow with it.
    List<SessionReport.Orphaned> orphaned = new ArrayList<>();
    long after = 0;
    for (boolean more = true; more; ) {
      StreamBatch page = messages.readAfter(me.peer(), after, SESSIONS_PAGE, false);
      for (MailboxMessage m : page.messages()) {
        for (int i = 0; i < cursorOf.length; i++) {
          if (cursorOf[i] < 0 || m.seq() > cursorOf[i]) {
            unread[i]++;
          }
        }
        String to = m.toSession();
        if (to != null && !files.containsKey(to)) {
          orphaned.add(new SessionReport.Orphaned(m.id().text(), to));
        }
        after = Math.max(after, m.seq());
      }
      more = page.more() && !page.messages().isEmpty();
    }
    List<SessionReport.Session> sessions = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String modified = cursors.modified(me, names.get(i)).map(MailboxTimes::format).orElse(null);
      sessions.add(
          new SessionReport.Session(
              names.get(i), cursorOf[i] < 0 ? null : cursorOf[i], modified, unread[i]));
    }
    sessions.sort(Comparator.comparing(SessionReport.Session::session));
    Long legacy = cursors.legacy(me) instanceof CursorValue.Valid v ? v.seq() : null;
    return new SessionReport(
        me,
        sessions,
        legacy,
        max,
        orphaned,
        cursors.lastSeen(me).orElse(null),
        cursors.lastSeen(me.peer()).orElse(null));
  }

  /**
   * Stamps the side's liveness hint for the peer. It is a hint: a runtime where it cannot be
   * written still polls (the cursor writes before it would have failed the poll already).
   */
  private void stampLastSeen(Side me, Instant now) {
    try {
      cursors.stampLastSeen(me, now);
    } catch (StoreUnavailableException e) {
      // Not worth failing a poll over.
    }
  }

  /** Messages read at a time when a report walks a whole stream. */
  private static final int SESSIONS_PAGE = 512;

  @Override
  public boolean forgetSession(MailboxIdentity who, String session) {
    if (!SessionId.isValid(session)) {
      throw new ValidationException("forget", "'" + session + "' is not a valid session id");
    }
    boolean removed = cursors.forget(who.side(), session);
    if (removed) {
      keepLegacyCursor(who.side());
    }
    return removed;
  }

  // ---------------------------------------------------------------------------------------------
  // thread

  @Override
  public List<MailboxMessage> thread(String messageId) {
    MessageId id = MessageId.parse("id", messageId);
    MailboxMessage m =
        messages.find(id).orElseThrow(() -> new NotFoundException("no message " + id));
    String root = m.thread() != null ? m.thread() : id.text();
    Map<String, MailboxMessage> byId = new LinkedHashMap<>();
    for (MailboxMessage each : messages.inThread(root)) {
      byId.putIfAbsent(each.id().text(), each);
    }
    if (!root.equals(id.text())) {
      MessageId.read(root)
          .flatMap(messages::find)
          .ifPresent(r -> byId.putIfAbsent(r.id().text(), r));
    }
    byId.putIfAbsent(m.id().text(), m);
    List<MailboxMessage> out = new ArrayList<>(byId.values());
    out.sort(IN_TIME_ORDER);
    return out;
  }

  @Override
  public List<MailboxMessage> carrying(Set<String> handoffIds) {
    List<MailboxMessage> out = new ArrayList<>();
    if (handoffIds.isEmpty()) {
      return out;
    }
    out.addAll(messages.carrying(handoffIds));
    out.sort(IN_TIME_ORDER);
    return out;
  }

  /** Messages of both streams by timestamp, then side and seq. */
  private static final Comparator<MailboxMessage> IN_TIME_ORDER =
      Comparator.comparing(MailboxService::instantOf)
          .thenComparing(m -> m.id().side())
          .thenComparingLong(MailboxMessage::seq);

  private static Instant instantOf(MailboxMessage m) {
    String ts = m.timestamp();
    return ts == null ? Instant.EPOCH : MailboxTimes.parse(ts).orElse(Instant.EPOCH);
  }

  // ---------------------------------------------------------------------------------------------
  // gate

  @Override
  public GateResult gate(MailboxIdentity who, int proactiveEvery, boolean skipHeld) {
    Side me = who.side();
    CursorValue own = cursors.session(me, who.session());
    long cursor;
    if (own instanceof CursorValue.Valid v) {
      cursor = v.seq();
    } else if (cursors.legacy(me) instanceof CursorValue.Valid legacy) {
      cursor = legacy.seq();
    } else {
      cursor = 0;
    }
    StreamBatch batch = messages.readAfter(me.peer(), cursor, Integer.MAX_VALUE, true);
    int unread = 0;
    int lease = 0;
    int pure = 0;
    int elsewhere = 0;
    int unknown = 0;
    Instant now = clock.instant();
    for (MailboxMessage m : batch.messages()) {
      unread++;
      String to = m.toSession();
      Optional<MessageType> type = m.knownType();
      if (to != null && !to.equals(who.session().value())) {
        elsewhere++;
      } else if (type.isPresent() && type.get().lease()) {
        if (skipHeld && m.id().side() == me.peer()) {
          Handling h = classify(who, m, Set.of(), now).handling();
          if (h == Handling.HELD || h == Handling.ANSWERED || h == Handling.OWNER_UNKNOWN) {
            continue;
          }
        }
        lease++;
      } else if (type.isPresent()) {
        pure++;
      } else {
        unknown++;
      }
    }
    long max = messages.maxSeq(me.peer());
    Decision decision;
    if (lease + pure + unknown > 0) {
      decision = Decision.PROCESS;
      if (proactiveEvery > 0) {
        runtime.gates().update(me, who.session().value(), s -> gateState(0, Decision.PROCESS));
      }
    } else if (proactiveEvery <= 0) {
      decision = Decision.IDLE;
    } else {
      Decision[] decided = new Decision[1];
      runtime
          .gates()
          .update(
              me,
              who.session().value(),
              s -> {
                if (s.idleStreak() + 1 >= proactiveEvery) {
                  decided[0] = Decision.PROACTIVE;
                  return gateState(0, Decision.PROACTIVE);
                }
                decided[0] = Decision.IDLE;
                return gateState(s.idleStreak() + 1, Decision.IDLE);
              });
      decision = decided[0];
    }
    return new GateResult(
        me, who.session(), cursor, max, decision, unread, lease, pure, elsewhere, unknown);
  }

  // ---------------------------------------------------------------------------------------------
  // maintenance

  @Override
  public DoctorReport doctor() {
    return new DoctorReport(
        runtime.root().toAbsolutePath().toString(),
        runtime.runtime().toAbsolutePath().toString(),
        runtime.maintenance().inspect(clock.instant()));
  }

  @Override
  public ArchiveReport archive(ArchiveRequest request) {
    return runtime.maintenance().archive(request);
  }

  @Override
  public RepairReport repair(@Nullable Side writer, boolean dryRun) {
    return runtime.maintenance().repair(writer, dryRun, SendRequest.LOCK_TIMEOUT);
  }

  private GateState gateState(int streak, Decision decision) {
    return new GateState(streak, decision.wire(), MailboxTimes.format(clock.instant()));
  }

  private static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
  }
}
