package dev.passoff.store.sqlite;

import java.sql.SQLException;
import java.util.List;

/**
 * The file format: the existing tool's schema (version 0), Passoff's additions (version 1) and the
 * forward migrations between them. Every migration is idempotent and runs in one {@code BEGIN
 * IMMEDIATE} transaction that ends by setting {@code user_version}.
 */
final class SqliteSchema {
  /** The schema version this build writes and understands. */
  static final int CURRENT_VERSION = 1;

  /** The external-content search index over title, content and tags. */
  static final String CREATE_INDEX_TABLE =
      """
      CREATE VIRTUAL TABLE IF NOT EXISTS handoffs_fts USING fts5(
        id UNINDEXED, title, content, tags, content='handoffs', content_rowid='rowid'
      )""";

  /** The existing tool's schema, created only where missing. */
  static final List<String> VERSION_0 =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS handoffs (
            id TEXT PRIMARY KEY,
            project TEXT NOT NULL,
            title TEXT NOT NULL,
            content TEXT NOT NULL,
            tags TEXT,
            from_client TEXT NOT NULL,
            from_client_ver TEXT,
            from_model TEXT,
            to_client TEXT,
            to_client_ver TEXT,
            to_model TEXT,
            parent_id TEXT,
            created_at INTEGER NOT NULL,
            loaded_at INTEGER,
            status TEXT NOT NULL DEFAULT 'open',
            FOREIGN KEY (parent_id) REFERENCES handoffs(id)
          )""",
          "CREATE INDEX IF NOT EXISTS idx_handoffs_project ON handoffs(project, created_at DESC)",
          "CREATE INDEX IF NOT EXISTS idx_handoffs_status ON handoffs(status)",
          "CREATE INDEX IF NOT EXISTS idx_handoffs_parent ON handoffs(parent_id)",
          CREATE_INDEX_TABLE,
          """
          CREATE TRIGGER IF NOT EXISTS handoffs_ai AFTER INSERT ON handoffs BEGIN
            INSERT INTO handoffs_fts(rowid, id, title, content, tags)
            VALUES (new.rowid, new.id, new.title, new.content, new.tags);
          END""",
          """
          CREATE TRIGGER IF NOT EXISTS handoffs_ad AFTER DELETE ON handoffs BEGIN
            INSERT INTO handoffs_fts(handoffs_fts, rowid, id, title, content, tags)
            VALUES ('delete', old.rowid, old.id, old.title, old.content, old.tags);
          END""");

  /**
   * Passoff's additions. The update trigger is replaced rather than created if missing: the
   * existing tool's version fires on every update and re-indexes a body whenever a status or load
   * stamp changes.
   */
  static final List<String> VERSION_1 =
      List.of(
          "CREATE INDEX IF NOT EXISTS idx_handoffs_status_created ON handoffs(status, created_at)",
          "CREATE INDEX IF NOT EXISTS idx_handoffs_project_created ON handoffs(project, created_at)",
          // Listing every project and status: a backward scan of (created_at, rowid), no sort.
          "CREATE INDEX IF NOT EXISTS idx_handoffs_created ON handoffs(created_at)",
          """
          CREATE INDEX IF NOT EXISTS idx_handoffs_project_status_created
            ON handoffs(project, status, created_at)""",
          "DROP TRIGGER IF EXISTS handoffs_au",
          """
          CREATE TRIGGER handoffs_au AFTER UPDATE OF title, content, tags ON handoffs BEGIN
            INSERT INTO handoffs_fts(handoffs_fts, rowid, id, title, content, tags)
            VALUES ('delete', old.rowid, old.id, old.title, old.content, old.tags);
            INSERT INTO handoffs_fts(rowid, id, title, content, tags)
            VALUES (new.rowid, new.id, new.title, new.content, new.tags);
          END""",
          """
          CREATE TABLE IF NOT EXISTS handoff_loads (
            handoff_id TEXT NOT NULL REFERENCES handoffs(id) ON DELETE CASCADE,
            client TEXT NOT NULL,
            client_ver TEXT,
            model TEXT,
            loaded_at INTEGER NOT NULL
          )""",
          """
          CREATE INDEX IF NOT EXISTS idx_handoff_loads_handoff
            ON handoff_loads(handoff_id, loaded_at)""");

  /** Checks the search index against the handoffs table; fails with SQLITE_CORRUPT_VTAB. */
  static final String FTS_INTEGRITY_CHECK =
      "INSERT INTO handoffs_fts(handoffs_fts, rank) VALUES ('integrity-check', 1)";

  /** Re-reads every handoff into the search index. */
  static final String FTS_REBUILD = "INSERT INTO handoffs_fts(handoffs_fts) VALUES ('rebuild')";

  private SqliteSchema() {}

  /**
   * Brings the file up to {@link #CURRENT_VERSION}. Safe to run from several processes at once: the
   * version is read again under the write lock, so a migration runs at most once.
   */
  static void migrate(SqliteSession s) throws SQLException {
    s.execute("BEGIN IMMEDIATE");
    boolean committed = false;
    try {
      int version = s.userVersion();
      if (version < 1) {
        migrateTo1(s);
      }
      s.execute("COMMIT");
      committed = true;
    } finally {
      if (!committed) {
        s.rollbackQuietly();
      }
    }
  }

  private static void migrateTo1(SqliteSession s) throws SQLException {
    boolean hadIndex =
        s.exists("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'handoffs_fts'");
    for (String ddl : VERSION_0) {
      s.executeOnce(ddl);
    }
    for (String ddl : VERSION_1) {
      s.executeOnce(ddl);
    }
    boolean hasRows = s.exists("SELECT 1 FROM handoffs LIMIT 1");
    if (hasRows && (!hadIndex || !indexIntact(s))) {
      repairIndex(s);
    }
    s.executeOnce("PRAGMA user_version = 1");
  }

  /** Whether the search index matches the table; a failed check leaves the transaction usable. */
  static boolean indexIntact(SqliteSession s) throws SQLException {
    s.execute("SAVEPOINT fts_check");
    try {
      s.executeOnce(FTS_INTEGRITY_CHECK);
      return true;
    } catch (SQLException e) {
      return false;
    } finally {
      s.execute("ROLLBACK TO fts_check");
      s.execute("RELEASE fts_check");
    }
  }

  /**
   * Rebuilds the search index; if its own tables are too damaged for that, drops and recreates it
   * first. Must run inside a transaction.
   */
  static void repairIndex(SqliteSession s) throws SQLException {
    s.execute("SAVEPOINT fts_repair");
    try {
      s.executeOnce(FTS_REBUILD);
      s.execute("RELEASE fts_repair");
      return;
    } catch (SQLException e) {
      s.execute("ROLLBACK TO fts_repair");
      s.execute("RELEASE fts_repair");
    }
    s.executeOnce("DROP TABLE IF EXISTS handoffs_fts");
    s.executeOnce(CREATE_INDEX_TABLE);
    s.executeOnce(FTS_REBUILD);
  }
}
