package dev.passoff.store.sqlite;

import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.testing.TestIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks, unusable paths and the life cycle of a store. */
class SqliteFaultsTest {
  private static final LoadStamp STAMP =
      new LoadStamp(new ClientIdentity("cursor", "0.50"), null, Instant.ofEpochMilli(5));

  @TempDir Path dir;

  // --- item 50 ---

  @Test
  void givenLockHeldBeyondBusyTimeout_writes_failUnavailableAndWriteNothing() throws Exception {
    Path db = dir.resolve("db.sqlite");
    try (SqliteHandoffStore store = SqliteHandoffStore.open(db, n -> {}, 200)) {
      Handoff existing = store.create(aHandoff("existing", 0), new TestIds(1));
      try (RawSql other = RawSql.open(db)) {
        other.exec("BEGIN IMMEDIATE");
        other.exec(
            "INSERT INTO handoffs (id, project, title, content, from_client, created_at)"
                + " VALUES ('ph_other000', 'p', 't', 'c', 'x', 1)");

        assertThatThrownBy(() -> store.create(aHandoff("blocked", 1), new TestIds(2)))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("database is busy")
            .hasMessageContaining("retry")
            .hasMessageContaining(db.toString());
        assertThatThrownBy(() -> store.loadById(existing.id(), STAMP))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("database is busy");
        // Readers are not blocked in WAL mode.
        assertThat(store.list(ProjectScope.all(), StatusFilter.ALL, 10)).hasSize(1);

        other.exec("ROLLBACK");
      }
      assertThat(store.list(ProjectScope.all(), StatusFilter.ALL, 10))
          .extracting(s -> s.title())
          .containsExactly("existing");
      assertThat(store.find(existing.id()).orElseThrow().toClient()).isNull();
      assertThat(store.loads(existing.id())).isEmpty();
      assertThat(store.create(aHandoff("after", 2), new TestIds(3)).title()).isEqualTo("after");
    }
  }

  @Test
  void givenDefaultOpen_busyTimeout_isFiveSeconds() {
    assertThat(SqliteHandoffStore.DEFAULT_BUSY_TIMEOUT_MILLIS).isEqualTo(5000);
  }

  // --- bad paths ---

  @Test
  void givenFolderAsDatabasePath_everyCall_failsUnavailableNamingIt() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("db.sqlite"));

    try (SqliteHandoffStore store = SqliteHandoffStore.open(folder, n -> {})) {
      for (Runnable call : calls(store)) {
        assertThatThrownBy(call::run)
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining(folder.toString())
            .hasMessageContaining("folder");
      }
    }
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void givenFileThatIsNotSqlite_everyCall_failsUnavailableAndLeavesItsBytes() throws Exception {
    Path file = dir.resolve("db.sqlite");
    byte[] junk = new byte[8192];
    new SplittableRandom(3).nextBytes(junk);
    Files.write(file, junk);

    try (SqliteHandoffStore store = SqliteHandoffStore.open(file, n -> {})) {
      for (Runnable call : calls(store)) {
        assertThatThrownBy(call::run)
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("not a SQLite database");
      }
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    assertThat(dir.resolve("db.sqlite-wal")).doesNotExist();
    assertThat(dir.resolve("db.sqlite-journal")).doesNotExist();
  }

  @Test
  void givenParentThatIsAFile_firstUse_failsUnavailableNamingThePath() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "x");
    Path db = blocker.resolve("db.sqlite");

    try (SqliteHandoffStore store = SqliteHandoffStore.open(db, n -> {})) {
      assertThatThrownBy(() -> store.list(ProjectScope.all(), StatusFilter.ALL, 1))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(db.toString());
    }
    assertThat(Files.readString(blocker)).isEqualTo("x");
  }

  private static List<Runnable> calls(SqliteHandoffStore store) {
    HandoffId id = HandoffId.of("ph_whatever");
    List<Runnable> calls = new ArrayList<>();
    calls.add(() -> store.create(aHandoff("x", 0), new TestIds()));
    calls.add(() -> store.find(id));
    calls.add(() -> store.loadById(id, STAMP));
    calls.add(() -> store.loadLatest(ProjectScope.all(), STAMP));
    calls.add(() -> store.list(ProjectScope.all(), StatusFilter.ALL, 10));
    calls.add(() -> store.search(List.of("x"), ProjectScope.all(), 10));
    calls.add(() -> store.thread(id, dev.passoff.core.model.ThreadDirection.BOTH));
    calls.add(() -> store.countOpen("p"));
    calls.add(() -> store.delete(id, false));
    calls.add(() -> store.loads(id));
    calls.add(() -> store.exportAll(e -> {}));
    calls.add(() -> store.importAll(List.of()));
    calls.add(store::inspect);
    calls.add(store::rebuildIndex);
    return calls;
  }

  // --- life cycle ---

  @Test
  void givenOpenCall_noFileSystemAccess_untilFirstUse() {
    Path db = dir.resolve("a").resolve("b").resolve("db.sqlite");

    SqliteHandoffStore store = SqliteHandoffStore.open(db, n -> {});
    assertThat(dir.resolve("a")).doesNotExist();
    store.countOpen("p");
    store.close();

    assertThat(db).exists();
  }

  @Test
  void givenClosedStore_close_neverThrowsAndFurtherCallsFail() {
    SqliteHandoffStore store = SqliteHandoffStore.open(dir.resolve("db.sqlite"), n -> {});
    store.countOpen("p");

    store.close();
    store.close();

    assertThatThrownBy(() -> store.countOpen("p")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void givenSeveralThreadsOnOneStore_calls_areSerialisedSafely() throws Exception {
    try (SqliteHandoffStore store = SqliteHandoffStore.open(dir.resolve("db.sqlite"), n -> {})) {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      TestIds ids = new TestIds(5);
      for (int t = 0; t < 4; t++) {
        int offset = t * 1000;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 25; i++) {
                      store.create(aHandoff("t" + offset + i, offset + i), ids);
                      store.list(ProjectScope.all(), StatusFilter.ALL, 5);
                    }
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(errors).isEmpty();
      assertThat(store.inspect().total()).isEqualTo(100);
    }
  }

  @Test
  void givenMemoryPath_store_worksWithoutFiles() {
    try (SqliteHandoffStore store = SqliteHandoffStore.open(Path.of(":memory:"), n -> {})) {
      Handoff h = store.create(aHandoff("in memory", 0), new TestIds());
      assertThat(store.find(h.id())).contains(h);
      assertThat(store.search(List.of("memory"), ProjectScope.all(), 5)).hasSize(1);
      assertThat(store.inspect().location()).isEqualTo(":memory:");
    }
  }

  // --- default path ---

  @Test
  void givenEnvironment_defaultPath_prefersPassoffDbPath() {
    Path home = Path.of("/home/dev");

    assertThat(SqliteHandoffStore.defaultPath(Map.of(), home))
        .isEqualTo(Path.of("/home/dev/.passoff/db.sqlite"));
    assertThat(SqliteHandoffStore.defaultPath(Map.of("PASSOFF_DB_PATH", ""), home))
        .isEqualTo(Path.of("/home/dev/.passoff/db.sqlite"));
    assertThat(SqliteHandoffStore.defaultPath(Map.of("PASSOFF_DB_PATH", "rel/x.db"), home))
        .isEqualTo(Path.of("rel/x.db"));
  }

  @Test
  void givenNullArguments_open_rejectsThem() {
    Consumer<String> none = n -> {};
    assertThatThrownBy(() -> SqliteHandoffStore.open(null, none))
        .isInstanceOf(NullPointerException.class);
  }
}
