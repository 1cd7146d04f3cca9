package dev.passoff.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC access to a database file, standing in for another tool or a hand edit. */
final class RawSql implements AutoCloseable {
  final Connection connection;

  private RawSql(Connection connection) {
    this.connection = connection;
  }

  static RawSql open(Path file) throws SQLException {
    return new RawSql(DriverManager.getConnection("jdbc:sqlite:" + file));
  }

  /** Runs statements without results. */
  RawSql exec(String... statements) throws SQLException {
    for (String sql : statements) {
      try (Statement st = connection.createStatement()) {
        st.execute(sql);
      }
    }
    return this;
  }

  /** Runs one statement with parameters. */
  int update(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** Every row, each as its columns rendered as strings ({@code null} kept). */
  List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The first column of every row. */
  List<String> column(String sql) throws SQLException {
    return rows(sql).stream().map(r -> r.get(0)).toList();
  }

  /** The first column of the first row. */
  String one(String sql) throws SQLException {
    return rows(sql).get(0).get(0);
  }

  /** The plan SQLite chooses for a statement, one line per step. */
  List<String> plan(String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        lines.add(rs.getString(4));
      }
    }
    return lines;
  }

  /** Whether the FTS5 index agrees with the handoffs table. */
  boolean searchIndexIntact() {
    try {
      exec(SqliteSchema.FTS_INTEGRITY_CHECK);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** The raw content of the search index's own tables, to see whether anything rewrote them. */
  List<List<String>> searchIndexPages() throws SQLException {
    List<List<String>> pages =
        new ArrayList<>(rows("SELECT 'data', id, hex(block) FROM handoffs_fts_data ORDER BY id"));
    pages.addAll(rows("SELECT 'idx', segid, hex(term), pgno FROM handoffs_fts_idx ORDER BY 2, 3"));
    return pages;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
