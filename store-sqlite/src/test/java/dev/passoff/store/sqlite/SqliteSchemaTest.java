package dev.passoff.store.sqlite;

import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static dev.passoff.core.testing.TestHandoffs.childOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.HealthCheck;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHit;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.StoreReport;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.testing.TestIds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file format: fresh schema, migration of existing-tool files, triggers, versions. */
class SqliteSchemaTest {
  private static final ProjectScope NETUTIL = ProjectScope.of("netutil-cdd640");
  private static final LoadStamp CODEX =
      new LoadStamp(
          new ClientIdentity("codex", "0.9"), "gpt-5", Instant.ofEpochMilli(1_800_000_000_000L));

  @TempDir Path dir;
  private final List<String> notices = new ArrayList<>();

  private Path db() {
    return dir.resolve("db.sqlite");
  }

  private SqliteHandoffStore open() {
    return SqliteHandoffStore.open(db(), notices::add);
  }

  private static List<String> titles(List<?> items) {
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof Handoff h) {
        out.add(h.title());
      } else if (o instanceof HandoffSummary s) {
        out.add(s.title());
      } else if (o instanceof SearchHit hit) {
        out.add(hit.title());
      }
    }
    return out;
  }

  // --- item 1 ---

  @Test
  void givenNoFile_firstUse_createsCompleteVersion1Schema() throws Exception {
    try (SqliteHandoffStore store = open()) {
      store.list(ProjectScope.all(), StatusFilter.ALL, 1);
    }

    try (RawSql raw = RawSql.open(db())) {
      assertThat(raw.column("SELECT name FROM sqlite_master WHERE type = 'table'"))
          .contains("handoffs", "handoffs_fts", "handoff_loads");
      assertThat(raw.one("SELECT sql FROM sqlite_master WHERE name = 'handoffs_fts'"))
          .contains("fts5", "id UNINDEXED", "content='handoffs'", "content_rowid='rowid'");
      assertThat(
              raw.column("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
          .containsExactlyInAnyOrder(
              "idx_handoffs_project",
              "idx_handoffs_status",
              "idx_handoffs_parent",
              "idx_handoffs_status_created",
              "idx_handoffs_project_created",
              "idx_handoffs_project_status_created",
              "idx_handoffs_created",
              "idx_handoff_loads_handoff");
      // Ascending on purpose: the backward scan yields created_at DESC, rowid DESC (spec 2.3).
      assertThat(raw.one("SELECT sql FROM sqlite_master WHERE name = 'idx_handoffs_created'"))
          .endsWith("ON handoffs(created_at)");
      assertThat(raw.column("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
          .containsExactlyInAnyOrder("handoffs_ai", "handoffs_ad", "handoffs_au");
      assertThat(raw.one("SELECT sql FROM sqlite_master WHERE name = 'handoffs_au'"))
          .contains("AFTER UPDATE OF title, content, tags ON handoffs");
      assertThat(raw.one("SELECT sql FROM sqlite_master WHERE name = 'handoff_loads'"))
          .contains("REFERENCES handoffs(id) ON DELETE CASCADE");
      assertThat(raw.column("SELECT name FROM pragma_table_info('handoffs') ORDER BY cid"))
          .containsExactly(
              "id",
              "project",
              "title",
              "content",
              "tags",
              "from_client",
              "from_client_ver",
              "from_model",
              "to_client",
              "to_client_ver",
              "to_model",
              "parent_id",
              "created_at",
              "loaded_at",
              "status");
      assertThat(raw.one("PRAGMA user_version")).isEqualTo("1");
      assertThat(raw.one("PRAGMA journal_mode")).isEqualTo("wal");
    }
  }

  // --- items 2 and 3 ---

  @Test
  void givenVersion0FileWithRows_open_migratesInPlaceAndServesEveryRow() throws Exception {
    LegacyDatabase.createWithRows(db());

    try (SqliteHandoffStore store = open()) {
      assertThat(titles(store.list(NETUTIL, StatusFilter.ALL, 50)))
          .containsExactly("Minimal row", "Ship it", "Finish the validator", "Add port validation");
      assertThat(titles(store.list(NETUTIL, StatusFilter.LOADED, 50)))
          .containsExactly("Finish the validator");
      assertThat(titles(store.search(List.of("login"), ProjectScope.all(), 10)))
          .containsExactlyInAnyOrder("Add port validation", "Elsewhere");
      assertThat(titles(store.search(List.of("bug"), NETUTIL, 10)))
          .containsExactly("Add port validation");
      assertThat(titles(store.search(List.of("cafe"), NETUTIL, 10))).containsExactly("Ship it");

      Handoff root = store.find(HandoffId.of("ph_root0001")).orElseThrow();
      assertThat(root.tags()).containsExactly("auth", "bug-fix");
      assertThat(root.fromClient()).isEqualTo("claude-code");
      assertThat(root.createdAt()).isEqualTo(Instant.ofEpochMilli(LegacyDatabase.T0));
      Handoff child = store.find(HandoffId.of("ph_child001")).orElseThrow();
      assertThat(child.toClient()).isEqualTo("cursor");
      assertThat(child.loadedAt()).isEqualTo(Instant.ofEpochMilli(LegacyDatabase.T0 + 5000));
      assertThat(child.parentId()).isEqualTo(HandoffId.of("ph_root0001"));
      Handoff minimal = store.find(HandoffId.of("ph_minim001")).orElseThrow();
      assertThat(minimal.tags()).isEmpty();
      assertThat(minimal.fromClientVersion()).isNull();
      assertThat(minimal.parentId()).isNull();
      assertThat(minimal.loadedAt()).isNull();
      assertThat(
              titles(store.thread(HandoffId.of("ph_child001"), ThreadDirection.BOTH).orElseThrow()))
          .containsExactly("Add port validation", "Finish the validator", "Ship it");

      Handoff loaded = store.loadById(HandoffId.of("ph_root0001"), CODEX).orElseThrow();
      assertThat(loaded.status()).isEqualTo(HandoffStatus.LOADED);
      assertThat(store.loads(loaded.id())).hasSize(1);
      assertThat(store.inspect().checks()).allMatch(c -> c.level() == HealthCheck.Level.OK);
    }
    try (RawSql raw = RawSql.open(db())) {
      assertThat(raw.one("PRAGMA user_version")).isEqualTo("1");
      assertThat(
              raw.column("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
          .contains(
              "idx_handoffs_status_created",
              "idx_handoffs_project_created",
              "idx_handoffs_project_status_created",
              "idx_handoffs_created");
      assertThat(raw.one("SELECT sql FROM sqlite_master WHERE name = 'handoffs_au'"))
          .contains("AFTER UPDATE OF title, content, tags");
      assertThat(raw.one("SELECT count(*) FROM handoffs")).isEqualTo("5");
      assertThat(raw.one("PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(raw.searchIndexIntact()).isTrue();
    }
  }

  @Test
  void givenMigratedFile_version0ScriptAndMinimalInsert_stillWorkForTheExistingTool()
      throws Exception {
    LegacyDatabase.createWithRows(db());
    try (SqliteHandoffStore store = open()) {
      store.create(
          aHandoff("netutil-cdd640", "Made by Passoff", "new words here", 9000), new TestIds());
    }

    try (RawSql raw = RawSql.open(db())) {
      raw.exec(LegacyDatabase.DDL.toArray(String[]::new));
      LegacyDatabase.insertMinimal(
          raw,
          "ph_legacy02",
          "netutil-cdd640",
          "Written by the old tool",
          "A wombat digs.",
          LegacyDatabase.T0 + 20_000);
      raw.exec("DELETE FROM handoffs WHERE id = 'ph_minim001'");
      assertThat(raw.one("SELECT sql FROM sqlite_master WHERE name = 'handoffs_au'"))
          .contains("AFTER UPDATE OF title, content, tags");
      assertThat(raw.one("PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(raw.searchIndexIntact()).isTrue();
    }
    try (SqliteHandoffStore store = open()) {
      Handoff legacy = store.find(HandoffId.of("ph_legacy02")).orElseThrow();
      assertThat(legacy.fromClient()).isEqualTo("some-tool");
      assertThat(legacy.status()).isEqualTo(HandoffStatus.OPEN);
      assertThat(titles(store.search(List.of("wombat"), NETUTIL, 10)))
          .containsExactly("Written by the old tool");
      assertThat(store.search(List.of("quokka"), NETUTIL, 10)).isEmpty();
      assertThat(titles(store.list(NETUTIL, StatusFilter.OPEN, 2)))
          .containsExactly("Written by the old tool", "Made by Passoff");
    }
  }

  @Test
  void givenVersion0FileWithEmptiedSearchIndex_open_rebuildsIt() throws Exception {
    LegacyDatabase.createWithRows(db());
    try (RawSql raw = RawSql.open(db())) {
      raw.exec("INSERT INTO handoffs_fts(handoffs_fts) VALUES ('delete-all')");
      assertThat(raw.searchIndexIntact()).isFalse();
    }

    try (SqliteHandoffStore store = open()) {
      assertThat(titles(store.search(List.of("quokka"), NETUTIL, 10)))
          .containsExactly("Minimal row");
    }
    try (RawSql raw = RawSql.open(db())) {
      assertThat(raw.searchIndexIntact()).isTrue();
    }
  }

  @Test
  void givenVersion0FileWithoutSearchIndex_open_createsAndFillsIt() throws Exception {
    LegacyDatabase.createWithRows(db());
    try (RawSql raw = RawSql.open(db())) {
      raw.exec(
          "DROP TRIGGER handoffs_ai",
          "DROP TRIGGER handoffs_ad",
          "DROP TRIGGER handoffs_au",
          "DROP TABLE handoffs_fts");
    }

    try (SqliteHandoffStore store = open()) {
      assertThat(titles(store.search(List.of("wire", "validator"), NETUTIL, 10)))
          .containsExactly("Finish the validator");
    }
  }

  @Test
  void givenVersion0FileWithBrokenIndexTables_open_recreatesTheIndex() throws Exception {
    LegacyDatabase.createWithRows(db());
    try (RawSql raw = RawSql.open(db())) {
      raw.exec("DROP TABLE handoffs_fts_data");
    }

    try (SqliteHandoffStore store = open()) {
      assertThat(titles(store.search(List.of("quokka"), NETUTIL, 10)))
          .containsExactly("Minimal row");
    }
    try (RawSql raw = RawSql.open(db())) {
      assertThat(raw.searchIndexIntact()).isTrue();
    }
  }

  // --- compatibility scenario from the issue ---

  @Test
  void givenExistingToolDatabase_openListSearchLoadAndExtend_keepsFileHealthy() throws Exception {
    LegacyDatabase.createWithRows(db());

    try (SqliteHandoffStore store = open()) {
      List<HandoffSummary> listed = store.list(NETUTIL, StatusFilter.OPEN, 10);
      assertThat(titles(listed)).containsExactly("Minimal row", "Add port validation");
      List<SearchHit> hits = store.search(List.of("validation"), NETUTIL, 10);
      assertThat(hits).extracting(h -> h.id().value()).containsExactly("ph_root0001");
      assertThat(hits.get(0).snippet()).contains("[Validation]");
      Handoff latest = store.loadLatest(NETUTIL, CODEX).orElseThrow();
      assertThat(latest.title()).isEqualTo("Minimal row");
      Handoff child =
          store.create(
              childOf(latest.id(), aHandoff("netutil-cdd640", "Follow-up", "continuing", 10_000)),
              new TestIds());

      assertThat(titles(store.thread(latest.id(), ThreadDirection.DESCENDANTS).orElseThrow()))
          .containsExactly("Minimal row", "Follow-up");
      assertThat(store.find(child.id())).contains(child);
    }
    try (RawSql raw = RawSql.open(db())) {
      assertThat(raw.one("PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(raw.rows("PRAGMA foreign_key_check")).isEmpty();
      assertThat(raw.searchIndexIntact()).isTrue();
      assertThat(raw.one("SELECT count(*) FROM handoffs")).isEqualTo("6");
    }
  }

  // --- item 4 ---

  @Test
  void givenWrites_searchIndex_followsInsertDeleteAndTextUpdatesOnly() throws Exception {
    try (SqliteHandoffStore store = open();
        RawSql raw = RawSql.open(db())) {
      Handoff a =
          store.create(aHandoff("proj-abc123", "Alpha", "aardvark body", 0), new TestIds(1));
      Handoff b = store.create(aHandoff("proj-abc123", "Beta", "badger body", 1), new TestIds(2));
      ProjectScope proj = ProjectScope.of("proj-abc123");
      assertThat(titles(store.search(List.of("badger"), proj, 10))).containsExactly("Beta");

      raw.update("UPDATE handoffs SET content = 'capybara body' WHERE id = ?", b.id().value());
      raw.update("UPDATE handoffs SET title = 'Alpha prime' WHERE id = ?", a.id().value());
      raw.update("UPDATE handoffs SET tags = '[\"dingo\"]' WHERE id = ?", a.id().value());
      assertThat(store.search(List.of("badger"), proj, 10)).isEmpty();
      assertThat(titles(store.search(List.of("capybara"), proj, 10))).containsExactly("Beta");
      assertThat(titles(store.search(List.of("prime"), proj, 10))).containsExactly("Alpha prime");
      assertThat(titles(store.search(List.of("dingo"), proj, 10))).containsExactly("Alpha prime");
      assertThat(raw.searchIndexIntact()).isTrue();

      List<List<String>> before = raw.searchIndexPages();
      store.setStatus(a.id(), HandoffStatus.ARCHIVED);
      store.loadById(b.id(), CODEX);
      store.archiveOpen("proj-abc123");
      assertThat(raw.searchIndexPages()).isEqualTo(before);
      assertThat(raw.searchIndexIntact()).isTrue();

      store.delete(a.id(), false);
      assertThat(store.search(List.of("dingo"), proj, 10)).isEmpty();
      assertThat(raw.searchIndexIntact()).isTrue();
    }
  }

  @Test
  void givenExistingToolTrigger_statusUpdate_rewritesTheIndex() throws Exception {
    // The control for the test above: the broad trigger does rewrite the index on status changes.
    LegacyDatabase.createWithRows(db());
    try (RawSql raw = RawSql.open(db())) {
      List<List<String>> before = raw.searchIndexPages();
      raw.exec("UPDATE handoffs SET status = 'archived' WHERE id = 'ph_root0001'");
      assertThat(raw.searchIndexPages()).isNotEqualTo(before);
    }
  }

  // --- item 51 ---

  @Test
  void givenNewerSchemaVersion_open_servesReadsAndRefusesWrites() throws Exception {
    HandoffId id;
    try (SqliteHandoffStore store = open()) {
      id = store.create(aHandoff("kept", 0), new TestIds()).id();
    }
    try (RawSql raw = RawSql.open(db())) {
      raw.exec("PRAGMA user_version = 2");
    }

    try (SqliteHandoffStore store = open()) {
      assertThat(store.find(id)).isPresent();
      assertThat(titles(store.list(ProjectScope.all(), StatusFilter.ALL, 10)))
          .containsExactly("kept");
      assertThat(titles(store.search(List.of("working"), ProjectScope.all(), 10)))
          .containsExactly("kept");
      assertThat(store.thread(id, ThreadDirection.BOTH)).isPresent();
      StoreReport report = store.inspect();
      assertThat(report.checks())
          .anySatisfy(
              c -> {
                assertThat(c.name()).isEqualTo("schema version");
                assertThat(c.detail()).contains("newer");
              });

      List<Runnable> writes =
          List.of(
              () -> store.create(aHandoff("refused", 1), new TestIds()),
              () -> store.loadById(id, CODEX),
              () -> store.loadLatest(ProjectScope.all(), CODEX),
              () -> store.setStatus(id, HandoffStatus.ARCHIVED),
              () -> store.archiveOpen("proj-abc123"),
              () -> store.delete(id, false),
              () -> store.importAll(List.of()),
              store::rebuildIndex);
      for (Runnable write : writes) {
        assertThatThrownBy(write::run)
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("schema version 2")
            .hasMessageContaining("version 1")
            .hasMessageContaining("newer Passoff")
            .hasMessageContaining(db().toString());
      }
    }
    try (RawSql raw = RawSql.open(db())) {
      assertThat(raw.one("PRAGMA user_version")).isEqualTo("2");
      assertThat(raw.one("SELECT status FROM handoffs")).isEqualTo("open");
    }
  }

  // --- item 66 ---

  @Test
  void givenRenumberedRowids_inspect_failsSearchCheckUntilRebuild() throws Exception {
    try (SqliteHandoffStore store = open()) {
      for (int i = 0; i < 3; i++) {
        store.create(aHandoff("row " + i, i), new TestIds(i));
      }
    }
    try (RawSql raw = RawSql.open(db())) {
      // What copying rows into another file without their rowids does to the external index.
      raw.exec("UPDATE handoffs SET rowid = rowid + 100");
    }

    try (SqliteHandoffStore store = open()) {
      HealthCheck broken = searchCheck(store.inspect());
      assertThat(broken.level()).isEqualTo(HealthCheck.Level.FAIL);
      assertThat(broken.detail()).contains("passoff rebuild-index");

      assertThat(store.rebuildIndex()).isEqualTo(3);

      assertThat(searchCheck(store.inspect()).level()).isEqualTo(HealthCheck.Level.OK);
      assertThat(titles(store.search(List.of("row", "1"), ProjectScope.all(), 10)))
          .containsExactly("row 1");
    }
  }

  @Test
  void givenSearchIndexTablesDamaged_rebuildIndex_recreatesIt() throws Exception {
    try (SqliteHandoffStore store = open()) {
      store.create(aHandoff("survivor", 0), new TestIds());
    }
    try (RawSql raw = RawSql.open(db())) {
      raw.exec("DROP TABLE handoffs_fts_idx");
    }

    try (SqliteHandoffStore store = open()) {
      assertThat(searchCheck(store.inspect()).level()).isEqualTo(HealthCheck.Level.FAIL);
      assertThat(store.rebuildIndex()).isEqualTo(1);
      assertThat(searchCheck(store.inspect()).level()).isEqualTo(HealthCheck.Level.OK);
      assertThat(titles(store.search(List.of("survivor"), ProjectScope.all(), 10)))
          .containsExactly("survivor");
    }
  }

  private static HealthCheck searchCheck(StoreReport report) {
    return report.checks().stream()
        .filter(c -> c.name().equals("search index"))
        .findFirst()
        .orElseThrow();
  }

  // --- inspect ---

  @Test
  void givenMissingFile_inspect_reportsItWithoutCreatingIt() {
    try (SqliteHandoffStore store = open()) {
      StoreReport report = store.inspect();

      assertThat(report.exists()).isFalse();
      assertThat(report.location()).isEqualTo(db().toAbsolutePath().toString());
      assertThat(report.checks())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.level()).isEqualTo(HealthCheck.Level.WARN);
                assertThat(c.detail()).contains("does not exist yet", "created on the first write");
              });
    }
    assertThat(db()).doesNotExist();
    assertThat(dir.resolve("db.sqlite-wal")).doesNotExist();
  }

  @Test
  void givenEmptyFile_inspect_reportsNoTablesYetAndLeavesItEmpty() throws Exception {
    java.nio.file.Files.createFile(db());

    try (SqliteHandoffStore store = open()) {
      StoreReport report = store.inspect();

      assertThat(report.exists()).isTrue();
      assertThat(report.statusCounts()).isEmpty();
      assertThat(report.checks().get(0).detail()).contains("version 0", "pending");
      assertThat(searchCheck(report).level()).isEqualTo(HealthCheck.Level.WARN);
    }
    assertThat(java.nio.file.Files.size(db())).isZero();
  }

  @Test
  void givenVersion0File_inspect_reportsPendingMigrationAndChangesNothing() throws Exception {
    LegacyDatabase.createWithRows(db());

    try (SqliteHandoffStore store = open()) {
      StoreReport report = store.inspect();

      assertThat(report.exists()).isTrue();
      assertThat(report.statusCounts())
          .containsEntry("open", 3L)
          .containsEntry("loaded", 1L)
          .containsEntry("archived", 1L);
      assertThat(report.checks())
          .extracting(HealthCheck::name)
          .containsExactly("schema version", "database integrity", "search index", "file modes");
      assertThat(report.checks().get(0).level()).isEqualTo(HealthCheck.Level.WARN);
      assertThat(report.checks().get(0).detail()).contains("migration", "pending");
      assertThat(report.checks().get(1).level()).isEqualTo(HealthCheck.Level.OK);
      assertThat(report.checks().get(2).level()).isEqualTo(HealthCheck.Level.OK);
    }
    try (RawSql raw = RawSql.open(db())) {
      assertThat(raw.one("PRAGMA user_version")).isEqualTo("0");
      assertThat(raw.column("SELECT name FROM sqlite_master WHERE type = 'table'"))
          .doesNotContain("handoff_loads");
    }
  }
}
