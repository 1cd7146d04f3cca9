package dev.passoff.store.sqlite;

import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HealthCheck;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.service.SecureIdSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two stores (two connections, as two processes would have) writing one file at once. */
class SqliteConcurrencyTest {
  private static final int STORES = 2;
  private static final int THREADS_PER_STORE = 2;
  private static final int CREATES_PER_THREAD = 150;

  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void givenTwoStoresOnOneFile_concurrentCreatesAndLoads_allSucceedExactly() throws Exception {
    Path db = dir.resolve("db.sqlite");
    List<SqliteHandoffStore> stores = new ArrayList<>();
    for (int i = 0; i < STORES; i++) {
      stores.add(SqliteHandoffStore.open(db, n -> {}));
    }
    ExecutorService pool = Executors.newFixedThreadPool(STORES * THREADS_PER_STORE);
    CountDownLatch start = new CountDownLatch(1);
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger loads = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int s = 0; s < STORES; s++) {
        for (int t = 0; t < THREADS_PER_STORE; t++) {
          SqliteHandoffStore store = stores.get(s);
          ClientIdentity client = new ClientIdentity("client-" + s + "-" + t, null);
          String project = "proj-" + s + t;
          done.add(
              pool.submit(
                  () -> {
                    try {
                      start.await();
                      SecureIdSource ids = new SecureIdSource();
                      for (int i = 0; i < CREATES_PER_THREAD; i++) {
                        Handoff h = store.create(aHandoff(project, "h" + i, "body " + i, i), ids);
                        LoadStamp stamp = new LoadStamp(client, null, Instant.ofEpochMilli(i));
                        if (i % 3 == 0 && store.loadLatest(ProjectScope.all(), stamp).isPresent()) {
                          loads.incrementAndGet();
                        }
                        if (i % 5 == 0 && store.loadById(h.id(), stamp).isPresent()) {
                          loads.incrementAndGet();
                        }
                      }
                    } catch (Throwable e) {
                      errors.add(e);
                    }
                    return null;
                  }));
        }
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(errors).as(() -> causes(errors)).isEmpty();
    try (RawSql raw = RawSql.open(db)) {
      assertThat(raw.one("SELECT count(*) FROM handoffs"))
          .isEqualTo(String.valueOf(STORES * THREADS_PER_STORE * CREATES_PER_THREAD));
      assertThat(raw.one("SELECT count(*) FROM handoff_loads"))
          .isEqualTo(String.valueOf(loads.get()));
      assertThat(raw.searchIndexIntact()).isTrue();
    }
    assertThat(stores.get(0).inspect().checks()).allMatch(c -> c.level() == HealthCheck.Level.OK);
    stores.forEach(SqliteHandoffStore::close);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void givenABrandNewFile_storesOpeningItAtOnce_allGetASessionWithoutABusyError() throws Exception {
    int rounds = 40;
    int racers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    try {
      for (int round = 0; round < rounds; round++) {
        Path db = dir.resolve("race-" + round + ".sqlite");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
          String project = "proj-" + r;
          done.add(
              pool.submit(
                  () -> {
                    SqliteHandoffStore store = SqliteHandoffStore.open(db, n -> {});
                    try {
                      start.await();
                      // The first call opens the session: mode switch, migration, then a write.
                      store.create(aHandoff(project, "first", "body", 0), new SecureIdSource());
                    } catch (Throwable e) {
                      errors.add(e);
                    } finally {
                      store.close();
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
        assertThat(errors).as(() -> causes(errors)).isEmpty();
        try (RawSql raw = RawSql.open(db)) {
          assertThat(raw.one("SELECT count(*) FROM handoffs")).isEqualTo(String.valueOf(racers));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(errors).as(() -> causes(errors)).isEmpty();
  }

  /** Every failure with its whole cause chain, SQLite's own message and code included. */
  private static String causes(List<Throwable> errors) {
    StringBuilder out = new StringBuilder();
    for (Throwable e : errors) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        out.append(t == e ? "\n" : "\n  caused by ").append(t);
        if (t instanceof java.sql.SQLException sql) {
          out.append(" [SQLite code ").append(sql.getErrorCode()).append(']');
        }
      }
    }
    return out.toString();
  }
}
