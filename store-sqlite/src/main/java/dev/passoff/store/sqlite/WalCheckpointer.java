package dev.passoff.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Runs the write-ahead log's checkpoints on a thread of its own. SQLite otherwise checkpoints
 * inside whichever commit crosses the WAL size threshold, and that commit then pays for copying
 * pages back and two fsyncs: the slowest one percent of creates. Here every {@value
 * #COMMITS_PER_CHECKPOINT} commits wake a daemon thread that runs a {@code PASSIVE} checkpoint on
 * its own connection, which never blocks writers or readers; the store's connection has automatic
 * checkpoints turned off. When the last connection to the file closes, SQLite checkpoints and
 * removes the WAL as usual, so a short-lived process that never reaches the threshold leaves
 * nothing behind.
 */
final class WalCheckpointer implements AutoCloseable {
  /** Roughly 500 to 1,000 WAL pages for handoffs of about a kilobyte: SQLite's own default. */
  static final int COMMITS_PER_CHECKPOINT = 100;

  /** Opens a connection to the same file. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final String name;
  private int commits;
  private boolean requested;
  private boolean closed;
  private @Nullable Thread thread;
  private @Nullable Connection connection;

  WalCheckpointer(Opener opener, String name) {
    this.opener = opener;
    this.name = name;
  }

  /** Counts a commit; every {@value #COMMITS_PER_CHECKPOINT}th asks for a checkpoint. */
  synchronized void committed() {
    if (closed || ++commits < COMMITS_PER_CHECKPOINT) {
      return;
    }
    commits = 0;
    requested = true;
    if (thread == null) {
      Thread t = new Thread(this::loop, "passoff-checkpoint " + name);
      t.setDaemon(true);
      thread = t;
      t.start();
    } else {
      notifyAll();
    }
  }

  private void loop() {
    while (awaitRequest()) {
      try {
        checkpoint();
      } catch (SQLException e) {
        // A failed checkpoint loses nothing: the pages stay in the WAL and the next one, or the
        // last connection's close, copies them back. A broken connection is opened again.
        closeConnection();
      }
    }
    closeConnection();
  }

  private synchronized boolean awaitRequest() {
    while (!requested && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    requested = false;
    return !closed;
  }

  private void checkpoint() throws SQLException {
    Connection c = connection;
    if (c == null) {
      c = opener.open();
      connection = c;
    }
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
    }
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // Closing a connection that failed already has nothing more to report.
      }
    }
  }

  /** Stops the thread, letting a checkpoint in progress finish. Never throws. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      notifyAll();
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
