package dev.passoff.store.jsonl.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.GateResult;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxService;
import dev.passoff.store.jsonl.JsonlMailboxRuntimes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Passoff's poll gate against the peer model's {@code poll-gate.py} (§7, §14 item 29). */
class InteropPollGateIT {
  @TempDir static Path scripts;
  static Peer peer;

  @TempDir Path dir;

  static final List<String> KEYS =
      List.of(
          "side",
          "session",
          "cursor",
          "stream_max_seq",
          "decision",
          "unread_total",
          "for_me",
          "for_me_lease",
          "for_me_pure",
          "directed_elsewhere");

  @BeforeAll
  static void installPeer() {
    peer = Peer.install(scripts);
  }

  /**
   * One generated runtime, present twice with the same bytes: {@code a} for Passoff and {@code b}
   * for the peer, so that each tool's state file evolves on its own.
   */
  record State(
      int index,
      Path a,
      Path b,
      Side side,
      @Nullable String sessionOption,
      Map<String, @Nullable String> env,
      int proactiveEvery,
      String description) {}

  private static final String[] TYPES = {
    "task", "handoff", "question", "cancel", "error", "status", "done", "bogus"
  };

  // §14 item 29
  @Test
  @Timeout(90)
  void givenGeneratedStates_passoffGateMatchesPeerGate_inDecisionExitCountsAndStateFile() {
    Random random = new Random(20261122L);
    int steps = 3;
    List<State> states = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      states.add(generate(i, random));
    }

    List<Map<String, Object>> calls = new ArrayList<>();
    for (State s : states) {
      for (int step = 0; step < steps; step++) {
        List<String> argv = new ArrayList<>(List.of("--side", s.side().wire()));
        if (s.sessionOption() != null) {
          argv.addAll(List.of("--session", s.sessionOption()));
        }
        argv.addAll(List.of("--proactive-every", Integer.toString(s.proactiveEvery())));
        calls.add(
            Peer.call(
                s.b(),
                s.env(),
                List.of(stateFile(s.b(), s.side()).toString()),
                argv.toArray(String[]::new)));
      }
    }
    List<Map<String, @Nullable Object>> results = peer.many("poll_gate", calls);

    List<String> mismatches = new ArrayList<>();
    java.util.Set<String> decisions = new java.util.TreeSet<>();
    int k = 0;
    for (State s : states) {
      JsonlMailboxRuntimes runtimes = new JsonlMailboxRuntimes(null, Clock.systemUTC(), "test");
      MailboxService service =
          new MailboxService(
              runtimes.open(s.a()).orElseThrow(), Clock.systemUTC(), () -> 1, "test");
      MailboxIdentity who = service.identify(s.side(), s.sessionOption(), envOf(s), null);
      for (int step = 0; step < steps; step++, k++) {
        GateResult passoff = service.gate(who, s.proactiveEvery(), false);
        String passoffState = readIfExists(stateFile(s.a(), s.side()));
        Map<String, @Nullable Object> r = results.get(k);
        String where = "state " + s.index() + " step " + step + " (" + s.description() + ")";
        compare(where, passoff, passoffState, r, s.proactiveEvery() > 0, mismatches);
        decisions.add(passoff.decision().wire());
      }
    }
    assertThat(mismatches).as("Passoff's gate against poll-gate.py").isEmpty();
    assertThat(decisions)
        .as("the generator reaches every decision")
        .containsExactly("idle", "proactive", "process");
  }

  // §14 item 29: the proactive sequence, with the peer as real processes
  @Test
  @Timeout(60)
  void givenEmptyQueueAndProactiveEvery3_bothGatesGo20_20_10_20_thenProcessResetsTheStreak() {
    InteropRuntime a = InteropRuntime.create(dir.resolve("a"), peer, Clock.systemUTC());
    InteropRuntime b = InteropRuntime.create(dir.resolve("b"), peer, Clock.systemUTC());
    MailboxIdentity who = InteropRuntime.claude("claude-main");
    List<Long> passoffExits = new ArrayList<>();
    List<Long> peerExits = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    for (int run = 0; run < 6; run++) {
      if (run == 4) {
        a.peerSend("codex", "codex-main", "status", "wake up");
        b.peerSend("codex", "codex-main", "status", "wake up");
      }
      GateResult passoff = a.mailbox.gate(who, 3, false);
      Peer.Result r =
          b.peer(
              "poll_gate.py",
              "--side",
              "claude",
              "--session",
              "claude-main",
              "--proactive-every",
              "3");
      passoffExits.add((long) passoff.decision().exitCode());
      peerExits.add((long) r.exit());
      Map<String, @Nullable Object> result = new LinkedHashMap<>();
      result.put("exit", (long) r.exit());
      result.put("stdout", r.stdout());
      Map<String, @Nullable Object> files = new LinkedHashMap<>();
      files.put("state", readIfExists(b.file(".claude-pollgate.json")));
      result.put("files", files);
      compare(
          "run " + run,
          passoff,
          readIfExists(a.file(".claude-pollgate.json")),
          result,
          true,
          mismatches);
    }
    assertThat(peerExits).containsExactly(20L, 20L, 10L, 20L, 0L, 0L);
    assertThat(passoffExits).isEqualTo(peerExits);
    assertThat(mismatches).isEmpty();
  }

  private static void compare(
      String where,
      GateResult passoff,
      @Nullable String passoffState,
      Map<String, @Nullable Object> peerResult,
      boolean written,
      List<String> mismatches) {
    int exit = Peer.exit(peerResult);
    if (exit != passoff.decision().exitCode()) {
      mismatches.add(where + ": exit passoff=" + passoff.decision().exitCode() + " peer=" + exit);
    }
    Map<String, @Nullable Object> json =
        InteropRuntime.object(Json.parse(Peer.stdout(peerResult).strip()));
    if (!new ArrayList<>(json.keySet()).equals(KEYS)) {
      mismatches.add(where + ": peer keys " + json.keySet());
    }
    Map<String, Object> mine = new LinkedHashMap<>();
    mine.put("side", passoff.side().wire());
    mine.put("session", passoff.session().value());
    mine.put("cursor", passoff.cursor());
    mine.put("stream_max_seq", passoff.streamMaxSeq());
    mine.put("decision", passoff.decision().wire());
    mine.put("unread_total", (long) passoff.unreadTotal());
    mine.put("for_me", (long) passoff.forMe());
    mine.put("for_me_lease", (long) passoff.forMeLease());
    mine.put("for_me_pure", (long) passoff.forMePure());
    mine.put("directed_elsewhere", (long) passoff.directedElsewhere());
    if (!mine.equals(json)) {
      mismatches.add(where + ":\n  passoff " + mine + "\n  peer    " + json);
    }
    Object files = peerResult.get("files");
    String peerState =
        files instanceof Map<?, ?> m && !m.isEmpty() ? (String) m.values().iterator().next() : null;
    String left = normalise(passoffState);
    String right = normalise(peerState);
    if (left == null ? right != null : !left.equals(right)) {
      mismatches.add(
          where + ": state file\n  passoff " + passoffState + "\n  peer    " + peerState);
    }
    for (String state : new String[] {passoffState, peerState}) {
      if (written && (state == null || !state.endsWith("}\n"))) {
        mismatches.add(where + ": state file does not end in LF: " + state);
      }
    }
  }

  private static @Nullable String normalise(@Nullable String state) {
    return state == null
        ? null
        : state.replaceAll(
            "\"updated_at\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"",
            "\"updated_at\": \"<ts>\"");
  }

  private static Path stateFile(Path root, Side side) {
    return root.resolve(".handoff-runtime").resolve("." + side.wire() + "-pollgate.json");
  }

  private static @Nullable String readIfExists(Path file) {
    return Files.exists(file) ? InteropRuntime.read(file) : null;
  }

  private static Map<String, String> envOf(State s) {
    Map<String, String> env = new HashMap<>();
    s.env()
        .forEach(
            (key, value) -> {
              if (value != null) {
                env.put(key, value);
              }
            });
    return env;
  }

  // ---------------------------------------------------------------------------------------------
  // generation

  private State generate(int index, Random random) {
    Side side = random.nextBoolean() ? Side.CLAUDE : Side.CODEX;
    Side writer = side.peer();
    StringBuilder description = new StringBuilder(side.wire());

    String sessionOption = null;
    Map<String, @Nullable String> env = new LinkedHashMap<>();
    String sessionFile = null;
    String session;
    switch (random.nextInt(5)) {
      case 0 -> {
        sessionOption = "s-opt";
        session = sessionOption;
      }
      case 1 -> {
        env.put("HANDOFF_SESSION_ID", "s-env");
        session = "s-env";
      }
      case 2 -> {
        env.put(side.wire().toUpperCase(java.util.Locale.ROOT) + "_SESSION_ID", "s-side");
        session = "s-side";
      }
      case 3 -> {
        sessionFile = "  s-file \n";
        session = "s-file";
      }
      default -> session = side.wire() + "-default";
    }
    description.append(" session=").append(session);

    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<byte[]> written = new ArrayList<>();
    long seq = 0;
    int count = random.nextInt(14);
    for (int i = 0; i < count; i++) {
      seq += 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
      byte[] line = line(random, writer, side, session, seq, written);
      boolean last = i == count - 1;
      String end = last && random.nextInt(4) == 0 ? "" : random.nextInt(5) == 0 ? "\r\n" : "\n";
      if (line.length > 0) {
        written.add(line);
      }
      stream.writeBytes(line);
      stream.writeBytes(end.getBytes(StandardCharsets.UTF_8));
    }
    if (random.nextInt(6) == 0) {
      stream.writeBytes("{\"v\": \"1.0\", \"id\": \"".getBytes(StandardCharsets.UTF_8));
      description.append(" torn-tail");
    }
    description.append(" lines=").append(count);

    String cursorFile = null;
    int c = random.nextInt(10);
    if (c < 4) {
      cursorFile = (random.nextInt((int) seq + 3)) + (random.nextBoolean() ? "\n" : "");
    } else if (c < 6) {
      cursorFile = "abc\n";
    }
    String legacy = null;
    int l = random.nextInt(10);
    if (l < 5) {
      legacy = random.nextInt((int) seq + 2) + "\n";
    } else if (l < 7) {
      legacy = "garbage";
    }
    description.append(" cursor=").append(Json.compact(cursorFile));
    description.append(" legacy=").append(Json.compact(legacy));

    String gateState = null;
    int g = random.nextInt(10);
    if (g < 3) {
      gateState =
          "{\n  \"sessions\": {\n    \""
              + session
              + "\": {\n      \"idle_streak\": "
              + random.nextInt(4)
              + ",\n      \"last_decision\": \"idle\",\n      \"updated_at\": \"2026-01-01T00:00:00.000Z\"\n    }\n  }\n}\n";
    } else if (g < 5) {
      gateState =
          "{\"version\": 1, \"sessions\": {\"other\": {\"idle_streak\": 7, \"last_decision\":"
              + " \"idle\", \"updated_at\": \"2026-01-01T00:00:00.000Z\"}}}";
    } else if (g < 6) {
      gateState = "not json";
    }
    description.append(" state=").append(g < 3 ? "own" : g < 5 ? "other" : g < 6 ? "junk" : "none");
    int[] everyChoices = {0, 1, 2, 3, 5};
    int every = everyChoices[random.nextInt(everyChoices.length)];
    description.append(" every=").append(every);

    Path base = dir.resolve("state-" + index);
    Path a = base.resolve("a");
    Path b = base.resolve("b");
    for (Path root : List.of(a, b)) {
      new JsonlMailboxRuntimes(null, Clock.systemUTC(), "test").init(root, false, false);
      Path rt = root.resolve(".handoff-runtime");
      write(rt.resolve(writer.outboxFile()), stream.toByteArray());
      write(rt.resolve("cursors").resolve(side.wire() + "-" + session), cursorFile);
      write(rt.resolve("." + side.wire() + "-cursor"), legacy);
      write(rt.resolve("." + side.wire() + "-session"), sessionFile);
      write(stateFile(root, side), gateState);
    }
    return new State(index, a, b, side, sessionOption, env, every, description.toString());
  }

  /** One stream line of many shapes; an empty array for a blank line. */
  private static byte[] line(
      Random random, Side writer, Side reader, String session, long seq, List<byte[]> written) {
    int kind = random.nextInt(24);
    String id = String.format("%s-%06d", writer.wire(), seq);
    switch (kind) {
      case 0:
        return random.nextBoolean() ? new byte[0] : "   ".getBytes(StandardCharsets.UTF_8);
      case 1:
        return "{oops".getBytes(StandardCharsets.UTF_8);
      case 2:
        {
          String[] values = {"[1, 2]", "42", "\"text\"", "null"};
          return values[random.nextInt(values.length)].getBytes(StandardCharsets.UTF_8);
        }
      case 3:
        {
          Object[] ids = {null, writer.wire() + "-", "claudex-000001", 17L};
          Map<String, @Nullable Object> m = message(random, writer, reader, session, id);
          Object bad = ids[random.nextInt(ids.length)];
          if (bad == null) {
            m.remove("id");
          } else {
            m.put("id", bad);
          }
          return Json.python(m).getBytes(StandardCharsets.UTF_8);
        }
      case 4:
        return Json.python(
                message(
                    random, writer, reader, session, String.format("%s-%06d", reader.wire(), seq)))
            .getBytes(StandardCharsets.UTF_8);
      case 5:
        if (!written.isEmpty()) {
          return written.get(random.nextInt(written.size()));
        }
        break;
      case 6:
        if (seq > 2) {
          String back = String.format("%s-%06d", writer.wire(), seq - 2);
          return Json.python(message(random, writer, reader, session, back))
              .getBytes(StandardCharsets.UTF_8);
        }
        break;
      case 7:
        return Json.python(
                message(
                    random, writer, reader, session, String.format("%s-%07d", writer.wire(), seq)))
            .getBytes(StandardCharsets.UTF_8);
      case 8:
        {
          Map<String, @Nullable Object> m = message(random, writer, reader, session, id);
          m.put("summary", "@@");
          byte[] text = Json.python(m).getBytes(StandardCharsets.UTF_8);
          String s = new String(text, StandardCharsets.ISO_8859_1);
          int at = s.indexOf("@@");
          text[at] = (byte) 0xFF;
          text[at + 1] = (byte) 0xC3;
          return text;
        }
      case 9:
        {
          String dup =
              Json.compact(message(random, writer, reader, session, id))
                  .replaceFirst("\\{", "{\"type\":\"status\",");
          return (" " + dup + " ").getBytes(StandardCharsets.UTF_8);
        }
      case 10:
        {
          // Raw separators that str.splitlines() would break at; both readers split on LF only.
          Map<String, @Nullable Object> m = message(random, writer, reader, session, id);
          m.put("summary", "raw\u2028line\u2029and\u0085more");
          return Json.compact(m).getBytes(StandardCharsets.UTF_8);
        }
      default:
        break;
    }
    Map<String, @Nullable Object> m = message(random, writer, reader, session, id);
    String text = random.nextBoolean() ? Json.python(m) : Json.compact(m);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, @Nullable Object> message(
      Random random, Side writer, Side reader, String session, String id) {
    String type = TYPES[random.nextInt(TYPES.length)];
    Map<String, @Nullable Object> m =
        InteropRuntime.message(id, writer.wire(), "peer", type, "generated");
    int t = random.nextInt(12);
    if (t == 0) {
      m.remove("type");
    } else if (t == 1) {
      m.put("type", 5L);
    }
    switch (random.nextInt(7)) {
      case 0 -> m.put("to_session", null);
      case 1 -> m.put("to_session", "");
      case 2 -> m.put("to_session", session);
      case 3 -> m.put("to_session", "someone-else");
      case 4 -> m.put("to_session", 5L);
      default -> {
        // broadcast: no to_session
      }
    }
    return m;
  }

  /** Writes the file, or makes sure it is absent when {@code content} is null. */
  private static void write(Path file, @Nullable Object content) {
    try {
      if (content == null) {
        Files.deleteIfExists(file);
        return;
      }
      Files.createDirectories(file.getParent());
      if (content instanceof byte[] bytes) {
        Files.write(file, bytes);
      } else {
        Files.writeString(file, (String) content, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
