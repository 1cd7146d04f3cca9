package dev.passoff.store.jsonl.interop;

import static dev.passoff.store.jsonl.interop.InteropRuntime.claude;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.Appended;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.Outgoing;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxService;
import dev.passoff.core.service.mailbox.MailboxTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Passoff and the peer model's {@code send.py} writing one stream through one lock (§5.1). */
class InteropConcurrencyIT {
  @TempDir static Path scripts;
  static Peer peer;

  @TempDir Path dir;
  InteropRuntime x;

  @BeforeAll
  static void installPeer() {
    peer = Peer.install(scripts);
  }

  @BeforeEach
  void setUp() {
    x = InteropRuntime.create(dir, peer, Clock.systemUTC());
  }

  // §14 item 4
  @Test
  @Timeout(90)
  void givenPassoffAndPeerAlternateOnOneSide_idsRunOneToHundred_andSeqFileFollowsEverySend() {
    MailboxIdentity me = claude("claude-main");
    for (int i = 0; i < 50; i++) {
      x.send(me, SendRequest.builder("status", "passoff " + i));
      assertThat(x.number(".claude-seq")).isEqualTo(2L * i + 1);
      x.peerSend("claude", "claude-peer", "status", "peer " + i);
      assertThat(x.number(".claude-seq")).isEqualTo(2L * i + 2);
    }

    List<Map<String, @Nullable Object>> lines = x.messages(Side.CLAUDE);
    assertThat(lines).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(lines.get(i))
          .containsEntry("id", String.format("claude-%06d", i + 1))
          .containsEntry("from_session", i % 2 == 0 ? "claude-main" : "claude-peer");
    }
    // Each writer keeps its own seq file format; readers accept both.
    assertThat(InteropRuntime.read(x.file(".claude-seq"))).isEqualTo("100");
    x.send(me, SendRequest.builder("status", "last"));
    assertThat(InteropRuntime.read(x.file(".claude-seq"))).isEqualTo("101\n");
    x.assertDoctorClean();
  }

  // §14 item 5 (4 Passoff writers in threads with their own runtime instances, 4 peer processes)
  @Test
  @Timeout(120)
  void givenFourPassoffAndFourPeerWritersAtOnce_everyIdIsUniqueOrderedAndEachWritersOrderIsKept()
      throws Exception {
    int perWriter = 25;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < 4; w++) {
        String name = "passoff-" + w;
        MailboxService service = x.otherProcess();
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perWriter; i++) {
                    service.send(
                        claude(name),
                        SendRequest.builder("status", name + " #" + i)
                            .lockTimeout(Duration.ofSeconds(60))
                            .build());
                  }
                  return null;
                }));
      }
      for (int w = 0; w < 4; w++) {
        String name = "peer-" + w;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perWriter; i++) {
                    Peer.Result r =
                        x.peer(
                            Map.of("PEER_LOCK_TIMEOUT", "60"),
                            "send.py",
                            "--side",
                            "claude",
                            "--session",
                            name,
                            "--type",
                            "status",
                            "--summary",
                            name + " #" + i);
                    assertThat(r.exit()).as("%s", r).isZero();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(110, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Map<String, @Nullable Object>> lines = x.messages(Side.CLAUDE);
    assertThat(lines).hasSize(8 * perWriter);
    Map<String, Integer> next = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Map<String, @Nullable Object> m = lines.get(i);
      assertThat(m).containsEntry("id", String.format("claude-%06d", i + 1));
      String[] summary = String.valueOf(m.get("summary")).split(" #");
      int expected = next.getOrDefault(summary[0], 0);
      assertThat(Integer.parseInt(summary[1])).as("order of %s", summary[0]).isEqualTo(expected);
      next.put(summary[0], expected + 1);
    }
    assertThat(next)
        .hasSize(8)
        .allSatisfy((writer, count) -> assertThat(count).isEqualTo(perWriter));
    assertThat(x.list("locks")).isEmpty();
    assertThat(x.number(".claude-seq")).isEqualTo(8L * perWriter);
    x.assertDoctorClean();
  }

  // §14 item 9 (and item 14 for the lock's created_at)
  @Test
  @Timeout(60)
  void givenPassoffHoldsTheSendLock_peerSendWaitsForIt_thenAppendsAfterPassoff() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Appended> passoff =
          pool.submit(
              () ->
                  x.runtime
                      .messages()
                      .append(
                          Side.CLAUDE,
                          Duration.ofSeconds(10),
                          seq -> {
                            held.countDown();
                            await(release);
                            return outgoing(seq);
                          }));
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
      Path lock = x.file("locks/claude-send.lock");
      Map<String, @Nullable Object> content =
          InteropRuntime.object(Json.parse(InteropRuntime.read(lock)));
      assertThat(content).containsEntry("side", "claude").containsKey("pid");
      assertThat(String.valueOf(content.get("created_at"))).matches(InteropRuntime.TIMESTAMP);

      Peer.Running waiting =
          peer.start(
              x.root,
              Map.of("PEER_LOCK_TIMEOUT", "20"),
              null,
              "send.py",
              List.of(
                  "--side", "claude", "--session", "peer", "--type", "status", "--summary", "p"));
      Thread.sleep(1500);
      assertThat(waiting.alive()).as("send.py waits while Passoff holds the lock").isTrue();
      assertThat(InteropRuntime.read(x.stream(Side.CLAUDE))).isEmpty();

      release.countDown();
      assertThat(passoff.get(10, TimeUnit.SECONDS).message().id().text())
          .isEqualTo("claude-000001");
      Peer.Result r = waiting.await();
      assertThat(r.exit()).as("%s", r).isZero();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(x.ids(Side.CLAUDE)).containsExactly("claude-000001", "claude-000002");
    assertThat(x.messages(Side.CLAUDE).get(1)).containsEntry("from_session", "peer");
    assertThat(x.number(".claude-seq")).isEqualTo(2);
    assertThat(x.list("locks")).isEmpty();
    x.assertDoctorClean();
  }

  // §14 item 7, with a lock in the peer's format ({"side","pid","created_at"})
  @Test
  @Timeout(60)
  void givenPeerStyleLock_passoffWaitsAndFails_butTakesItOverOnceItIsTenMinutesOld()
      throws Exception {
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("side", "claude");
    lock.put("pid", ProcessHandle.current().pid());
    lock.put("created_at", MailboxTimes.format(Instant.now()));
    x.write("locks/claude-send.lock", Json.python(lock));
    MailboxIdentity me = claude("claude-main");

    assertThatThrownBy(
            () ->
                x.mailbox.send(
                    me,
                    SendRequest.builder("status", "blocked")
                        .lockTimeout(Duration.ofMillis(700))
                        .build()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("timed out");
    assertThat(InteropRuntime.read(x.stream(Side.CLAUDE))).isEmpty();

    Files.setLastModifiedTime(
        x.file("locks/claude-send.lock"),
        FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
    x.send(me, SendRequest.builder("status", "through").lockTimeout(Duration.ofSeconds(5)));
    assertThat(x.ids(Side.CLAUDE)).containsExactly("claude-000001");
    assertThat(x.list("locks")).isEmpty();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Outgoing outgoing(long seq) {
    MessageId id = MessageId.of(Side.CLAUDE, seq);
    Map<String, @Nullable Object> fields =
        InteropRuntime.message(id.text(), "claude", "claude-main", "status", "held the lock");
    fields.put("ts", MailboxTimes.format(Instant.now()));
    return new Outgoing(new MailboxMessage(id, Collections.unmodifiableMap(fields)), null);
  }
}
