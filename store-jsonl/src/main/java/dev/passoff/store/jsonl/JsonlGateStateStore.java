package dev.passoff.store.jsonl;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.GateState;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.GateStateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The poll gate's state file {@code .<side>-pollgate.json}: indented by two, LF-terminated, written
 * by atomic replace under {@code locks/<side>-pollgate.lock} (two-second timeout).
 */
final class JsonlGateStateStore implements GateStateStore {
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

  private final RuntimeLayout layout;
  private final Clock clock;
  private final String tool;

  JsonlGateStateStore(RuntimeLayout layout, Clock clock, String tool) {
    this.layout = layout;
    this.clock = clock;
    this.tool = tool;
  }

  @Override
  public GateState read(Side side, String session) {
    return entry(load(side), session);
  }

  @Override
  public GateState update(Side side, String session, UnaryOperator<GateState> change) {
    try (RuntimeLock lock =
        RuntimeLock.acquire(
            layout.gateLock(side), side.wire(), LOCK_TIMEOUT, tool, clock, "poll-gate lock")) {
      Map<String, @Nullable Object> file = load(side);
      GateState next = change.apply(entry(file, session));
      Map<String, Object> sessions = new LinkedHashMap<>();
      if (file.get("sessions") instanceof Map<?, ?> old) {
        for (Map.Entry<?, ?> e : old.entrySet()) {
          sessions.put(String.valueOf(e.getKey()), e.getValue());
        }
      }
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("idle_streak", (long) next.idleStreak());
      value.put("last_decision", next.lastDecision());
      value.put("updated_at", next.updatedAt());
      sessions.put(session, value);
      file.put("sessions", sessions);
      FileOps.replace(
          layout.gateState(side),
          (Json.pretty(file) + "\n").getBytes(StandardCharsets.UTF_8),
          false);
      return next;
    } catch (IOException e) {
      throw FileOps.unavailable("write " + layout.gateState(side), e);
    }
  }

  private Map<String, @Nullable Object> load(Side side) {
    try {
      Optional<byte[]> bytes = FileOps.readIfExists(layout.gateState(side));
      if (bytes.isPresent()) {
        Object value = Json.parse(FileOps.decodeTolerant(bytes.get()));
        if (value instanceof Map<?, ?> m) {
          Map<String, @Nullable Object> out = new LinkedHashMap<>();
          m.forEach((k, v) -> out.put(String.valueOf(k), v));
          return out;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // An unreadable state file counts as empty, as the existing gate treats it.
    }
    return new LinkedHashMap<>();
  }

  private static GateState entry(Map<String, @Nullable Object> file, String session) {
    if (file.get("sessions") instanceof Map<?, ?> sessions
        && sessions.get(session) instanceof Map<?, ?> s) {
      int streak = s.get("idle_streak") instanceof Number n ? (int) n.longValue() : 0;
      return new GateState(
          Math.max(0, streak),
          s.get("last_decision") instanceof String d ? d : null,
          s.get("updated_at") instanceof String u ? u : null);
    }
    return new GateState(0, null, null);
  }
}
