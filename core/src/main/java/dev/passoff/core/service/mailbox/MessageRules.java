package dev.passoff.core.service.mailbox;

import dev.passoff.core.error.Violation;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.MessageType;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one validator of mailbox messages: the write rules every message Passoff writes must pass
 * (those of the existing writer plus Passoff's additions), and the per-type rules readers use to
 * classify. Lengths count code points.
 */
public final class MessageRules {
  /** The protocol's schema version. */
  public static final String VERSION = "1.0";

  /** The longest summary, in code points. */
  public static final int SUMMARY_MAX = 200;

  /** The keys in the order Passoff writes them. */
  public static final List<String> KEY_ORDER =
      List.of(
          "v",
          "id",
          "ts",
          "from",
          "from_session",
          "type",
          "thread",
          "summary",
          "blocking",
          "peer_cursor_observed",
          "refs",
          "to_session",
          "context",
          "next_action",
          "goal",
          "priority",
          "expected_within",
          "state",
          "eta",
          "applied",
          "skipped",
          "total_proposed",
          "acceptance",
          "constraints",
          "context_files",
          "files_changed",
          "passoff");

  private static final Set<String> KNOWN = Set.copyOf(KEY_ORDER);
  private static final Set<String> PRIORITIES = Set.of("urgent", "normal", "backlog");
  private static final Set<String> STATES =
      Set.of("claimed", "progress", "blocked", "awaiting-input", "shutdown");
  private static final List<String> STRING_ARRAYS =
      List.of("acceptance", "constraints", "context_files", "files_changed");

  private MessageRules() {}

  /**
   * Every write rule {@code fields} breaks as the message of {@code writer}. With {@code
   * strictKeys}, keys the protocol does not know are violations too (Passoff never writes them).
   */
  public static List<Violation> check(
      Map<String, ? extends @Nullable Object> fields, Side writer, boolean strictKeys) {
    List<Violation> out = new ArrayList<>();
    if (!VERSION.equals(fields.get("v"))) {
      out.add(new Violation("v", "must be \"1.0\""));
    }
    Object id = fields.get("id");
    if (!(id instanceof String s) || !MessageId.isWritable(s)) {
      out.add(new Violation("id", "must be <side>- and at least six digits"));
    } else if (!s.startsWith(writer.wire() + "-")) {
      out.add(new Violation("id", "must start with " + writer.wire() + "-"));
    }
    if (!(fields.get("ts") instanceof String ts) || !MailboxTimes.isWritten(ts)) {
      out.add(new Violation("ts", "must be UTC with exactly three fraction digits"));
    }
    if (!writer.wire().equals(fields.get("from"))) {
      out.add(new Violation("from", "must be " + writer.wire()));
    }
    if (!(fields.get("from_session") instanceof String fs) || !SessionId.isValid(fs)) {
      out.add(new Violation("from_session", "must be a valid session id"));
    }
    Object typeValue = fields.get("type");
    Optional<MessageType> type =
        typeValue instanceof String t ? MessageType.find(t) : Optional.empty();
    if (type.isEmpty()) {
      out.add(
          new Violation(
              "type", "must be one of task, handoff, question, done, status, error, cancel"));
    }
    if (!(fields.get("thread") instanceof String th) || !MessageId.isWritable(th)) {
      out.add(new Violation("thread", "must be a message id"));
    }
    checkSummary(fields.get("summary"), out);
    if (!(fields.get("blocking") instanceof Boolean)) {
      out.add(new Violation("blocking", "must be true or false"));
    }
    if (!(fields.get("peer_cursor_observed") instanceof Long pco) || pco < 0) {
      out.add(new Violation("peer_cursor_observed", "must be a non-negative integer"));
    }
    checkRefs(fields.get("refs"), out);
    if (fields.containsKey("to_session")) {
      Object to = fields.get("to_session");
      if (!(to instanceof String ts) || !SessionId.isValid(ts)) {
        out.add(new Violation("to_session", "must be a valid session id"));
      }
    }
    for (String key : List.of("context", "next_action", "goal")) {
      if (fields.containsKey(key) && !(fields.get(key) instanceof String)) {
        out.add(new Violation(key, "must be a string"));
      }
    }
    for (String key : STRING_ARRAYS) {
      if (fields.containsKey(key) && !stringArray(fields.get(key))) {
        out.add(new Violation(key, "must be an array of strings"));
      }
    }
    if (!fields.containsKey("files_changed")) {
      out.add(new Violation("files_changed", "is required (may be empty)"));
    }
    // instanceof first: a JSON null must be a violation, and Set.of(...).contains(null) throws.
    if (fields.containsKey("priority")
        && !(fields.get("priority") instanceof String p && PRIORITIES.contains(p))) {
      out.add(new Violation("priority", "must be urgent, normal or backlog"));
    }
    for (String key : List.of("expected_within", "eta")) {
      if (fields.containsKey(key)
          && !(fields.get(key) instanceof String d && MailboxDurations.isValid(d))) {
        out.add(new Violation(key, MailboxDurations.PROBLEM));
      }
    }
    boolean statusOrDone =
        type.map(t -> t == MessageType.STATUS || t == MessageType.DONE).orElse(false);
    boolean done = type.map(t -> t == MessageType.DONE).orElse(false);
    if (fields.containsKey("state")) {
      if (!statusOrDone) {
        out.add(new Violation("state", "is only allowed on status and done"));
      } else if (!(fields.get("state") instanceof String st && STATES.contains(st))) {
        out.add(
            new Violation(
                "state", "must be claimed, progress, blocked, awaiting-input or shutdown"));
      }
    }
    for (String key : List.of("applied", "total_proposed")) {
      if (fields.containsKey(key)) {
        if (!done) {
          out.add(new Violation(key, "is only allowed on done"));
        } else if (!(fields.get(key) instanceof Long n) || n < 0) {
          out.add(new Violation(key, "must be a non-negative integer"));
        }
      }
    }
    if (fields.containsKey("skipped")) {
      if (!done) {
        out.add(new Violation("skipped", "is only allowed on done"));
      } else {
        checkSkipped(fields.get("skipped"), out);
      }
    }
    if (fields.containsKey("passoff") && !(fields.get("passoff") instanceof Map)) {
      out.add(new Violation("passoff", "must be an object"));
    }
    if (strictKeys) {
      for (String key : fields.keySet()) {
        if (!KNOWN.contains(key)) {
          out.add(new Violation(key, "is not a protocol field"));
        }
      }
    }
    type.ifPresent(t -> out.addAll(typeRules(t, fields)));
    for (Map.Entry<String, ? extends @Nullable Object> e : fields.entrySet()) {
      if (hasLoneSurrogate(e.getValue())) {
        out.add(new Violation(e.getKey(), "contains a lone surrogate (invalid Unicode)"));
      }
    }
    return out;
  }

  /** The extra rules of one type: what makes a lease message a {@code reject} for readers. */
  public static List<Violation> typeRules(
      MessageType type, Map<String, ? extends @Nullable Object> fields) {
    List<Violation> out = new ArrayList<>();
    switch (type) {
      case TASK -> {
        if (!nonEmpty(fields.get("goal")) && !nonEmpty(fields.get("next_action"))) {
          out.add(new Violation("goal", "a task needs a goal or a next_action"));
        }
      }
      case HANDOFF -> {
        if (!nonEmpty(fields.get("next_action"))) {
          out.add(new Violation("next_action", "a handoff needs a next_action"));
        }
      }
      case CANCEL, DONE -> {
        if (!nonEmpty(ref(fields, "reply_to"))) {
          out.add(new Violation("reply_to", "a " + type.wire() + " needs a reply_to"));
        }
      }
      default -> {
        // question, status and error have no extra rule
      }
    }
    return out;
  }

  private static void checkSummary(@Nullable Object value, List<Violation> out) {
    if (!(value instanceof String s)) {
      out.add(new Violation("summary", "is required"));
      return;
    }
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      out.add(new Violation("summary", "summary must be a single line"));
    }
    if (s.codePointCount(0, s.length()) > SUMMARY_MAX) {
      out.add(new Violation("summary", "must be at most " + SUMMARY_MAX + " characters"));
    }
  }

  private static void checkRefs(@Nullable Object value, List<Violation> out) {
    if (!(value instanceof Map<?, ?> refs)) {
      out.add(new Violation("refs", "must be an object"));
      return;
    }
    for (String key : List.of("reply_to", "notes_file", "commit")) {
      if (!refs.containsKey(key)) {
        out.add(new Violation("refs." + key, "must be present (null is allowed)"));
      }
    }
    Object reply = refs.get("reply_to");
    if (reply != null && !(reply instanceof String r && MessageId.read(r).isPresent())) {
      out.add(new Violation("refs.reply_to", "must be null or a message id"));
    }
    Object notes = refs.get("notes_file");
    if (notes != null) {
      if (!(notes instanceof String n)) {
        out.add(new Violation("refs.notes_file", "must be null or a path"));
      } else {
        NotePaths.problem(n).ifPresent(p -> out.add(new Violation("refs.notes_file", p)));
      }
    }
  }

  private static void checkSkipped(@Nullable Object value, List<Violation> out) {
    if (!(value instanceof List<?> list)) {
      out.add(new Violation("skipped", "must be an array of {id, reason}"));
      return;
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m)
          || !nonEmpty(m.get("id"))
          || !(m.get("reason") instanceof String reason)
          || reason.isBlank()) {
        out.add(new Violation("skipped", "each entry needs a non-empty id and reason"));
        continue;
      }
      if (reason.indexOf('\n') >= 0 || reason.indexOf('\r') >= 0) {
        out.add(new Violation("skipped", "a reason must be a single line"));
      }
      if (reason.codePointCount(0, reason.length()) > SUMMARY_MAX) {
        out.add(new Violation("skipped", "a reason must be at most 200 characters"));
      }
    }
  }

  private static @Nullable Object ref(Map<String, ? extends @Nullable Object> fields, String key) {
    return fields.get("refs") instanceof Map<?, ?> refs ? refs.get(key) : null;
  }

  private static boolean nonEmpty(@Nullable Object value) {
    return value instanceof String s && !s.isBlank();
  }

  private static boolean stringArray(@Nullable Object value) {
    if (!(value instanceof List<?> list)) {
      return false;
    }
    for (Object item : list) {
      if (!(item instanceof String)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLoneSurrogate(@Nullable Object value) {
    if (value instanceof String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
          if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            i++;
          } else {
            return true;
          }
        } else if (Character.isLowSurrogate(c)) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (hasLoneSurrogate(e.getKey()) || hasLoneSurrogate(e.getValue())) {
          return true;
        }
      }
    }
    if (value instanceof List<?> l) {
      for (Object item : l) {
        if (hasLoneSurrogate(item)) {
          return true;
        }
      }
    }
    return false;
  }
}
