package dev.passoff.bench;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.CreateHandoffRequest;
import dev.passoff.core.model.CreatedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffListing;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.LoadHandoffRequest;
import dev.passoff.core.model.SearchHandoffsRequest;
import dev.passoff.core.model.SearchResults;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.core.port.out.Workspace;
import dev.passoff.core.service.CreateHandoffService;
import dev.passoff.core.service.ListHandoffsService;
import dev.passoff.core.service.LoadHandoffService;
import dev.passoff.core.service.ProjectResolver;
import dev.passoff.core.service.SearchHandoffsService;
import dev.passoff.core.service.SecureIdSource;
import dev.passoff.core.service.ThreadHandoffService;
import dev.passoff.store.sqlite.SqliteHandoffStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
 * In-process figures of passoff.md §11 on the seeded benchmark database: services over the SQLite
 * store, sampled so that JMH reports p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class BatonPassBenchmark {
  private static final ClientIdentity CLIENT = new ClientIdentity("bench", "1");

  @Param({"10000"})
  public int rows;

  private Path dir;
  private HandoffStore store;
  private CreateHandoffService create;
  private SearchHandoffsService search;
  private ListHandoffsService list;
  private LoadHandoffService load;
  private ThreadHandoffService thread;
  private String body;
  private List<String> mixedQueries;
  private List<String> rareQueries;
  private List<String> mediumQueries;
  private int next;
  private HandoffId chainMiddle;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path template = Path.of(System.getProperty("java.io.tmpdir"), "passoff-bench-" + rows + ".db");
    if (!Files.exists(template)) {
      Path partial = Files.createTempFile("passoff-bench", ".db");
      Files.delete(partial);
      BenchDatabase.generate(partial, rows);
      Files.move(partial, template);
    }
    dir = Files.createTempDirectory("passoff-bench-run");
    Path db = BenchDatabase.copyOf(template, dir.resolve("db.sqlite"));
    store = SqliteHandoffStore.open(db, notice -> {});
    ProjectResolver projects =
        new ProjectResolver(
            new Workspace() {
              @Override
              public Path workingDirectory() {
                return dir;
              }

              @Override
              public Optional<String> projectRootOverride() {
                return Optional.of("/bench/" + BenchDatabase.PROJECT);
              }
            });
    Clock clock = Clock.systemUTC();
    create = new CreateHandoffService(store, projects, clock, new SecureIdSource());
    search = new SearchHandoffsService(store, projects);
    list = new ListHandoffsService(store, projects);
    load = new LoadHandoffService(store, clock);
    thread = new ThreadHandoffService(store);
    BenchDatabase words = new BenchDatabase(BenchDatabase.SEED);
    body = words.body();
    // Document frequencies in the seeded database: ranks 1200-4000 appear in 0.3-0.9% of the
    // handoffs (rare), ranks 150-900 in 1.2-6.8% (medium).
    rareQueries = List.of(words.wordOfRank(1200), words.wordOfRank(2500), words.wordOfRank(4000));
    mediumQueries = List.of(words.wordOfRank(150), words.wordOfRank(400), words.wordOfRank(900));
    mixedQueries =
        List.of(
            rareQueries.get(0),
            mediumQueries.get(0),
            rareQueries.get(1),
            mediumQueries.get(1),
            rareQueries.get(2),
            mediumQueries.get(2));
    HandoffId parent = null;
    for (int i = 0; i < 50; i++) {
      CreatedHandoff c =
          create.create(
              new CreateHandoffRequest(
                  "chain " + i,
                  body,
                  List.of("chain"),
                  parent == null ? null : parent.value(),
                  "chain-000000",
                  null),
              CLIENT);
      parent = c.id();
      if (i == 25) {
        chainMiddle = c.id();
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  public CreatedHandoff create() {
    return create.create(
        new CreateHandoffRequest(
            "Benchmark handoff number " + (next++),
            body,
            List.of("bench", "jmh"),
            null,
            null,
            null),
        CLIENT);
  }

  @Benchmark
  public SearchResults searchMixed() {
    String q = mixedQueries.get((next++) % mixedQueries.size());
    return search.search(new SearchHandoffsRequest(q, BenchDatabase.PROJECT, 10));
  }

  @Benchmark
  public SearchResults searchRare() {
    String q = rareQueries.get((next++) % rareQueries.size());
    return search.search(new SearchHandoffsRequest(q, BenchDatabase.PROJECT, 10));
  }

  @Benchmark
  public SearchResults searchMedium() {
    String q = mediumQueries.get((next++) % mediumQueries.size());
    return search.search(new SearchHandoffsRequest(q, BenchDatabase.PROJECT, 10));
  }

  @Benchmark
  public SearchResults searchAllMatchLimit10() {
    return search.search(new SearchHandoffsRequest("next steps", BenchDatabase.PROJECT, 10));
  }

  @Benchmark
  public SearchResults searchAllMatchLimit50() {
    return search.search(new SearchHandoffsRequest("next steps", BenchDatabase.PROJECT, 50));
  }

  @Benchmark
  public HandoffListing list10() {
    return list.list(new ListHandoffsRequest(BenchDatabase.PROJECT, StatusFilter.ALL, 10));
  }

  @Benchmark
  public Handoff loadLatestAllProjects() {
    return load.load(LoadHandoffRequest.latest(null, null), CLIENT);
  }

  @Benchmark
  public List<Handoff> threadChainOf50() {
    return thread.thread(chainMiddle, ThreadDirection.BOTH);
  }
}
