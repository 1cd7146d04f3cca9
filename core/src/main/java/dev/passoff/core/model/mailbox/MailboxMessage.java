package dev.passoff.core.model.mailbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One line of a direction stream: its id and the whole JSON object as written, keys in file order.
 * Typed accessors read the protocol fields leniently, since other writers may put anything there;
 * the validator ({@code MessageRules}) says whether a message follows the write rules.
 *
 * @param id the parsed {@code id} field
 * @param fields every key of the line, unknown ones included
 */
public record MailboxMessage(MessageId id, Map<String, @Nullable Object> fields) {
  public MailboxMessage {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public long seq() {
    return id.seq();
  }

  /** The {@code type} as written, or an empty string when it is missing or not a string. */
  public String type() {
    return string("type");
  }

  /** The type, if it is one of the seven. */
  public Optional<MessageType> knownType() {
    return MessageType.find(type());
  }

  /** Whether this is a lease message: a known lease type, or an unknown type (reject). */
  public boolean pure() {
    return knownType().map(t -> !t.lease()).orElse(false);
  }

  public String from() {
    return string("from");
  }

  public @Nullable String fromSession() {
    return nonEmpty("from_session");
  }

  /** The addressee session, or {@code null} for a broadcast (absent, null or empty). */
  public @Nullable String toSession() {
    return nonEmpty("to_session");
  }

  public @Nullable String thread() {
    return nonEmpty("thread");
  }

  public String summary() {
    return string("summary");
  }

  public @Nullable String timestamp() {
    return nonEmpty("ts");
  }

  /** {@code refs.reply_to}, or {@code null}. */
  public @Nullable String replyTo() {
    return ref("reply_to");
  }

  /** {@code refs.notes_file}, or {@code null}. */
  public @Nullable String notesFile() {
    return ref("notes_file");
  }

  public @Nullable String expectedWithin() {
    return nonEmpty("expected_within");
  }

  /** The {@code passoff.handoff_id} link, when the message carries a Passoff handoff. */
  public @Nullable String handoffId() {
    if (fields.get("passoff") instanceof Map<?, ?> ext
        && ext.get("handoff_id") instanceof String s
        && !s.isEmpty()) {
      return s;
    }
    return null;
  }

  private @Nullable String ref(String key) {
    if (fields.get("refs") instanceof Map<?, ?> refs
        && refs.get(key) instanceof String s
        && !s.isEmpty()) {
      return s;
    }
    return null;
  }

  private String string(String key) {
    return fields.get(key) instanceof String s ? s : "";
  }

  private @Nullable String nonEmpty(String key) {
    return fields.get(key) instanceof String s && !s.isEmpty() ? s : null;
  }
}
