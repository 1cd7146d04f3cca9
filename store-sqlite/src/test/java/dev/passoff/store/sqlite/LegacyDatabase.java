package dev.passoff.store.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * A database as the existing passoff tool (version 0) leaves it, written from the file format in
 * the specification: its table, search index, three indexes and triggers, including the update
 * trigger that fires on every column. No {@code user_version}.
 */
final class LegacyDatabase {
  /** The existing tool's schema script; it runs on every start, hence IF NOT EXISTS throughout. */
  static final List<String> DDL =
      List.of(
          "PRAGMA journal_mode = WAL",
          "PRAGMA foreign_keys = ON",
          """
          CREATE TABLE IF NOT EXISTS handoffs (
            id              TEXT PRIMARY KEY,
            project         TEXT NOT NULL,
            title           TEXT NOT NULL,
            content         TEXT NOT NULL,
            tags            TEXT,
            from_client     TEXT NOT NULL,
            from_client_ver TEXT,
            from_model      TEXT,
            to_client       TEXT,
            to_client_ver   TEXT,
            to_model        TEXT,
            parent_id       TEXT REFERENCES handoffs(id),
            created_at      INTEGER NOT NULL,
            loaded_at       INTEGER,
            status          TEXT NOT NULL DEFAULT 'open'
          )""",
          "CREATE INDEX IF NOT EXISTS idx_handoffs_project ON handoffs(project, created_at DESC)",
          "CREATE INDEX IF NOT EXISTS idx_handoffs_status ON handoffs(status)",
          "CREATE INDEX IF NOT EXISTS idx_handoffs_parent ON handoffs(parent_id)",
          """
          CREATE VIRTUAL TABLE IF NOT EXISTS handoffs_fts USING fts5(
            id UNINDEXED, title, content, tags,
            content='handoffs', content_rowid='rowid'
          )""",
          """
          CREATE TRIGGER IF NOT EXISTS handoffs_ai AFTER INSERT ON handoffs BEGIN
            INSERT INTO handoffs_fts(rowid, id, title, content, tags)
              VALUES (new.rowid, new.id, new.title, new.content, new.tags);
          END""",
          """
          CREATE TRIGGER IF NOT EXISTS handoffs_ad AFTER DELETE ON handoffs BEGIN
            INSERT INTO handoffs_fts(handoffs_fts, rowid, id, title, content, tags)
              VALUES ('delete', old.rowid, old.id, old.title, old.content, old.tags);
          END""",
          """
          CREATE TRIGGER IF NOT EXISTS handoffs_au AFTER UPDATE ON handoffs BEGIN
            INSERT INTO handoffs_fts(handoffs_fts, rowid, id, title, content, tags)
              VALUES ('delete', old.rowid, old.id, old.title, old.content, old.tags);
            INSERT INTO handoffs_fts(rowid, id, title, content, tags)
              VALUES (new.rowid, new.id, new.title, new.content, new.tags);
          END""");

  /** 2025-11-21T22:00:00Z in epoch milliseconds. */
  static final long T0 = 1_763_762_400_000L;

  private LegacyDatabase() {}

  /** Creates the file with the existing tool's schema and no rows. */
  static void create(Path file) throws SQLException {
    try (RawSql db = RawSql.open(file)) {
      db.exec(DDL.toArray(String[]::new));
    }
  }

  /**
   * Creates the file with rows written as the existing tool writes them: a root, a loaded child, an
   * archived grandchild, one in another project and a minimal row.
   */
  static void createWithRows(Path file) throws SQLException {
    create(file);
    try (RawSql db = RawSql.open(file)) {
      db.exec("PRAGMA foreign_keys = ON");
      insert(
          db,
          "ph_root0001",
          "netutil-cdd640",
          "Add port validation",
          "## Current State\nValidation of the login port is half done.",
          "[\"auth\",\"bug-fix\"]",
          null,
          T0,
          "open");
      insert(
          db,
          "ph_child001",
          "netutil-cdd640",
          "Finish the validator",
          "## Next Steps\nWire the validator into the CLI.",
          "[]",
          "ph_root0001",
          T0 + 1000,
          "open");
      db.update(
          "UPDATE handoffs SET to_client = 'cursor', to_client_ver = '0.50', loaded_at = ?,"
              + " status = 'loaded' WHERE id = 'ph_child001'",
          T0 + 5000);
      insert(
          db,
          "ph_grand001",
          "netutil-cdd640",
          "Ship it",
          "## Gotchas\nThe café sign needs UTF-8.",
          null,
          "ph_child001",
          T0 + 2000,
          "archived");
      insert(
          db,
          "ph_other001",
          "other-abc123",
          "Elsewhere",
          "## Current State\nA login form in another repository.",
          "[\"ui\"]",
          null,
          T0 + 3000,
          "open");
      insertMinimal(
          db, "ph_minim001", "netutil-cdd640", "Minimal row", "A quokka appears.", T0 + 4000);
    }
  }

  /** A row with every column the existing tool's create writes. */
  static void insert(
      RawSql db,
      String id,
      String project,
      String title,
      String content,
      String tags,
      String parent,
      long createdAt,
      String status)
      throws SQLException {
    db.update(
        "INSERT INTO handoffs (id, project, title, content, tags, from_client, from_client_ver,"
            + " from_model, parent_id, created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        project,
        title,
        content,
        tags,
        "claude-code",
        "1.0.0",
        "claude-opus-4-1",
        parent,
        createdAt,
        status);
  }

  /** A row with only the columns a minimal writer must set. */
  static void insertMinimal(
      RawSql db, String id, String project, String title, String content, long createdAt)
      throws SQLException {
    db.update(
        "INSERT INTO handoffs (id, project, title, content, from_client, created_at, status)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        project,
        title,
        content,
        "some-tool",
        createdAt,
        "open");
  }
}
