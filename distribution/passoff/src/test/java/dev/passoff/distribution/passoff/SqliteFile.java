package dev.passoff.distribution.passoff;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC on the database file the jar uses, standing in for another process that shares it (the
 * existing tool, a second Passoff, or a hand edit).
 */
final class SqliteFile implements AutoCloseable {
  private final Connection connection;

  private SqliteFile(Connection connection) {
    this.connection = connection;
  }

  static SqliteFile open(Path file) throws SQLException {
    return new SqliteFile(DriverManager.getConnection("jdbc:sqlite:" + file));
  }

  /** Runs statements that return no rows, in order. */
  void exec(String... statements) throws SQLException {
    for (String sql : statements) {
      try (Statement st = connection.createStatement()) {
        st.execute(sql);
      }
    }
  }

  /** Every row of a query with parameters, each column as a string ({@code null} kept). */
  List<List<String>> rows(String sql, Object... params) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The first column of the first row. */
  String one(String sql, Object... params) throws SQLException {
    return rows(sql, params).get(0).get(0);
  }

  /** Whether the FTS5 search index agrees with the handoffs table. */
  boolean searchIndexIntact() {
    try {
      exec("INSERT INTO handoffs_fts(handoffs_fts, rank) VALUES ('integrity-check', 1)");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
