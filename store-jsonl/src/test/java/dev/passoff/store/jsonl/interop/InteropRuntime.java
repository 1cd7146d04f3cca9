package dev.passoff.store.jsonl.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.PendingMessage;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.PollResult;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.service.mailbox.MailboxService;
import dev.passoff.store.jsonl.JsonlMailboxRuntimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One project with a mailbox runtime set up by Passoff, a {@code .handoff/} folder for the peer's
 * {@code send.py}, and Passoff's service over it.
 */
final class InteropRuntime {
  /** Every timestamp Passoff writes (mailbox.md §4.8). */
  static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  final Path root;
  final Path rt;
  final Clock clock;
  final Peer peer;
  final JsonlMailboxRuntimes runtimes;
  final MailboxRuntime runtime;
  final MailboxService mailbox;

  private InteropRuntime(Path root, Path cache, Clock clock, Peer peer) {
    this.root = root;
    this.rt = root.resolve(".handoff-runtime");
    this.clock = clock;
    this.peer = peer;
    this.runtimes = new JsonlMailboxRuntimes(cache, clock, "test");
    runtimes.init(root, false, false);
    this.runtime = runtimes.open(root).orElseThrow();
    this.mailbox = new MailboxService(runtime, clock, () -> 1, "test");
  }

  /** A fresh project at {@code dir/project} with its index cache at {@code dir/cache}. */
  static InteropRuntime create(Path dir, Peer peer, Clock clock) {
    Path root = dir.resolve("project");
    try {
      Files.createDirectories(root.resolve(".handoff"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new InteropRuntime(root, dir.resolve("cache"), clock, peer);
  }

  /** A second service over its own runtime instance, as another Passoff process would have. */
  MailboxService otherProcess() {
    return new MailboxService(runtimes.open(root).orElseThrow(), clock, () -> 1, "test");
  }

  static MailboxIdentity claude(String session) {
    return new MailboxIdentity(Side.CLAUDE, new SessionId(session), null);
  }

  static MailboxIdentity codex(String session) {
    return new MailboxIdentity(Side.CODEX, new SessionId(session), null);
  }

  // ---------------------------------------------------------------------------------------------
  // the peer

  /** Runs a peer script in the project root with the given extra environment. */
  Peer.Result peer(Map<String, @Nullable String> env, String script, String... args) {
    return peer.run(root, env, script, args);
  }

  Peer.Result peer(String script, String... args) {
    return peer(Map.of(), script, args);
  }

  /** {@code send.py --side S --session X --type T --summary Y ...}, which must succeed. */
  Map<String, @Nullable Object> peerSend(
      String side, String session, String type, String summary, String... more) {
    List<String> args = new ArrayList<>(List.of("--side", side, "--session", session));
    args.addAll(List.of("--type", type, "--summary", summary));
    args.addAll(List.of(more));
    Peer.Result r = peer("send.py", args.toArray(String[]::new));
    assertThat(r.exit()).as("send.py %s\n%s", args, r).isZero();
    return r.json();
  }

  /** The peer's {@code doctor.py --strict} exits 0 with no WARN or ERROR line. */
  void assertDoctorClean() {
    Peer.Result r = peer("doctor.py", "--strict");
    assertThat(r.problems()).as("doctor.py --strict\n%s", r).isEmpty();
    assertThat(r.exit()).as("doctor.py --strict\n%s", r).isZero();
  }

  /** The peer's poll gate for one session, parsed. */
  Map<String, @Nullable Object> peerGate(String side, String session, String... more) {
    List<String> args = new ArrayList<>(List.of("--side", side, "--session", session));
    args.addAll(List.of(more));
    Peer.Result r = peer("poll_gate.py", args.toArray(String[]::new));
    Map<String, @Nullable Object> json = r.json();
    json.put("_exit", (long) r.exit());
    return json;
  }

  // ---------------------------------------------------------------------------------------------
  // Passoff

  /** A Passoff send that must succeed; returns the message id. */
  String send(MailboxIdentity who, SendRequest.Builder request) {
    return mailbox.send(who, request.build()).message().id().text();
  }

  /**
   * A whole pass of one Passoff session as the protocol describes it: poll, claim and complete
   * every lease message with a {@code done} (or {@code error} for rejects), advance over every pure
   * message, until nothing is returned. Returns the ids it handled, in order.
   */
  List<String> pass(MailboxService service, MailboxIdentity who) {
    List<String> handled = new ArrayList<>();
    for (int round = 0; round < 100; round++) {
      PollResult poll = service.poll(who, PollRequest.defaults());
      if (poll.messages().isEmpty()) {
        return handled;
      }
      for (PendingMessage p : poll.messages()) {
        String id = p.message().id().text();
        handled.add(id);
        switch (p.handling()) {
          case CONSUME -> service.advance(who, id, false);
          case CLAIM, RECLAIM, RESUME -> {
            service.claim(who, id, null);
            service.complete(who, id, SendRequest.builder("done", "done " + id).build(), false);
          }
          case REJECT -> {
            service.claim(who, id, null);
            service.complete(
                who, id, SendRequest.builder("error", "rejected " + id).build(), false);
          }
          default -> throw new AssertionError("poll returned " + p.handling() + " for " + id);
        }
      }
    }
    throw new AssertionError("the pass did not end after 100 polls");
  }

  List<String> pass(MailboxIdentity who) {
    return pass(mailbox, who);
  }

  // ---------------------------------------------------------------------------------------------
  // files

  Path stream(Side writer) {
    return rt.resolve(writer.outboxFile());
  }

  /** The stream's lines split on LF only, each parsed as a JSON object. */
  List<Map<String, @Nullable Object>> messages(Side writer) {
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    for (String line : lines(stream(writer))) {
      out.add(object(Json.parse(line)));
    }
    return out;
  }

  List<String> ids(Side writer) {
    List<String> out = new ArrayList<>();
    for (Map<String, @Nullable Object> m : messages(writer)) {
      out.add(String.valueOf(m.get("id")));
    }
    return out;
  }

  /** The file's non-empty lines, split on LF only. */
  static List<String> lines(Path file) {
    String text = read(file);
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path file(String relative) {
    return rt.resolve(relative);
  }

  void write(String relative, String text) {
    write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  void write(String relative, byte[] bytes) {
    try {
      Path file = rt.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void append(String relative, String text) {
    try {
      Files.writeString(
          rt.resolve(relative),
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number a seq or cursor file holds, whitespace stripped. */
  long number(String relative) {
    return Long.parseLong(read(rt.resolve(relative)).strip());
  }

  /** Names in a runtime folder, sorted. */
  List<String> list(String folder) {
    try (var stream = Files.list(rt.resolve(folder))) {
      return stream.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked") // Json.parse builds maps with String keys
  static Map<String, @Nullable Object> object(@Nullable Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return new LinkedHashMap<>((Map<String, @Nullable Object>) value);
  }

  @SuppressWarnings("unchecked") // Json.parse builds maps with String keys
  static Map<String, @Nullable Object> refs(Map<String, @Nullable Object> message) {
    return (Map<String, @Nullable Object>) message.get("refs");
  }

  /** A message line in the layout of the existing writer (Python's default spacing). */
  static String pythonLine(Map<String, ?> message) {
    return Json.python(message) + "\n";
  }

  /** A minimal message the existing writer would accept, for hand-built streams. */
  static Map<String, @Nullable Object> message(
      String id, String from, String session, String type, String summary) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("v", "1.0");
    m.put("id", id);
    m.put("ts", "2026-01-02T03:04:05.678Z");
    m.put("from", from);
    m.put("from_session", session);
    m.put("type", type);
    m.put("thread", id);
    m.put("summary", summary);
    m.put("blocking", false);
    m.put("peer_cursor_observed", 0L);
    Map<String, @Nullable Object> refs = new LinkedHashMap<>();
    refs.put("reply_to", null);
    refs.put("notes_file", null);
    refs.put("commit", null);
    m.put("refs", refs);
    if (type.equals("task")) {
      m.put("goal", "do " + id);
    }
    m.put("files_changed", List.of());
    return m;
  }
}
