package dev.passoff.store.sqlite;

import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static dev.passoff.core.testing.TestHandoffs.childOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.NewHandoff;
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

/** Locks, a full disk, failed writes, unusable paths and the life cycle of a store. */
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
  void givenDefaultOpen_busyTimeout_isFiveSecondsOnTheStoresConnection() {
    try (SqliteHandoffStore store = SqliteHandoffStore.open(dir.resolve("db.sqlite"), n -> {})) {
      assertThat(store.busyTimeoutInEffect()).isEqualTo(5000);
    }
    try (SqliteHandoffStore store =
        SqliteHandoffStore.open(dir.resolve("other.sqlite"), n -> {}, 1234)) {
      // The control: the value read back is the connection's, not a constant.
      assertThat(store.busyTimeoutInEffect()).isEqualTo(1234);
    }
  }

  // --- disk full (section 10) ---

  @Test
  void givenDiskFullDuringCreate_create_failsUnavailableAndRollsBackWhole() throws Exception {
    Path db = dir.resolve("db.sqlite");
    // The fresh schema takes about 20 pages of 4 KiB; 64 leaves room for a few bodies only.
    List<Handoff> stored = new ArrayList<>();
    try (SqliteHandoffStore store = SqliteHandoffStore.open(db, n -> {}, 5000, 64)) {
      StoreUnavailableException full = null;
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < 200 && full == null; i++) {
        try {
          stored.add(store.create(bulky(random, i), new TestIds(i)));
        } catch (StoreUnavailableException e) {
          full = e;
        }
      }

      assertThat(full).as("a create that ran out of pages").isNotNull();
      assertThat(full)
          .hasMessageContaining("is full")
          .hasMessageContaining(db.toString())
          .hasMessageContaining("Nothing was written");
      assertThat(stored).hasSizeGreaterThan(1);
      assertThat(store.list(ProjectScope.all(), StatusFilter.ALL, 50)).hasSize(stored.size());
      for (Handoff h : stored) {
        assertThat(store.find(h.id())).contains(h);
      }
      Handoff first = stored.get(0);
      assertThat(store.search(List.of("marker0"), ProjectScope.all(), 10))
          .extracting(hit -> hit.id())
          .containsExactly(first.id());
      assertThat(store.search(List.of("marker" + stored.size()), ProjectScope.all(), 10))
          .as("the refused body")
          .isEmpty();
    }
    try (RawSql raw = RawSql.open(db)) {
      assertThat(raw.one("SELECT count(*) FROM handoffs")).isEqualTo(String.valueOf(stored.size()));
      assertThat(
              raw.one("SELECT count(*) FROM handoffs WHERE title = 'bulky " + stored.size() + "'"))
          .isEqualTo("0");
      assertThat(raw.one("PRAGMA integrity_check")).isEqualTo("ok");
      // No half entry: the index holds exactly the rows that were committed.
      assertThat(raw.searchIndexIntact()).isTrue();
      assertThat(raw.one("SELECT count(*) FROM handoffs_fts_docsize"))
          .isEqualTo(raw.one("SELECT count(*) FROM handoffs"));
    }
  }

  @Test
  void givenDiskFullThenSpaceFreed_retry_succeedsOnTheSameStore() throws Exception {
    Path db = dir.resolve("db.sqlite");
    try (SqliteHandoffStore store = SqliteHandoffStore.open(db, n -> {}, 5000, 64)) {
      SplittableRandom random = new SplittableRandom(11);
      List<Handoff> stored = new ArrayList<>();
      NewHandoff refused = null;
      for (int i = 0; i < 200 && refused == null; i++) {
        NewHandoff next = bulky(random, i);
        try {
          stored.add(store.create(next, new TestIds(i)));
        } catch (StoreUnavailableException e) {
          assertThat(e).hasMessageContaining("is full");
          refused = next;
        }
      }
      assertThat(refused).as("a create that ran out of pages").isNotNull();
      String marker = "marker" + stored.size();

      // Make room, as a user would: delete old handoffs, then compact the file from another
      // connection (FTS5 keeps deleted documents' tokens until its segments are merged).
      for (Handoff h : stored.subList(1, stored.size())) {
        store.delete(h.id(), false);
      }
      try (RawSql other = RawSql.open(db)) {
        other.exec("INSERT INTO handoffs_fts(handoffs_fts) VALUES ('optimize')", "VACUUM");
        System.err.println(
            "DEBUG stored="
                + stored.size()
                + " pages="
                + other.one("PRAGMA page_count")
                + " free="
                + other.one("PRAGMA freelist_count"));
      }
      Handoff retried = store.create(refused, new TestIds(500));

      assertThat(store.find(retried.id())).contains(retried);
      assertThat(store.find(stored.get(0).id())).contains(stored.get(0));
      assertThat(store.search(List.of(marker), ProjectScope.all(), 5))
          .extracting(hit -> hit.id())
          .containsExactly(retried.id());
    }
    try (RawSql raw = RawSql.open(db)) {
      assertThat(raw.one("PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(raw.searchIndexIntact()).isTrue();
    }
  }

  /** About 12 KiB of words that compress badly, so every create needs several fresh pages. */
  private static NewHandoff bulky(SplittableRandom random, int i) {
    StringBuilder body = new StringBuilder("marker" + i);
    while (body.length() < 12_000) {
      body.append(' ').append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    }
    return aHandoff("proj-abc123", "bulky " + i, body.toString(), i);
  }

  // --- item 57: delete with reparent is one transaction ---

  @Test
  void givenDeleteFailsAfterReparenting_deleteWithReparent_changesNothing() throws Exception {
    Path db = dir.resolve("db.sqlite");
    try (SqliteHandoffStore store = SqliteHandoffStore.open(db, n -> {})) {
      TestIds ids = new TestIds(9);
      Handoff root = store.create(aHandoff("root", 0), ids);
      Handoff middle = store.create(childOf(root.id(), aHandoff("middle", 1)), ids);
      Handoff left = store.create(childOf(middle.id(), aHandoff("left", 2)), ids);
      Handoff right = store.create(childOf(middle.id(), aHandoff("right", 3)), ids);
      try (RawSql raw = RawSql.open(db)) {
        // Fails the DELETE, which the store runs after it has re-pointed the children.
        raw.exec(
            "CREATE TRIGGER test_refuse_delete BEFORE DELETE ON handoffs BEGIN"
                + " SELECT RAISE(ABORT, 'refused by the test'); END");
      }

      assertThatThrownBy(() -> store.delete(middle.id(), true))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("refused by the test")
          .hasMessageContaining(db.toString());

      assertThat(store.find(middle.id())).contains(middle);
      assertThat(store.find(left.id()).orElseThrow().parentId()).isEqualTo(middle.id());
      assertThat(store.find(right.id()).orElseThrow().parentId()).isEqualTo(middle.id());
      try (RawSql raw = RawSql.open(db)) {
        assertThat(raw.column("SELECT parent_id FROM handoffs ORDER BY rowid"))
            .containsExactly(null, root.id().value(), middle.id().value(), middle.id().value());
        raw.exec("DROP TRIGGER test_refuse_delete");
      }

      // The control: without the trigger the same call does reparent and delete.
      store.delete(middle.id(), true);
      assertThat(store.find(middle.id())).isEmpty();
      assertThat(store.find(left.id()).orElseThrow().parentId()).isEqualTo(root.id());
      assertThat(store.find(right.id()).orElseThrow().parentId()).isEqualTo(root.id());
    }
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
