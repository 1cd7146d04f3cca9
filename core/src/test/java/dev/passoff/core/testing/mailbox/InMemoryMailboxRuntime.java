package dev.passoff.core.testing.mailbox;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.Appended;
import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.GateState;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.Outgoing;
import dev.passoff.core.model.mailbox.ReclaimOutcome;
import dev.passoff.core.model.mailbox.RepairReport;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.model.mailbox.StreamBatch;
import dev.passoff.core.port.out.ClaimStore;
import dev.passoff.core.port.out.CursorStore;
import dev.passoff.core.port.out.GateStateStore;
import dev.passoff.core.port.out.MailboxMaintenance;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.port.out.MessageStore;
import dev.passoff.core.service.mailbox.MailboxTimes;
import dev.passoff.core.service.mailbox.NotePaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox runtime held in memory, for service tests. It passes the same contract suites as the
 * file store; it has no archives, and every operation is serialised on the runtime.
 */
public final class InMemoryMailboxRuntime implements MailboxRuntime {
  private final Clock clock;
  private final Map<Side, List<MailboxMessage>> streams = new EnumMap<>(Side.class);
  private final Map<Side, Long> seqFiles = new EnumMap<>(Side.class);
  private final Map<String, String> notes = new HashMap<>();
  private final Map<String, Long> cursorFiles = new TreeMap<>();
  private final Map<String, Instant> cursorTimes = new HashMap<>();
  private final Map<Side, Long> legacy = new EnumMap<>(Side.class);
  private final Map<String, ClaimState> claimFiles = new TreeMap<>();
  private final Map<String, GateState> gateStates = new HashMap<>();
  private final Map<Side, String> sessionFiles = new EnumMap<>(Side.class);
  private final Map<Side, String> lastSeen = new EnumMap<>(Side.class);

  public InMemoryMailboxRuntime(Clock clock) {
    this.clock = clock;
    for (Side side : Side.values()) {
      streams.put(side, new ArrayList<>());
    }
  }

  /** Appends a line as another writer would, without the send rules. */
  public synchronized void appendRaw(Side writer, Map<String, @Nullable Object> fields) {
    String id = (String) fields.get("id");
    streams.get(writer).add(new MailboxMessage(MessageId.read(id).orElseThrow(), fields));
  }

  /** Sets {@code .<side>-session}. */
  public synchronized void sessionFile(Side side, String content) {
    sessionFiles.put(side, content);
  }

  /** Puts a claim file as written by hand. */
  public synchronized void putClaim(Side reader, String messageId, ClaimState state) {
    claimFiles.put(reader.wire() + "-handles-" + messageId, state);
  }

  @Override
  public Path root() {
    return Path.of("memory");
  }

  @Override
  public Path runtime() {
    return Path.of("memory", ".handoff-runtime");
  }

  @Override
  public MessageStore messages() {
    return messages;
  }

  /** Nothing here is stored in files, so there is nothing to inspect, archive or repair. */
  @Override
  public MailboxMaintenance maintenance() {
    return new MailboxMaintenance() {
      @Override
      public List<Finding> inspect(Instant now) {
        return List.of();
      }

      @Override
      public ArchiveReport archive(ArchiveRequest request) {
        throw new UnsupportedOperationException("the in-memory runtime has no files to archive");
      }

      @Override
      public RepairReport repair(@Nullable Side writer, boolean dryRun, Duration lockTimeout) {
        throw new UnsupportedOperationException("the in-memory runtime has no files to repair");
      }
    };
  }

  @Override
  public CursorStore cursors() {
    return cursors;
  }

  @Override
  public ClaimStore claims() {
    return claims;
  }

  @Override
  public GateStateStore gates() {
    return gates;
  }

  private final MessageStore messages =
      new MessageStore() {
        @Override
        public Appended append(Side writer, Duration lockTimeout, Composer composer) {
          synchronized (InMemoryMailboxRuntime.this) {
            long seq = nextSeq(writer);
            Outgoing out = composer.compose(seq);
            if (out.note() != null) {
              if (notes.containsKey(out.note().path())) {
                throw new ConflictException("notes file " + out.note().path() + " already exists");
              }
              notes.put(out.note().path(), out.note().text());
            }
            // Round-trip through the line format, as a file store would.
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> fields =
                (Map<String, @Nullable Object>) Json.parse(Json.line(out.message().fields()));
            MailboxMessage stored = new MailboxMessage(out.message().id(), fields);
            streams.get(writer).add(stored);
            seqFiles.put(writer, stored.seq());
            return new Appended(
                stored,
                "memory/" + writer.outboxFile(),
                out.note() == null ? null : out.note().path());
          }
        }

        @Override
        public long nextSeq(Side writer) {
          synchronized (InMemoryMailboxRuntime.this) {
            return Math.max(seqFiles.getOrDefault(writer, 0L), maxSeq(writer)) + 1;
          }
        }

        @Override
        public long maxSeq(Side writer) {
          synchronized (InMemoryMailboxRuntime.this) {
            long max = 0;
            for (MailboxMessage m : streams.get(writer)) {
              max = Math.max(max, m.seq());
            }
            return max;
          }
        }

        @Override
        public StreamBatch readAfter(Side writer, long afterSeq, int limit, boolean anySide) {
          synchronized (InMemoryMailboxRuntime.this) {
            Map<Long, MailboxMessage> first = new TreeMap<>();
            List<MailboxMessage> all = new ArrayList<>();
            for (MailboxMessage m : streams.get(writer)) {
              if (m.seq() <= afterSeq || (!anySide && m.id().side() != writer)) {
                continue;
              }
              if (anySide) {
                all.add(m);
              } else {
                first.putIfAbsent(m.seq(), m);
              }
            }
            List<MailboxMessage> ordered = anySide ? all : new ArrayList<>(first.values());
            ordered.sort(Comparator.comparingLong(MailboxMessage::seq));
            boolean more = ordered.size() > limit;
            return new StreamBatch(
                ordered.subList(0, Math.min(limit, ordered.size())), more, List.of());
          }
        }

        @Override
        public Optional<MailboxMessage> find(MessageId id) {
          synchronized (InMemoryMailboxRuntime.this) {
            for (MailboxMessage m : streams.get(id.side())) {
              if (m.seq() == id.seq() && m.id().side() == id.side()) {
                return Optional.of(m);
              }
            }
            return Optional.empty();
          }
        }

        @Override
        public List<MailboxMessage> repliesTo(Side writer, String target) {
          synchronized (InMemoryMailboxRuntime.this) {
            Optional<MessageId> t = MessageId.read(target);
            List<MailboxMessage> out = new ArrayList<>();
            if (t.isEmpty()) {
              return out;
            }
            for (MailboxMessage m : streams.get(writer)) {
              Optional<MessageId> r =
                  m.replyTo() == null ? Optional.empty() : MessageId.read(m.replyTo());
              if (r.isPresent()
                  && r.get().side() == t.get().side()
                  && r.get().seq() == t.get().seq()
                  && m.id().side() == writer) {
                out.add(m);
              }
            }
            out.sort(Comparator.comparingLong(MailboxMessage::seq));
            return out;
          }
        }

        @Override
        public List<MailboxMessage> carrying(Set<String> handoffIds) {
          synchronized (InMemoryMailboxRuntime.this) {
            List<MailboxMessage> out = new ArrayList<>();
            for (Side side : Side.values()) {
              for (MailboxMessage m : streams.get(side)) {
                if (m.handoffId() != null && handoffIds.contains(m.handoffId())) {
                  out.add(m);
                }
              }
            }
            return out;
          }
        }

        @Override
        public List<MailboxMessage> inThread(String thread) {
          synchronized (InMemoryMailboxRuntime.this) {
            Optional<MessageId> t = MessageId.read(thread);
            List<MailboxMessage> out = new ArrayList<>();
            if (t.isEmpty()) {
              return out;
            }
            for (Side side : Side.values()) {
              for (MailboxMessage m : streams.get(side)) {
                Optional<MessageId> th =
                    m.thread() == null ? Optional.empty() : MessageId.read(m.thread());
                if (th.isPresent()
                    && th.get().side() == t.get().side()
                    && th.get().seq() == t.get().seq()) {
                  out.add(m);
                }
              }
            }
            out.sort(
                Comparator.comparing((MailboxMessage m) -> m.id().side())
                    .thenComparingLong(MailboxMessage::seq));
            return out;
          }
        }

        @Override
        public String streamLocation(Side writer) {
          return "memory/" + writer.outboxFile();
        }

        @Override
        public boolean noteExists(String path) {
          check(path);
          synchronized (InMemoryMailboxRuntime.this) {
            return notes.containsKey(path);
          }
        }

        @Override
        public Optional<String> readNote(String path, int maxBytes) {
          check(path);
          synchronized (InMemoryMailboxRuntime.this) {
            String text = notes.get(path);
            if (text == null) {
              return Optional.empty();
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return Optional.of(
                new String(bytes, 0, Math.min(maxBytes, bytes.length), StandardCharsets.UTF_8));
          }
        }

        private void check(String path) {
          NotePaths.problem(path)
              .ifPresent(
                  p -> {
                    throw new ValidationException("notes_file", "'" + path + "' " + p);
                  });
        }
      };

  private final CursorStore cursors =
      new CursorStore() {
        @Override
        public CursorValue session(Side reader, SessionId session) {
          synchronized (InMemoryMailboxRuntime.this) {
            Long v = cursorFiles.get(reader.wire() + "-" + session.value());
            return v == null ? new CursorValue.Missing() : new CursorValue.Valid(v);
          }
        }

        @Override
        public CursorValue legacy(Side reader) {
          synchronized (InMemoryMailboxRuntime.this) {
            Long v = legacy.get(reader);
            return v == null ? new CursorValue.Missing() : new CursorValue.Valid(v);
          }
        }

        @Override
        public void writeSession(Side reader, SessionId session, long seq) {
          synchronized (InMemoryMailboxRuntime.this) {
            cursorFiles.put(reader.wire() + "-" + session.value(), seq);
            cursorTimes.put(reader.wire() + "-" + session.value(), clock.instant());
          }
        }

        @Override
        public void stampLastSeen(Side side, Instant at) {
          synchronized (InMemoryMailboxRuntime.this) {
            lastSeen.put(side, MailboxTimes.format(at));
          }
        }

        @Override
        public Optional<String> lastSeen(Side side) {
          synchronized (InMemoryMailboxRuntime.this) {
            return Optional.ofNullable(lastSeen.get(side));
          }
        }

        @Override
        public void writeLegacy(Side reader, long seq) {
          synchronized (InMemoryMailboxRuntime.this) {
            legacy.put(reader, seq);
          }
        }

        @Override
        public Map<String, CursorValue> sessions(Side reader) {
          synchronized (InMemoryMailboxRuntime.this) {
            Map<String, CursorValue> out = new TreeMap<>();
            String prefix = reader.wire() + "-";
            cursorFiles.forEach(
                (k, v) -> {
                  if (k.startsWith(prefix)) {
                    out.put(k.substring(prefix.length()), new CursorValue.Valid(v));
                  }
                });
            return out;
          }
        }

        @Override
        public Optional<String> configuredSession(Side side) {
          synchronized (InMemoryMailboxRuntime.this) {
            return Optional.ofNullable(sessionFiles.get(side))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
          }
        }

        @Override
        public Optional<Instant> modified(Side reader, String session) {
          synchronized (InMemoryMailboxRuntime.this) {
            return Optional.ofNullable(cursorTimes.get(reader.wire() + "-" + session));
          }
        }

        @Override
        public boolean forget(Side reader, String session) {
          synchronized (InMemoryMailboxRuntime.this) {
            return cursorFiles.remove(reader.wire() + "-" + session) != null;
          }
        }
      };

  private final ClaimStore claims =
      new ClaimStore() {
        @Override
        public Optional<ClaimState> find(Side reader, String messageId) {
          synchronized (InMemoryMailboxRuntime.this) {
            return Optional.ofNullable(claimFiles.get(reader.wire() + "-handles-" + messageId));
          }
        }

        @Override
        public boolean create(Claim claim) {
          synchronized (InMemoryMailboxRuntime.this) {
            String key = claim.side().wire() + "-handles-" + claim.messageId();
            if (claimFiles.containsKey(key)) {
              return false;
            }
            claimFiles.put(key, held(claim));
            return true;
          }
        }

        @Override
        public ReclaimOutcome reclaim(Claim replacement, byte[] expiredBytes, Instant now) {
          synchronized (InMemoryMailboxRuntime.this) {
            String key = replacement.side().wire() + "-handles-" + replacement.messageId();
            ClaimState current = claimFiles.get(key);
            if (current == null || !Arrays.equals(current.bytes(), expiredBytes)) {
              return ReclaimOutcome.RETRY;
            }
            claimFiles.put(key, held(replacement));
            return ReclaimOutcome.RECLAIMED;
          }
        }

        @Override
        public void replace(Claim claim) {
          synchronized (InMemoryMailboxRuntime.this) {
            claimFiles.put(claim.side().wire() + "-handles-" + claim.messageId(), held(claim));
          }
        }

        @Override
        public List<ClaimState> all(Side reader) {
          synchronized (InMemoryMailboxRuntime.this) {
            List<ClaimState> out = new ArrayList<>();
            claimFiles.forEach(
                (k, v) -> {
                  if (k.startsWith(reader.wire() + "-handles-")) {
                    out.add(v);
                  }
                });
            return out;
          }
        }

        private ClaimState held(Claim claim) {
          Map<String, @Nullable Object> c = new LinkedHashMap<>();
          c.put("session", claim.session());
          c.put("message_id", claim.messageId());
          c.put("run_id", claim.runId());
          c.put("expires_at", String.valueOf(claim.expiresAt()));
          c.put("completed_by", claim.completedBy());
          return new ClaimState.Held(
              claim, clock.instant(), Json.compact(c).getBytes(StandardCharsets.UTF_8));
        }
      };

  private final GateStateStore gates =
      new GateStateStore() {
        @Override
        public GateState read(Side side, String session) {
          synchronized (InMemoryMailboxRuntime.this) {
            return gateStates.getOrDefault(
                side.wire() + "/" + session, new GateState(0, null, null));
          }
        }

        @Override
        public GateState update(Side side, String session, UnaryOperator<GateState> change) {
          synchronized (InMemoryMailboxRuntime.this) {
            GateState next = change.apply(read(side, session));
            gateStates.put(side.wire() + "/" + session, next);
            return next;
          }
        }
      };
}
