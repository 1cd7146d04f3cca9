package dev.passoff.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One JDBC connection with its prepared statements, each prepared once and reused, and a count of
 * every statement it executes. Not thread-safe: the store serialises access.
 */
final class SqliteSession implements AutoCloseable {

  /** Reads one row of a result set. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final AtomicLong executed;

  SqliteSession(Connection connection, AtomicLong executed) {
    this.connection = connection;
    this.executed = executed;
  }

  /** Runs one statement that returns rows, through the cache of prepared statements. */
  <T> List<T> query(String sql, RowReader<T> reader, @Nullable Object... params)
      throws SQLException {
    PreparedStatement ps = statement(sql, params);
    executed.incrementAndGet();
    List<T> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
    }
    return rows;
  }

  /** Reads as much of a result set as it needs; the rest is never computed. */
  @FunctionalInterface
  interface Scanner<T> {
    T scan(ResultSet rs) throws SQLException;
  }

  /** Runs one statement and lets {@code scanner} read rows until it has enough. */
  <T> T scan(String sql, Scanner<T> scanner, @Nullable Object... params) throws SQLException {
    PreparedStatement ps = statement(sql, params);
    executed.incrementAndGet();
    try (ResultSet rs = ps.executeQuery()) {
      return scanner.scan(rs);
    }
  }

  /** Runs one statement and reads at most its first row. */
  <T> Optional<T> queryOne(String sql, RowReader<T> reader, @Nullable Object... params)
      throws SQLException {
    PreparedStatement ps = statement(sql, params);
    executed.incrementAndGet();
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
    }
  }

  /** Runs one statement whose first column of the first row is a number (0 when no row). */
  long queryLong(String sql, @Nullable Object... params) throws SQLException {
    return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  /** Whether the statement returns at least one row. */
  boolean exists(String sql, @Nullable Object... params) throws SQLException {
    return queryOne(sql, rs -> Boolean.TRUE, params).isPresent();
  }

  /** Runs one statement that changes rows and returns how many it changed. */
  int update(String sql, @Nullable Object... params) throws SQLException {
    PreparedStatement ps = statement(sql, params);
    executed.incrementAndGet();
    return ps.executeUpdate();
  }

  /** Runs a statement without parameters (transaction control), prepared once like the rest. */
  void execute(String sql) throws SQLException {
    PreparedStatement ps = statement(sql);
    executed.incrementAndGet();
    ps.execute();
  }

  /**
   * Runs a statement that is executed once per connection (DDL, PRAGMA), without caching it, and
   * returns the first column of its first row when it produces one.
   */
  @Nullable String executeOnce(String sql) throws SQLException {
    executed.incrementAndGet();
    try (Statement st = connection.createStatement()) {
      if (st.execute(sql)) {
        try (ResultSet rs = st.getResultSet()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
      return null;
    }
  }

  /** Every row of a one-column statement executed once, as strings. */
  List<String> executeOnceLines(String sql) throws SQLException {
    executed.incrementAndGet();
    List<String> lines = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        lines.add(String.valueOf(rs.getString(1)));
      }
    }
    return lines;
  }

  /** {@code PRAGMA user_version}. */
  int userVersion() throws SQLException {
    return queryOne("PRAGMA user_version", rs -> rs.getInt(1)).orElse(0);
  }

  /** Ends the current transaction without keeping its changes; quiet when none is active. */
  void rollbackQuietly() {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back (disk full, I/O error); nothing is left to undo.
    }
  }

  private PreparedStatement statement(String sql, @Nullable Object... params) throws SQLException {
    PreparedStatement ps = prepared.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      prepared.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (p instanceof String s) {
        ps.setString(i + 1, s);
      } else if (p instanceof Long || p instanceof Integer) {
        ps.setLong(i + 1, ((Number) p).longValue());
      } else if (p instanceof Double d) {
        ps.setDouble(i + 1, d);
      } else {
        throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
      }
    }
    return ps;
  }

  @Override
  public void close() {
    for (PreparedStatement ps : prepared.values()) {
      try {
        ps.close();
      } catch (SQLException | RuntimeException e) {
        // Closing is best effort; the connection close below releases what is left.
      }
    }
    prepared.clear();
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // Never throws: a failed close leaves nothing the caller could act on.
    }
  }
}
