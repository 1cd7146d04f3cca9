package dev.passoff.bench;

import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.service.mailbox.MailboxService;
import dev.passoff.store.jsonl.JsonlMailboxRuntimes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process figures of mailbox.md §13 at 0, 10,000 and 100,000 lines per stream: send, a done
 * reply (100k + 100k), poll with one unread message, and claim + complete + advance. The runtime
 * lives on tmpfs ({@code /dev/shm}) where there is one, as the budgets are stated for tmpfs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MailboxBenchmark {
  private static final MailboxIdentity CLAUDE =
      new MailboxIdentity(Side.CLAUDE, new SessionId("claude-main"), null);
  private static final MailboxIdentity CODEX =
      new MailboxIdentity(Side.CODEX, new SessionId("codex-main"), null);

  @Param({"0", "10000", "100000"})
  public int lines;

  private Path dir;
  private MailboxService mailbox;
  private MailboxRuntime runtime;
  private int nextTarget = 1;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = MailboxStreams.newFolder("passoff-mailbox-bench");
    Path root = dir.resolve("repo");
    JsonlMailboxRuntimes runtimes =
        new JsonlMailboxRuntimes(dir.resolve("cache"), Clock.systemUTC(), "bench");
    runtimes.init(root, false, false);
    MailboxStreams.write(root.resolve(".handoff-runtime"), lines);
    runtime = runtimes.open(root).orElseThrow();
    mailbox = new MailboxService(runtime, Clock.systemUTC(), () -> 1, "bench");
    // Build the index once, as a warm process would have it, and start both readers at the end of
    // their peer streams, as in a runtime that is kept up with.
    runtime
        .cursors()
        .writeSession(Side.CODEX, CODEX.session(), runtime.messages().maxSeq(Side.CLAUDE));
    runtime
        .cursors()
        .writeSession(Side.CLAUDE, CLAUDE.session(), runtime.messages().maxSeq(Side.CODEX));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    MailboxStreams.delete(dir);
  }

  /** A status message into an outbox of {@code lines} lines. */
  @Benchmark
  public Object send() {
    return mailbox.send(CODEX, SendRequest.builder("status", "progress on the parser").build());
  }

  /** A done replying to a peer message: thread and addressee inference plus the duplicate guard. */
  @Benchmark
  public Object doneWithReply() {
    int target = nextTarget++;
    if (target % 5 == 0) {
      target = nextTarget++; // the generated outbox already answers every fifth message
    }
    boolean fresh = target <= lines;
    String id = String.format("claude-%06d", fresh ? target : 1 + target % Math.max(1, lines));
    return mailbox.send(
        CODEX,
        SendRequest.builder("done", "finished " + id).replyTo(id).allowDuplicate(!fresh).build());
  }

  /** Poll with exactly one unread lease message after the cursor. */
  @Benchmark
  public Object pollOneUnread() {
    return mailbox.poll(CLAUDE, new PollRequest(20, true, false, List.of(), false));
  }

  @Setup(Level.Iteration)
  public void cursorBeforeTheLast() {
    long max = runtime.messages().maxSeq(Side.CODEX);
    runtime.cursors().writeSession(Side.CLAUDE, new SessionId("claude-main"), Math.max(0, max - 1));
  }

  /**
   * The doctor over the whole runtime: both streams of {@code lines} lines (the budget is per
   * stream), seq files, cursors, claims and notes.
   */
  @Benchmark
  public Object doctor() {
    return mailbox.doctor();
  }

  /** A new task from the peer, then claim, complete with done, and the cursor advanced past it. */
  @Benchmark
  public Object claimCompleteAdvance() {
    String id =
        mailbox
            .send(CLAUDE, SendRequest.builder("task", "port the lexer").goal("port it").build())
            .message()
            .id()
            .text();
    mailbox.claim(CODEX, id, null);
    return mailbox.complete(CODEX, id, SendRequest.builder("done", "ported").build(), false);
  }
}
