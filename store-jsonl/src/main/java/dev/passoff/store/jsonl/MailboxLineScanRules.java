package dev.passoff.store.jsonl;

import static dev.passoff.store.jsonl.MailboxLineScan.ABSENT;
import static dev.passoff.store.jsonl.MailboxLineScan.ARRAY;
import static dev.passoff.store.jsonl.MailboxLineScan.FALSE;
import static dev.passoff.store.jsonl.MailboxLineScan.NULL;
import static dev.passoff.store.jsonl.MailboxLineScan.OBJECT;
import static dev.passoff.store.jsonl.MailboxLineScan.STRING;
import static dev.passoff.store.jsonl.MailboxLineScan.TRUE;

import dev.passoff.core.model.mailbox.MessageType;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxDurations;
import dev.passoff.core.service.mailbox.MessageRules;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A quick test on a scanned line that proves {@link MessageRules#check} (without strict keys) finds
 * nothing but {@code refs.notes_file} problems in it. It is one-sided: {@code true} is a proof,
 * {@code false} only means "not proven here" and sends the line to the full parse and the real
 * rules, which then word any finding. Session ids and durations go through the core functions the
 * rules use (a session id once accepted is remembered by its bytes, as a stream holds few); rarely
 * used fields ({@code skipped}) are never proven here. One instance serves one stream at a time.
 */
final class MailboxLineScanRules {
  private static final List<String> PRIORITIES = List.of("urgent", "normal", "backlog");
  private static final List<String> STATES =
      List.of("claimed", "progress", "blocked", "awaiting-input", "shutdown");
  private static final MessageType[] TYPES = MessageType.values();
  private static final int[] TEXTS = {
    MailboxLineScan.CONTEXT, MailboxLineScan.NEXT_ACTION, MailboxLineScan.GOAL
  };
  private static final int[] STRING_ARRAYS = {
    MailboxLineScan.ACCEPTANCE,
    MailboxLineScan.CONSTRAINTS,
    MailboxLineScan.CONTEXT_FILES,
    MailboxLineScan.FILES_CHANGED
  };
  private static final int[] DURATIONS = {MailboxLineScan.EXPECTED_WITHIN, MailboxLineScan.ETA};
  private static final int[] COUNTS = {MailboxLineScan.APPLIED, MailboxLineScan.TOTAL_PROPOSED};

  /** Session ids already accepted, by their UTF-8 bytes; a few, replaced round robin. */
  private final byte[][] sessions = new byte[4][64];

  private final int[] sessionLengths = {-1, -1, -1, -1};
  private int nextSession;

  /** Whether the line of {@code writer} scanned by {@code s} (plain) certainly keeps the rules. */
  boolean clean(MailboxLineScan s, Side writer) {
    if (s.loneSurrogate()
        || !s.textEquals(MailboxLineScan.V, MessageRules.VERSION)
        || s.idSeq(MailboxLineScan.ID, writer, 6) < 0
        || !s.writtenTimestamp(MailboxLineScan.TS)
        || !s.textEquals(MailboxLineScan.FROM, writer.wire())
        || !session(s, MailboxLineScan.FROM_SESSION)
        || s.idSeq(MailboxLineScan.THREAD, null, 6) < 0
        || !s.singleLineOfAtMost(MailboxLineScan.SUMMARY, MessageRules.SUMMARY_MAX)
        || (s.kind(MailboxLineScan.BLOCKING) != TRUE && s.kind(MailboxLineScan.BLOCKING) != FALSE)
        || s.smallNatural(MailboxLineScan.PEER_CURSOR_OBSERVED) < 0
        || !refs(s)) {
      return false;
    }
    MessageType type = type(s);
    if (type == null) {
      return false;
    }
    if (present(s, MailboxLineScan.TO_SESSION) && !session(s, MailboxLineScan.TO_SESSION)) {
      return false;
    }
    for (int f : TEXTS) {
      if (present(s, f) && s.kind(f) != STRING) {
        return false;
      }
    }
    for (int f : STRING_ARRAYS) {
      if (present(s, f) && !s.stringArray(f)) {
        return false;
      }
    }
    if (s.kind(MailboxLineScan.FILES_CHANGED) != ARRAY) {
      return false;
    }
    if (present(s, MailboxLineScan.PRIORITY) && !oneOf(s, MailboxLineScan.PRIORITY, PRIORITIES)) {
      return false;
    }
    for (int f : DURATIONS) {
      if (present(s, f) && !(s.rawString(f) && MailboxDurations.isValid(s.text(f)))) {
        return false;
      }
    }
    boolean done = type == MessageType.DONE;
    if (present(s, MailboxLineScan.STATE)
        && !((done || type == MessageType.STATUS) && oneOf(s, MailboxLineScan.STATE, STATES))) {
      return false;
    }
    for (int f : COUNTS) {
      if (present(s, f) && !(done && s.smallNatural(f) >= 0)) {
        return false;
      }
    }
    if (s.kind(MailboxLineScan.SKIPPED) != ABSENT
        || (s.kind(MailboxLineScan.PASSOFF) != ABSENT
            && s.kind(MailboxLineScan.PASSOFF) != OBJECT)) {
      return false;
    }
    return typeRule(s, type);
  }

  /** {@code refs}: an object with {@code reply_to} (null or an id) and {@code commit}. */
  private static boolean refs(MailboxLineScan s) {
    if (s.kind(MailboxLineScan.REFS) != OBJECT || s.kind(MailboxLineScan.COMMIT) == ABSENT) {
      return false;
    }
    byte reply = s.kind(MailboxLineScan.REPLY_TO);
    return reply == NULL || s.idSeq(MailboxLineScan.REPLY_TO, null, 1) >= 0;
  }

  private static boolean typeRule(MailboxLineScan s, MessageType type) {
    return switch (type) {
      case TASK ->
          s.visiblyNonBlank(MailboxLineScan.GOAL) || s.visiblyNonBlank(MailboxLineScan.NEXT_ACTION);
      case HANDOFF -> s.visiblyNonBlank(MailboxLineScan.NEXT_ACTION);
      // refs() has proven reply_to null or an id, and an id is never blank
      case CANCEL, DONE -> s.kind(MailboxLineScan.REPLY_TO) == STRING;
      case QUESTION, STATUS, ERROR -> true;
    };
  }

  /** The message type when the field is one of the wire names, else {@code null}. */
  static @Nullable MessageType type(MailboxLineScan s) {
    // The first letters of the seven names differ.
    byte first = s.firstByte(MailboxLineScan.TYPE);
    for (MessageType t : TYPES) {
      if (t.wire().charAt(0) == first) {
        return s.textEquals(MailboxLineScan.TYPE, t.wire()) ? t : null;
      }
    }
    return null;
  }

  private boolean session(MailboxLineScan s, int field) {
    if (!s.rawString(field)) {
      return false;
    }
    for (int i = 0; i < sessions.length; i++) {
      if (s.textEquals(field, sessions[i], sessionLengths[i])) {
        return true;
      }
    }
    if (!SessionId.isValid(s.text(field))) {
      return false;
    }
    int slot = nextSession;
    nextSession = (nextSession + 1) % sessions.length;
    sessionLengths[slot] = s.copyText(field, sessions[slot]);
    return true;
  }

  private static boolean oneOf(MailboxLineScan s, int field, List<String> values) {
    for (String v : values) {
      if (s.textEquals(field, v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean present(MailboxLineScan s, int field) {
    return s.kind(field) != ABSENT;
  }
}
