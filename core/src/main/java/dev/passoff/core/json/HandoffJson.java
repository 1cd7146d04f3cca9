package dev.passoff.core.json;

import dev.passoff.core.model.CreatedHandoff;
import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.model.SearchHit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes of the baton pass, as insertion-ordered maps ready for {@link Json}. Key order is
 * part of the contract: the handoff object follows the table's column order.
 */
public final class HandoffJson {
  private HandoffJson() {}

  /** The full handoff object: all 15 columns in table order, times as epoch milliseconds. */
  public static Map<String, @Nullable Object> handoff(Handoff h) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>(24);
    m.put("id", h.id().value());
    m.put("project", h.project());
    m.put("title", h.title());
    m.put("content", h.content());
    m.put("tags", h.tags());
    m.put("from_client", emptyToNull(h.fromClient()));
    m.put("from_client_ver", emptyToNull(h.fromClientVersion()));
    m.put("from_model", emptyToNull(h.fromModel()));
    m.put("to_client", emptyToNull(h.toClient()));
    m.put("to_client_ver", emptyToNull(h.toClientVersion()));
    m.put("to_model", emptyToNull(h.toModel()));
    m.put("parent_id", h.parentId() == null ? null : emptyToNull(h.parentId().value()));
    m.put("created_at", h.createdAt().toEpochMilli());
    m.put("loaded_at", h.loadedAt() == null ? null : h.loadedAt().toEpochMilli());
    m.put("status", h.status().value());
    return m;
  }

  /** A list item: metadata without the body. */
  public static Map<String, @Nullable Object> summary(HandoffSummary s) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>(12);
    m.put("id", s.id().value());
    m.put("title", s.title());
    m.put("tags", s.tags());
    m.put("from_client", emptyToNull(s.fromClient()));
    m.put("from_model", emptyToNull(s.fromModel()));
    m.put("to_client", emptyToNull(s.toClient()));
    m.put("created_at", s.createdAt().toEpochMilli());
    m.put("status", s.status().value());
    return m;
  }

  /** A search result. */
  public static Map<String, @Nullable Object> hit(SearchHit hit) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>(8);
    m.put("id", hit.id().value());
    m.put("title", hit.title());
    m.put("snippet", hit.snippet());
    m.put("created_at", hit.createdAt().toEpochMilli());
    m.put("from_client", emptyToNull(hit.fromClient()));
    m.put("status", hit.status().value());
    return m;
  }

  /** What create returns: id, created_at, project. */
  public static Map<String, @Nullable Object> created(CreatedHandoff c) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>(4);
    m.put("id", c.id().value());
    m.put("created_at", c.createdAt().toEpochMilli());
    m.put("project", c.project());
    return m;
  }

  /** One load-history entry. */
  public static Map<String, @Nullable Object> load(LoadRecord r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>(6);
    m.put("client", r.client());
    m.put("client_ver", r.clientVersion());
    m.put("model", r.model());
    m.put("loaded_at", r.loadedAt().toEpochMilli());
    return m;
  }

  /** The handoff object followed by its load history under {@code loads}. */
  public static Map<String, @Nullable Object> exported(ExportedHandoff e) {
    Map<String, @Nullable Object> m = handoff(e.handoff());
    List<Map<String, @Nullable Object>> loads = new ArrayList<>(e.loads().size());
    for (LoadRecord r : e.loads()) {
      loads.add(load(r));
    }
    m.put("loads", loads);
    return m;
  }

  /**
   * Reads an exported object back. Missing optional fields are null; {@code loads} may be absent.
   *
   * @throws IllegalArgumentException naming the first field that is missing or of the wrong type
   */
  public static ExportedHandoff parseExported(@Nullable Object value) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    HandoffId id = HandoffId.of(requiredString(m, "id"));
    @Nullable String parent = optionalString(m, "parent_id");
    Handoff h =
        new Handoff(
            id,
            requiredString(m, "project"),
            requiredString(m, "title"),
            requiredString(m, "content"),
            stringList(m.get("tags"), "tags"),
            requiredString(m, "from_client"),
            optionalString(m, "from_client_ver"),
            optionalString(m, "from_model"),
            optionalString(m, "to_client"),
            optionalString(m, "to_client_ver"),
            optionalString(m, "to_model"),
            parent == null ? null : HandoffId.of(parent),
            Instant.ofEpochMilli(requiredLong(m, "created_at")),
            optionalInstant(m, "loaded_at"),
            new HandoffStatus(requiredString(m, "status")));
    List<LoadRecord> loads = new ArrayList<>();
    Object rawLoads = m.get("loads");
    if (rawLoads != null) {
      if (!(rawLoads instanceof List<?> list)) {
        throw new IllegalArgumentException("loads: expected an array");
      }
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> l)) {
          throw new IllegalArgumentException("loads: expected objects");
        }
        loads.add(
            new LoadRecord(
                id,
                requiredString(l, "client"),
                optionalString(l, "client_ver"),
                optionalString(l, "model"),
                Instant.ofEpochMilli(requiredLong(l, "loaded_at"))));
      }
    }
    return new ExportedHandoff(h, loads);
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String requiredString(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(key + ": expected a string");
    }
    return s;
  }

  private static @Nullable String optionalString(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(key + ": expected a string or null");
    }
    return s;
  }

  private static long requiredLong(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Long l)) {
      throw new IllegalArgumentException(key + ": expected an integer");
    }
    return l;
  }

  private static @Nullable Instant optionalInstant(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    return Instant.ofEpochMilli(requiredLong(m, key));
  }

  private static List<String> stringList(@Nullable Object v, String key) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(key + ": expected an array");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException(key + ": expected strings");
      }
      out.add(s);
    }
    return out;
  }
}
