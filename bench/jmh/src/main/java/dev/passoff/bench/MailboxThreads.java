package dev.passoff.bench;

import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.service.mailbox.MailboxService;
import dev.passoff.store.jsonl.JsonlMailboxRuntimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-process half of mailbox.md §13's concurrency row: 8 threads of one JVM, each sending 200
 * messages as its own session of the same side, into an outbox of 100,000 lines. Prints the send
 * latencies (median, p99, max, in ms), failures, and whether the ids came out gapless.
 *
 * <pre>
 * java -cp bench/jmh/target/benchmarks.jar dev.passoff.bench.MailboxThreads [lines] [threads]
 *     [sends per thread] [parent folder]
 * </pre>
 */
public final class MailboxThreads {
  private MailboxThreads() {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int perThread = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    Path parent =
        args.length > 3 ? Path.of(args[3]) : Path.of(System.getProperty("java.io.tmpdir"));
    Path dir = Files.createTempDirectory(parent, "passoff-mailbox-threads");
    try {
      run(dir, lines, threads, perThread);
    } finally {
      MailboxStreams.delete(dir);
    }
  }

  private static void run(Path dir, int lines, int threads, int perThread) throws Exception {
    Path root = dir.resolve("repo");
    JsonlMailboxRuntimes runtimes =
        new JsonlMailboxRuntimes(dir.resolve("cache"), Clock.systemUTC(), "bench");
    runtimes.init(root, false, false);
    MailboxStreams.write(root.resolve(".handoff-runtime"), lines);
    MailboxRuntime runtime = runtimes.open(root).orElseThrow();
    MailboxService mailbox = new MailboxService(runtime, Clock.systemUTC(), () -> 1, "bench");
    MailboxIdentity warm = new MailboxIdentity(Side.CODEX, new SessionId("codex-warm"), null);
    for (int i = 0; i < 2_000; i++) {
      mailbox.send(warm, SendRequest.builder("status", "warm-up " + i).build());
    }
    long first = runtime.messages().maxSeq(Side.CODEX) + 1;

    long[][] latencies = new long[threads][perThread];
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int me = t;
      MailboxIdentity who =
          new MailboxIdentity(Side.CODEX, new SessionId("codex-worker-" + me), null);
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    long begin = System.nanoTime();
                    try {
                      mailbox.send(
                          who, SendRequest.builder("status", "worker " + me + " #" + i).build());
                    } catch (RuntimeException e) {
                      failures.incrementAndGet();
                    }
                    latencies[me][i] = System.nanoTime() - begin;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      worker.start();
      workers.add(worker);
    }
    long wall = System.nanoTime();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    wall = System.nanoTime() - wall;

    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    long last = runtime.messages().maxSeq(Side.CODEX);
    long expected = first + (long) threads * perThread - 1;
    System.out.printf(
        "{\"lines\": %d, \"threads\": %d, \"sends_per_thread\": %d, \"failures\": %d,"
            + " \"ids_gapless\": %s, \"median_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f,"
            + " \"wall_s\": %.3f, \"folder\": \"%s\"}%n",
        lines,
        threads,
        perThread,
        failures.get(),
        last == expected && failures.get() == 0,
        all[all.length / 2] / 1e6,
        all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6,
        all[all.length - 1] / 1e6,
        wall / 1e9,
        dir.getParent());
  }
}
