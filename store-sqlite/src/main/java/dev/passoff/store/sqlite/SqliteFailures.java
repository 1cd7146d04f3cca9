package dev.passoff.store.sqlite;

import dev.passoff.core.error.StoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteException;

/**
 * Turns SQLite and file-system failures into {@link StoreUnavailableException}s whose messages name
 * the database file and say what the user can do.
 */
final class SqliteFailures {
  // Primary SQLite result codes (the low byte of an extended code).
  private static final int PERM = 3;
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int NOMEM = 7;
  private static final int READONLY = 8;
  private static final int IOERR = 10;
  private static final int CORRUPT = 11;
  private static final int FULL = 13;
  private static final int CANTOPEN = 14;
  private static final int NOTADB = 26;

  private final String path;
  private final int busyTimeoutMillis;

  SqliteFailures(String path, int busyTimeoutMillis) {
    this.path = path;
    this.busyTimeoutMillis = busyTimeoutMillis;
  }

  /** The primary result code of a SQLite failure, or -1 when the driver gave none. */
  static int primaryCode(SQLException e) {
    if (e instanceof SQLiteException se) {
      return se.getResultCode().code & 0xFF;
    }
    return e.getErrorCode() > 0 ? e.getErrorCode() & 0xFF : -1;
  }

  /** Whether another connection holds the lock (after the busy timeout). */
  static boolean isBusy(SQLException e) {
    int code = primaryCode(e);
    return code == BUSY || code == LOCKED;
  }

  /** Whether SQLite found the file or an index damaged. */
  static boolean isCorrupt(SQLException e) {
    return primaryCode(e) == CORRUPT;
  }

  /** Whether a failed insert broke the primary key, i.e. the id is taken. */
  static boolean isPrimaryKeyViolation(SQLException e) {
    if (e instanceof SQLiteException se) {
      return se.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
          || (se.getResultCode().code & 0xFF) == 19
              && String.valueOf(se.getMessage()).contains("handoffs.id");
    }
    return false;
  }

  StoreUnavailableException translate(SQLException e) {
    String detail = detail(e);
    String message =
        switch (primaryCode(e)) {
          case BUSY, LOCKED ->
              "The Passoff database is busy ("
                  + path
                  + "): another process has held its lock for more than "
                  + seconds()
                  + ". Nothing was written; retry in a moment.";
          case NOTADB ->
              "Cannot use "
                  + path
                  + " as the Passoff database: it is not a SQLite database file. The file was"
                  + " left untouched; move it away or set PASSOFF_DB_PATH to another file.";
          case CANTOPEN, PERM ->
              "Cannot open the Passoff database "
                  + path
                  + ": check that it is a readable, writable file and that its folder exists ("
                  + detail
                  + ").";
          case FULL ->
              "The disk holding the Passoff database "
                  + path
                  + " is full. Nothing was written; free some space and retry.";
          case READONLY ->
              "Cannot write to the Passoff database "
                  + path
                  + ": the file or its folder is read-only ("
                  + detail
                  + ").";
          case CORRUPT ->
              "The Passoff database "
                  + path
                  + " is damaged ("
                  + detail
                  + "). Run `passoff doctor`; restore a backup if it reports a failure.";
          case IOERR ->
              "Input/output error on the Passoff database "
                  + path
                  + " ("
                  + detail
                  + "). Nothing was written; check the disk and retry.";
          case NOMEM -> "Out of memory while using the Passoff database " + path + "; retry.";
          default -> "Passoff database error on " + path + ": " + detail;
        };
    return new StoreUnavailableException(message, e);
  }

  StoreUnavailableException translate(IOException e, String action) {
    return new StoreUnavailableException(
        "Cannot " + action + " for the Passoff database " + path + ": " + e, e);
  }

  StoreUnavailableException newerSchema(int found) {
    return new StoreUnavailableException(
        "The Passoff database "
            + path
            + " has schema version "
            + found
            + ", newer than this Passoff supports (version "
            + SqliteSchema.CURRENT_VERSION
            + "). It is open read-only: reads work, writes are refused. Install a newer Passoff"
            + " to change it.");
  }

  StoreUnavailableException folder() {
    return new StoreUnavailableException(
        "Cannot use "
            + path
            + " as the Passoff database: it is a folder. Set PASSOFF_DB_PATH to a file path.");
  }

  StoreUnavailableException unreadable() {
    return new StoreUnavailableException(
        "Cannot read the Passoff database " + path + ": check its permissions and owner.");
  }

  private String seconds() {
    if (busyTimeoutMillis % 1000 == 0) {
      return busyTimeoutMillis / 1000 + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", busyTimeoutMillis / 1000.0);
  }

  /** SQLite's own phrase, e.g. "database is locked", without the driver's code prefix. */
  private static String detail(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int open = message.lastIndexOf('(');
    if (open >= 0 && message.endsWith(")")) {
      return message.substring(open + 1, message.length() - 1);
    }
    return message;
  }
}
