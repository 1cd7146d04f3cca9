package dev.passoff.core.testing.mailbox;

import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.Outgoing;
import dev.passoff.core.model.mailbox.Side;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Messages as the protocol writes them, for store and service tests. */
public final class MailboxFixtures {
  private MailboxFixtures() {}

  /** A complete {@code status} message with seq {@code seq} from {@code side}. */
  public static Map<String, @Nullable Object> fields(Side side, long seq, String type) {
    String id = MessageId.of(side, seq).text();
    Map<String, @Nullable Object> f = new LinkedHashMap<>();
    f.put("v", "1.0");
    f.put("id", id);
    f.put("ts", "2026-11-21T22:23:41.123Z");
    f.put("from", side.wire());
    f.put("from_session", side.wire() + "-main");
    f.put("type", type);
    f.put("thread", id);
    f.put("summary", type + " " + seq);
    f.put("blocking", false);
    f.put("peer_cursor_observed", 0L);
    Map<String, @Nullable Object> refs = new LinkedHashMap<>();
    refs.put("reply_to", null);
    refs.put("notes_file", null);
    refs.put("commit", null);
    f.put("refs", refs);
    if (type.equals("task") || type.equals("handoff")) {
      f.put("next_action", "do it");
    }
    f.put("files_changed", List.of());
    return f;
  }

  /** The same message replying to {@code replyTo} in {@code thread}. */
  public static Map<String, @Nullable Object> reply(
      Map<String, @Nullable Object> f, String replyTo, String thread) {
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> refs = new LinkedHashMap<>((Map<String, Object>) f.get("refs"));
    refs.put("reply_to", replyTo);
    f.put("refs", refs);
    f.put("thread", thread);
    return f;
  }

  public static Outgoing outgoing(Map<String, @Nullable Object> f) {
    return new Outgoing(message(f), null);
  }

  public static MailboxMessage message(Map<String, @Nullable Object> f) {
    return new MailboxMessage(MessageId.read((String) f.get("id")).orElseThrow(), f);
  }
}
