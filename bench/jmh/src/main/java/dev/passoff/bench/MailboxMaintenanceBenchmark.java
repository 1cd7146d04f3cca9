package dev.passoff.bench;

import dev.passoff.core.model.mailbox.ArchiveReport;
import dev.passoff.core.model.mailbox.ArchiveRequest;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.store.jsonl.JsonlMailboxRuntimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * The maintenance budgets of mailbox.md §13 per stream: {@code doctor} over a runtime whose
 * claude-to-codex stream holds {@code lines} lines (the other one is empty), and {@code archive} of
 * that stream with the reader's cursor at its end, so every line but the newest is archived. The
 * runtime lives on tmpfs ({@code /dev/shm}) where there is one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class MailboxMaintenanceBenchmark {
  @Param({"100000"})
  public int lines;

  private Path dir;
  private Path stream;
  private Path pristine;
  private Path archive;
  private MailboxRuntime runtime;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = MailboxStreams.newFolder("passoff-maintenance-bench");
    Path root = dir.resolve("repo");
    JsonlMailboxRuntimes runtimes =
        new JsonlMailboxRuntimes(dir.resolve("cache"), Clock.systemUTC(), "bench");
    runtimes.init(root, false, false);
    Path rt = root.resolve(".handoff-runtime");
    MailboxStreams.writeOne(rt, "claude", lines);
    stream = rt.resolve("claude-to-codex.jsonl");
    pristine = dir.resolve("pristine.jsonl");
    Files.copy(stream, pristine);
    archive = rt.resolve("archive");
    runtime = runtimes.open(root).orElseThrow();
    runtime.cursors().writeSession(Side.CODEX, new SessionId("codex-main"), lines);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    MailboxStreams.delete(dir);
  }

  /** The whole doctor; all but the stream's own checks take microseconds. */
  @Benchmark
  public List<Finding> doctor() {
    return runtime.maintenance().inspect(Instant.now());
  }

  /** Puts the full stream back and empties archive/ before each archive run. */
  @Setup(Level.Invocation)
  public void restoreStream() throws IOException {
    Files.copy(pristine, stream, StandardCopyOption.REPLACE_EXISTING);
    MailboxStreams.delete(archive);
  }

  /** Archive of the stream: two streaming passes, the archive file and the new stream forced. */
  @Benchmark
  public ArchiveReport archive() {
    return runtime
        .maintenance()
        .archive(new ArchiveRequest(Side.CLAUDE, false, false, Duration.ofSeconds(10)));
  }
}
