package dev.passoff.store.jsonl.log;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.NewHandoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns log entries into lines and back. A line is one compact JSON object, written by {@link
 * Json#line} so that U+0085, U+2028 and U+2029 are escaped and no line splitter breaks it, whose
 * keys come in a fixed order: {@code op}, then {@code tx}, {@code part} and {@code parts} when the
 * line belongs to a multi-line append, then the fields of the entry. Times are epoch milliseconds.
 * Keys this version does not know are ignored, so later versions may add fields.
 */
final class LogCodec {
  private LogCodec() {}

  /** A line that cannot be read as an entry; the message says why, in a few words. */
  static final class MalformedEntryException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedEntryException(String message) {
      super(message);
    }
  }

  /** The line for an entry, without its line feed. */
  static String encode(LogEntry entry, LogEntry.@Nullable Tx tx) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>(24);
    if (entry instanceof LogEntry.Create c) {
      frame(m, "create", tx);
      NewHandoff d = c.draft();
      HandoffId parent = d.parentId();
      m.put("id", c.id().value());
      m.put("project", d.project());
      m.put("title", d.title());
      m.put("content", d.content());
      m.put("tags", d.tags());
      m.put("from_client", d.from().name());
      m.put("from_client_ver", d.from().version());
      m.put("from_model", d.fromModel());
      m.put("parent_id", parent == null ? null : parent.value());
      m.put("created_at", d.createdAt().toEpochMilli());
    } else if (entry instanceof LogEntry.Load l) {
      frame(m, "load", tx);
      m.put("id", l.id().value());
      m.put("client", l.stamp().client().name());
      m.put("client_ver", l.stamp().client().version());
      m.put("model", l.stamp().model());
      m.put("loaded_at", l.stamp().at().toEpochMilli());
    } else if (entry instanceof LogEntry.Status s) {
      frame(m, "status", tx);
      m.put("id", s.id().value());
      m.put("status", s.status().value());
    } else if (entry instanceof LogEntry.Reparent r) {
      frame(m, "reparent", tx);
      HandoffId parent = r.parent();
      m.put("id", r.id().value());
      m.put("parent_id", parent == null ? null : parent.value());
    } else if (entry instanceof LogEntry.Delete d) {
      frame(m, "delete", tx);
      m.put("id", d.id().value());
    } else if (entry instanceof LogEntry.Import i) {
      frame(m, "import", tx);
      Handoff h = i.exported().handoff();
      HandoffId parent = h.parentId();
      Instant loadedAt = h.loadedAt();
      m.put("id", h.id().value());
      m.put("project", h.project());
      m.put("title", h.title());
      m.put("content", h.content());
      m.put("tags", h.tags());
      m.put("from_client", h.fromClient());
      m.put("from_client_ver", h.fromClientVersion());
      m.put("from_model", h.fromModel());
      m.put("to_client", h.toClient());
      m.put("to_client_ver", h.toClientVersion());
      m.put("to_model", h.toModel());
      m.put("parent_id", parent == null ? null : parent.value());
      m.put("created_at", h.createdAt().toEpochMilli());
      m.put("loaded_at", loadedAt == null ? null : loadedAt.toEpochMilli());
      m.put("status", h.status().value());
      List<Map<String, @Nullable Object>> loads = new ArrayList<>(i.exported().loads().size());
      for (LoadRecord r : i.exported().loads()) {
        Map<String, @Nullable Object> l = new LinkedHashMap<>(6);
        l.put("client", r.client());
        l.put("client_ver", r.clientVersion());
        l.put("model", r.model());
        l.put("loaded_at", r.loadedAt().toEpochMilli());
        loads.add(l);
      }
      m.put("loads", loads);
    } else if (entry instanceof LogEntry.Unknown u) {
      throw new IllegalArgumentException("cannot write an entry of unknown type " + u.op());
    } else {
      throw new AssertionError(entry);
    }
    return Json.line(m);
  }

  private static void frame(Map<String, @Nullable Object> m, String op, LogEntry.@Nullable Tx tx) {
    m.put("op", op);
    if (tx != null) {
      m.put("tx", tx.id());
      m.put("part", (long) tx.part());
      m.put("parts", (long) tx.parts());
    }
  }

  /** Reads one line (without its line feed). */
  static LogEntry.Framed decode(String line) throws MalformedEntryException {
    Object value;
    try {
      value = Json.parse(line);
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException("not JSON (" + e.getMessage() + ")");
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new MalformedEntryException("not a JSON object");
    }
    String op = requiredString(m, "op");
    LogEntry.Tx tx = tx(m);
    LogEntry entry =
        switch (op) {
          case "create" -> create(m);
          case "load" -> load(m);
          case "status" ->
              new LogEntry.Status(id(m, "id"), new HandoffStatus(requiredString(m, "status")));
          case "reparent" -> new LogEntry.Reparent(id(m, "id"), optionalId(m, "parent_id"));
          case "delete" -> new LogEntry.Delete(id(m, "id"));
          case "import" -> importEntry(m);
          default -> new LogEntry.Unknown(op);
        };
    return new LogEntry.Framed(entry, tx);
  }

  private static LogEntry.@Nullable Tx tx(Map<?, ?> m) throws MalformedEntryException {
    String id = optionalString(m, "tx");
    if (id == null) {
      return null;
    }
    long part = requiredLong(m, "part");
    long parts = requiredLong(m, "parts");
    if (part < 1 || parts > Integer.MAX_VALUE || part > parts) {
      throw new MalformedEntryException("part " + part + " of " + parts + " is out of range");
    }
    return new LogEntry.Tx(id, (int) part, (int) parts);
  }

  private static LogEntry create(Map<?, ?> m) throws MalformedEntryException {
    HandoffId id = id(m, "id");
    NewHandoff draft =
        new NewHandoff(
            requiredString(m, "project"),
            requiredString(m, "title"),
            requiredString(m, "content"),
            optionalTags(m),
            new ClientIdentity(
                requiredString(m, "from_client"), optionalString(m, "from_client_ver")),
            optionalString(m, "from_model"),
            optionalId(m, "parent_id"),
            Instant.ofEpochMilli(requiredLong(m, "created_at")));
    return new LogEntry.Create(id, draft);
  }

  private static LogEntry load(Map<?, ?> m) throws MalformedEntryException {
    HandoffId id = id(m, "id");
    LoadStamp stamp =
        new LoadStamp(
            new ClientIdentity(requiredString(m, "client"), optionalString(m, "client_ver")),
            optionalString(m, "model"),
            Instant.ofEpochMilli(requiredLong(m, "loaded_at")));
    return new LogEntry.Load(id, stamp);
  }

  /** An imported handoff: the same object an export holds, read by core's export parser. */
  private static LogEntry importEntry(Map<?, ?> m) throws MalformedEntryException {
    try {
      return new LogEntry.Import(HandoffJson.parseExported(m));
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException(e.getMessage());
    }
  }

  private static HandoffId id(Map<?, ?> m, String key) throws MalformedEntryException {
    return HandoffId.of(requiredString(m, key));
  }

  private static @Nullable HandoffId optionalId(Map<?, ?> m, String key)
      throws MalformedEntryException {
    String value = optionalString(m, key);
    return value == null ? null : HandoffId.of(value);
  }

  private static String requiredString(Map<?, ?> m, String key) throws MalformedEntryException {
    Object v = m.get(key);
    if (!(v instanceof String s)) {
      throw new MalformedEntryException(key + ": expected a string");
    }
    return s;
  }

  private static @Nullable String optionalString(Map<?, ?> m, String key)
      throws MalformedEntryException {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new MalformedEntryException(key + ": expected a string or null");
    }
    return s;
  }

  private static long requiredLong(Map<?, ?> m, String key) throws MalformedEntryException {
    Object v = m.get(key);
    if (!(v instanceof Long l)) {
      throw new MalformedEntryException(key + ": expected an integer");
    }
    return l;
  }

  /** The tags, or {@code null} when absent or null (none given). */
  private static @Nullable List<String> optionalTags(Map<?, ?> m) throws MalformedEntryException {
    Object v = m.get("tags");
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw new MalformedEntryException("tags: expected an array");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new MalformedEntryException("tags: expected strings");
      }
      out.add(s);
    }
    return out;
  }
}
