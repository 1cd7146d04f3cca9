package dev.passoff.store.sqlite;

import static dev.passoff.store.sqlite.HandoffRow.COLUMNS;
import static dev.passoff.store.sqlite.HandoffRow.LOAD_COLUMNS;
import static dev.passoff.store.sqlite.HandoffRow.SUMMARY_COLUMNS;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.HealthCheck;
import dev.passoff.core.model.ImportReport;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.NewHandoff;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHit;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.StoreReport;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.core.port.out.IdSource;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A {@link HandoffStore} in a SQLite file that the existing passoff tool can share: same tables,
 * full-text index and triggers, plus Passoff's indexes, load history and schema version.
 *
 * <p>One connection per instance, opened on first use and guarded by a lock, so an instance may be
 * shared by threads; several instances and processes may share one file. Every failure of the
 * database surfaces as a {@link StoreUnavailableException} naming the file.
 */
public final class SqliteHandoffStore implements HandoffStore {
  static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 5000;

  /** The first draw plus the 3 retries the contract allows on an id collision. */
  private static final int ID_ATTEMPTS = 4;

  private static final String MEMORY = ":memory:";
  private static final String ORDER_NEWEST = " ORDER BY created_at DESC, rowid DESC";

  static final String SELECT_BY_ID = "SELECT " + COLUMNS + ", rowid FROM handoffs WHERE id = ?";
  static final String ID_EXISTS = "SELECT 1 FROM handoffs WHERE id = ?";
  static final String INSERT_NEW =
      "INSERT INTO handoffs (id, project, title, content, tags, from_client, from_client_ver,"
          + " from_model, parent_id, created_at, status)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')";
  static final String INSERT_FULL =
      "INSERT INTO handoffs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String STAMP =
      "UPDATE handoffs SET to_client = ?, to_client_ver = ?, to_model = ?, loaded_at = ?,"
          + " status = CASE WHEN status = 'archived' THEN status ELSE 'loaded' END";
  static final String STAMP_BY_ID = STAMP + " WHERE id = ? RETURNING " + COLUMNS + ", rowid";
  static final String STAMP_BY_ROWID = STAMP + " WHERE rowid = ? RETURNING " + COLUMNS + ", rowid";
  static final String INSERT_LOAD =
      "INSERT INTO handoff_loads (" + LOAD_COLUMNS + ") VALUES (?, ?, ?, ?, ?)";

  /** Load-latest: the newest open and the newest loaded row, each found by a backward scan. */
  static final String LATEST_ALL_PROJECTS = latest("");

  static final String LATEST_IN_PROJECT = latest("project = ?1 AND ");

  static final String LIST_ALL =
      "SELECT " + SUMMARY_COLUMNS + " FROM handoffs" + ORDER_NEWEST + " LIMIT ?";
  static final String LIST_STATUS =
      "SELECT " + SUMMARY_COLUMNS + " FROM handoffs WHERE status = ?" + ORDER_NEWEST + " LIMIT ?";
  static final String LIST_PROJECT =
      "SELECT " + SUMMARY_COLUMNS + " FROM handoffs WHERE project = ?" + ORDER_NEWEST + " LIMIT ?";
  static final String LIST_PROJECT_STATUS =
      "SELECT "
          + SUMMARY_COLUMNS
          + " FROM handoffs WHERE project = ? AND status = ?"
          + ORDER_NEWEST
          + " LIMIT ?";

  /** All ancestors of an anchor and the anchor; {@code UNION} drops repeats and so ends cycles. */
  static final String ANCESTORS =
      "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT h.parent_id FROM handoffs h"
          + " JOIN up ON h.id = up.id WHERE h.parent_id IS NOT NULL) SELECT "
          + COLUMNS
          + ", rowid FROM handoffs WHERE id IN (SELECT id FROM up)";

  /** All descendants of an anchor and the anchor, each once. */
  static final String DESCENDANTS =
      "WITH RECURSIVE down(id) AS (SELECT ?1 UNION SELECT h.id FROM handoffs h"
          + " JOIN down ON h.parent_id = down.id) SELECT "
          + COLUMNS
          + ", rowid FROM handoffs WHERE id IN (SELECT id FROM down)";

  static final String SET_STATUS =
      "UPDATE handoffs SET status = ? WHERE id = ? RETURNING " + SUMMARY_COLUMNS;
  static final String COUNT_OPEN =
      "SELECT count(*) FROM handoffs WHERE project = ? AND status = 'open'";
  static final String ARCHIVE_OPEN =
      "UPDATE handoffs SET status = 'archived' WHERE project = ? AND status = 'open'";
  static final String PARENT_OF = "SELECT parent_id FROM handoffs WHERE id = ?";
  static final String COUNT_CHILDREN =
      "SELECT count(*) FROM handoffs WHERE parent_id = ?1 AND id <> ?1";
  static final String REPARENT =
      "UPDATE handoffs SET parent_id = ?1 WHERE parent_id = ?2 AND id <> ?2";
  static final String DELETE = "DELETE FROM handoffs WHERE id = ?";
  static final String LOADS_OF =
      "SELECT "
          + LOAD_COLUMNS
          + " FROM handoff_loads WHERE handoff_id = ? ORDER BY loaded_at, rowid";
  static final String EXPORT_ROWS =
      "SELECT " + COLUMNS + ", rowid FROM handoffs ORDER BY created_at, rowid";
  static final String EXPORT_LOADS =
      "SELECT " + LOAD_COLUMNS + " FROM handoff_loads ORDER BY loaded_at, rowid";
  static final String COUNT_ALL = "SELECT count(*) FROM handoffs";
  static final String TABLE_EXISTS =
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
  static final String COUNT_BY_STATUS =
      "SELECT status, count(*) FROM handoffs GROUP BY status ORDER BY status";

  private static String latest(String scope) {
    String arm =
        "SELECT * FROM (SELECT "
            + COLUMNS
            + ", rowid FROM handoffs WHERE "
            + scope
            + "status = '%s'"
            + ORDER_NEWEST
            + " LIMIT 1)";
    return arm.formatted("open") + " UNION ALL " + arm.formatted("loaded");
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(SqliteSession s) throws SQLException;
  }

  private final Path file;
  private final boolean memory;
  private final String location;
  private final Consumer<String> notices;
  private final int busyTimeoutMillis;

  /** A cap on the file's size in pages, or 0 for SQLite's own limit; lets tests fill the disk. */
  private final long maxPageCount;

  private final SqliteFailures failures;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong statements = new AtomicLong();

  private @Nullable SqliteSession session;

  /** The schema version of a file newer than this build (then the session is read-only), or 0. */
  private int newerVersion;

  private boolean noticeGiven;
  private boolean closed;

  /** Checkpoints the WAL off the callers' threads; not used for in-memory databases. */
  private final WalCheckpointer checkpointer;

  private SqliteHandoffStore(
      Path file, Consumer<String> notices, int busyTimeoutMillis, long maxPageCount) {
    this.memory = file.toString().equals(MEMORY);
    this.file = memory ? file : file.toAbsolutePath().normalize();
    this.location = this.file.toString();
    this.notices = notices;
    this.busyTimeoutMillis = busyTimeoutMillis;
    this.maxPageCount = maxPageCount;
    this.failures = new SqliteFailures(location, busyTimeoutMillis);
    this.checkpointer = new WalCheckpointer(() -> connect(false, false), location);
  }

  /**
   * A store over the database at {@code dbFile}, which is opened (and created or migrated when
   * needed) on first use; this call does not touch the file system.
   *
   * @param dbFile the database file; {@code :memory:} for a private in-memory database
   * @param notices receives one-line notices for the user, such as permissions tightened
   */
  public static SqliteHandoffStore open(Path dbFile, Consumer<String> notices) {
    return open(dbFile, notices, DEFAULT_BUSY_TIMEOUT_MILLIS);
  }

  /** As {@link #open(Path, Consumer)}, with another lock wait limit (tests). */
  static SqliteHandoffStore open(Path dbFile, Consumer<String> notices, int busyTimeoutMillis) {
    return open(dbFile, notices, busyTimeoutMillis, 0);
  }

  /**
   * As {@link #open(Path, Consumer, int)}, with the file capped at {@code maxPageCount} pages
   * ({@code PRAGMA max_page_count}, set on every connection it opens), so that tests can make a
   * write run out of space; 0 keeps SQLite's own limit.
   */
  static SqliteHandoffStore open(
      Path dbFile, Consumer<String> notices, int busyTimeoutMillis, long maxPageCount) {
    Objects.requireNonNull(dbFile, "dbFile");
    Objects.requireNonNull(notices, "notices");
    if (busyTimeoutMillis < 0) {
      throw new IllegalArgumentException("busy timeout must not be negative");
    }
    if (maxPageCount < 0) {
      throw new IllegalArgumentException("max page count must not be negative");
    }
    return new SqliteHandoffStore(dbFile, notices, busyTimeoutMillis, maxPageCount);
  }

  /**
   * The database path: {@code PASSOFF_DB_PATH} when set and not empty, used as given; otherwise
   * {@code <home>/.passoff/db.sqlite}.
   */
  public static Path defaultPath(Map<String, String> env, Path home) {
    String configured = env.get("PASSOFF_DB_PATH");
    if (configured != null && !configured.isEmpty()) {
      return Path.of(configured);
    }
    return home.resolve(FileModes.OWN_FOLDER_NAME).resolve("db.sqlite");
  }

  /** How many SQL statements this store has executed, for tests that count round trips. */
  long statementsExecuted() {
    return statements.get();
  }

  /** {@code PRAGMA busy_timeout} as the store's own connection reports it, for tests. */
  long busyTimeoutInEffect() {
    return read(s -> Long.parseLong(String.valueOf(s.executeOnce("PRAGMA busy_timeout"))));
  }

  // --- HandoffStore ---

  @Override
  public Handoff create(NewHandoff handoff, IdSource ids) {
    Objects.requireNonNull(handoff, "handoff");
    Objects.requireNonNull(ids, "ids");
    return write(
        s -> {
          HandoffId parent = handoff.parentId();
          if (parent != null && !s.exists(ID_EXISTS, parent.value())) {
            throw new NotFoundException("parent_id not found: " + parent.value());
          }
          for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            HandoffId id = ids.nextHandoffId();
            try {
              s.update(
                  INSERT_NEW,
                  id.value(),
                  handoff.project(),
                  handoff.title(),
                  handoff.content(),
                  HandoffRow.tagsColumn(handoff.tags()),
                  handoff.from().name(),
                  handoff.from().version(),
                  handoff.fromModel(),
                  parent == null ? null : parent.value(),
                  handoff.createdAt().toEpochMilli());
              return handoff.toHandoff(id);
            } catch (SQLException e) {
              // A failed INSERT undoes only itself, so the transaction goes on with a new id.
              if (!SqliteFailures.isPrimaryKeyViolation(e)) {
                throw e;
              }
            }
          }
          throw new ConflictException(
              "Could not draw an unused handoff id in " + ID_ATTEMPTS + " attempts; retry.");
        });
  }

  @Override
  public Optional<Handoff> find(HandoffId id) {
    Objects.requireNonNull(id, "id");
    return read(s -> s.queryOne(SELECT_BY_ID, HandoffRow::handoff, id.value()));
  }

  @Override
  public Optional<Handoff> loadById(HandoffId id, LoadStamp stamp) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(stamp, "stamp");
    return write(
        s -> {
          Optional<Handoff> loaded =
              s.queryOne(STAMP_BY_ID, HandoffRow::handoff, stampValues(stamp, id.value()));
          if (loaded.isPresent()) {
            recordLoad(s, id, stamp);
          }
          return loaded;
        });
  }

  @Override
  public Optional<Handoff> loadLatest(ProjectScope scope, LoadStamp stamp) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(stamp, "stamp");
    return write(
        s -> {
          List<HandoffRow> candidates =
              scope instanceof ProjectScope.One one
                  ? s.query(LATEST_IN_PROJECT, HandoffRow::read, one.project())
                  : s.query(LATEST_ALL_PROJECTS, HandoffRow::read);
          HandoffRow newest = null;
          for (HandoffRow c : candidates) {
            if (newest == null || newer(c, newest)) {
              newest = c;
            }
          }
          if (newest == null) {
            return Optional.<Handoff>empty();
          }
          Handoff loaded =
              s.queryOne(STAMP_BY_ROWID, HandoffRow::handoff, stampValues(stamp, newest.rowid()))
                  .orElseThrow();
          recordLoad(s, loaded.id(), stamp);
          return Optional.of(loaded);
        });
  }

  private static boolean newer(HandoffRow a, HandoffRow b) {
    int byTime = a.handoff().createdAt().compareTo(b.handoff().createdAt());
    return byTime > 0 || (byTime == 0 && a.rowid() > b.rowid());
  }

  private static @Nullable Object[] stampValues(LoadStamp stamp, Object key) {
    return new @Nullable Object[] {
      stamp.client().name(), stamp.client().version(), stamp.model(), stamp.at().toEpochMilli(), key
    };
  }

  private static void recordLoad(SqliteSession s, HandoffId id, LoadStamp stamp)
      throws SQLException {
    s.update(
        INSERT_LOAD,
        id.value(),
        stamp.client().name(),
        stamp.client().version(),
        stamp.model(),
        stamp.at().toEpochMilli());
  }

  @Override
  public List<HandoffSummary> list(ProjectScope scope, StatusFilter status, int limit) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(status, "status");
    requirePositive(limit);
    HandoffStatus wanted = status.status();
    return read(
        s -> {
          if (scope instanceof ProjectScope.One one) {
            return wanted == null
                ? s.query(LIST_PROJECT, HandoffRow::summary, one.project(), limit)
                : s.query(
                    LIST_PROJECT_STATUS, HandoffRow::summary, one.project(), wanted.value(), limit);
          }
          return wanted == null
              ? s.query(LIST_ALL, HandoffRow::summary, limit)
              : s.query(LIST_STATUS, HandoffRow::summary, wanted.value(), limit);
        });
  }

  @Override
  public List<SearchHit> search(List<String> terms, ProjectScope scope, int limit) {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(scope, "scope");
    requirePositive(limit);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("search needs at least one term");
    }
    return read(s -> FullTextSearch.search(s, terms, scope, limit));
  }

  @Override
  public Optional<List<Handoff>> thread(HandoffId anchor, ThreadDirection direction) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(direction, "direction");
    return read(
        s -> {
          List<HandoffRow> up = List.of();
          HandoffRow start = null;
          if (direction.up()) {
            up = s.query(ANCESTORS, HandoffRow::read, anchor.value());
            start = rowOf(anchor, up);
            if (start == null) {
              return Optional.<List<Handoff>>empty();
            }
          }
          List<HandoffRow> down = List.of();
          if (direction.down()) {
            down = s.query(DESCENDANTS, HandoffRow::read, anchor.value());
            if (start == null) {
              start = rowOf(anchor, down);
            }
          }
          if (start == null) {
            return Optional.<List<Handoff>>empty();
          }
          Set<HandoffId> seen = new HashSet<>();
          seen.add(anchor);
          List<Handoff> chain = new ArrayList<>(Lineage.ancestors(start, up, seen));
          chain.add(start.handoff());
          chain.addAll(Lineage.descendants(anchor, down, seen));
          return Optional.of(chain);
        });
  }

  private static @Nullable HandoffRow rowOf(HandoffId id, List<HandoffRow> rows) {
    for (HandoffRow r : rows) {
      if (r.handoff().id().equals(id)) {
        return r;
      }
    }
    return null;
  }

  @Override
  public Optional<HandoffSummary> setStatus(HandoffId id, HandoffStatus status) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    return write(s -> s.queryOne(SET_STATUS, HandoffRow::summary, status.value(), id.value()));
  }

  @Override
  public long countOpen(String project) {
    Objects.requireNonNull(project, "project");
    return read(s -> s.queryLong(COUNT_OPEN, project));
  }

  @Override
  public int archiveOpen(String project) {
    Objects.requireNonNull(project, "project");
    return write(s -> s.update(ARCHIVE_OPEN, project));
  }

  @Override
  public void delete(HandoffId id, boolean reparent) {
    Objects.requireNonNull(id, "id");
    write(
        s -> {
          record Parent(@Nullable String id) {}
          Parent parent =
              s.queryOne(PARENT_OF, rs -> new Parent(rs.getString(1)), id.value())
                  .orElseThrow(() -> NotFoundException.handoff(id.value()));
          long children = s.queryLong(COUNT_CHILDREN, id.value());
          if (children > 0) {
            if (!reparent) {
              throw new ConflictException(
                  "Handoff "
                      + id.value()
                      + " has "
                      + children
                      + " child handoff(s); use --reparent to attach them to its parent");
            }
            // A handoff that is its own parent (edited by hand) leaves its children as roots.
            String grandparent = id.value().equals(parent.id()) ? null : parent.id();
            s.update(REPARENT, grandparent, id.value());
          }
          // The load history goes with it: handoff_loads cascades on delete.
          s.update(DELETE, id.value());
          return null;
        });
  }

  @Override
  public List<LoadRecord> loads(HandoffId id) {
    Objects.requireNonNull(id, "id");
    return read(s -> s.query(LOADS_OF, HandoffRow::load, id.value()));
  }

  @Override
  public void exportAll(Consumer<ExportedHandoff> sink) {
    Objects.requireNonNull(sink, "sink");
    List<ExportedHandoff> all =
        read(
            s -> {
              // One read transaction, so rows and histories come from the same snapshot.
              s.execute("BEGIN");
              boolean ended = false;
              try {
                List<HandoffRow> rows = s.query(EXPORT_ROWS, HandoffRow::read);
                List<LoadRecord> loads = s.query(EXPORT_LOADS, HandoffRow::load);
                s.execute("COMMIT");
                ended = true;
                return parentsFirst(rows, loads);
              } finally {
                if (!ended) {
                  s.rollbackQuietly();
                }
              }
            });
    // The sink runs outside the lock: it may write files for a while.
    all.forEach(sink);
  }

  /**
   * Oldest first, except that a child whose parent comes later in time waits for its parent.
   * Handoffs caught in a parent cycle follow at the end, oldest first.
   */
  private static List<ExportedHandoff> parentsFirst(List<HandoffRow> rows, List<LoadRecord> loads) {
    Map<HandoffId, List<LoadRecord>> history = new HashMap<>();
    for (LoadRecord l : loads) {
      history.computeIfAbsent(l.handoffId(), k -> new ArrayList<>()).add(l);
    }
    Set<HandoffId> present = new HashSet<>();
    rows.forEach(r -> present.add(r.handoff().id()));
    Set<HandoffId> emitted = new HashSet<>();
    Map<HandoffId, List<Handoff>> waiting = new LinkedHashMap<>();
    List<ExportedHandoff> out = new ArrayList<>(rows.size());
    for (HandoffRow row : rows) {
      Handoff h = row.handoff();
      HandoffId parent = h.parentId();
      if (parent != null && present.contains(parent) && !emitted.contains(parent)) {
        waiting.computeIfAbsent(parent, k -> new ArrayList<>()).add(h);
        continue;
      }
      Deque<Handoff> ready = new ArrayDeque<>();
      ready.add(h);
      while (!ready.isEmpty()) {
        Handoff next = ready.poll();
        if (emitted.add(next.id())) {
          out.add(new ExportedHandoff(next, history.getOrDefault(next.id(), List.of())));
          List<Handoff> children = waiting.remove(next.id());
          if (children != null) {
            ready.addAll(children);
          }
        }
      }
    }
    for (HandoffRow row : rows) {
      Handoff h = row.handoff();
      if (emitted.add(h.id())) {
        out.add(new ExportedHandoff(h, history.getOrDefault(h.id(), List.of())));
      }
    }
    return out;
  }

  @Override
  public ImportReport importAll(List<ExportedHandoff> handoffs) {
    Objects.requireNonNull(handoffs, "handoffs");
    return write(
        s -> {
          List<Violation> problems = new ArrayList<>();
          Set<HandoffId> earlier = new HashSet<>();
          for (ExportedHandoff e : handoffs) {
            HandoffId parent = e.handoff().parentId();
            if (parent != null
                && !earlier.contains(parent)
                && !s.exists(ID_EXISTS, parent.value())) {
              problems.add(
                  new Violation(
                      e.handoff().id().value(),
                      "parent_id " + parent.value() + " is neither stored nor imported before it"));
            }
            earlier.add(e.handoff().id());
          }
          if (!problems.isEmpty()) {
            throw new ValidationException(problems);
          }
          int imported = 0;
          int skipped = 0;
          for (ExportedHandoff e : handoffs) {
            Handoff h = e.handoff();
            if (s.exists(ID_EXISTS, h.id().value())) {
              skipped++;
              continue;
            }
            insertFull(s, h);
            for (LoadRecord l : e.loads()) {
              s.update(
                  INSERT_LOAD,
                  h.id().value(),
                  l.client(),
                  l.clientVersion(),
                  l.model(),
                  l.loadedAt().toEpochMilli());
            }
            imported++;
          }
          return new ImportReport(imported, skipped);
        });
  }

  private static void insertFull(SqliteSession s, Handoff h) throws SQLException {
    Instant loadedAt = h.loadedAt();
    HandoffId parent = h.parentId();
    s.update(
        INSERT_FULL,
        h.id().value(),
        h.project(),
        h.title(),
        h.content(),
        // An export does not say whether empty tags were given as [] or omitted: omitted is usual.
        h.tags().isEmpty() ? null : HandoffRow.tagsColumn(h.tags()),
        h.fromClient(),
        h.fromClientVersion(),
        h.fromModel(),
        h.toClient(),
        h.toClientVersion(),
        h.toModel(),
        parent == null ? null : parent.value(),
        h.createdAt().toEpochMilli(),
        loadedAt == null ? null : loadedAt.toEpochMilli(),
        h.status().value());
  }

  @Override
  public StoreReport inspect() {
    lock.lock();
    try {
      ensureOpenForUse();
      SqliteSession current = session;
      if (current != null || memory) {
        // An in-memory database exists only through its session, so open it.
        return report(current != null ? current : session());
      }
      // Not opened yet: look without creating, migrating or re-moding anything.
      if (!Files.exists(file)) {
        return new StoreReport(
            location,
            false,
            Map.of(),
            List.of(
                HealthCheck.warn(
                    "database", "does not exist yet; it will be created on the first write")));
      }
      checkUsablePath();
      try (SqliteSession probe = new SqliteSession(connect(false, false), statements)) {
        return report(probe);
      }
    } catch (SQLException e) {
      throw failures.translate(e);
    } finally {
      lock.unlock();
    }
  }

  private StoreReport report(SqliteSession s) throws SQLException {
    // An empty file (or one another program made) has no tables until Passoff first uses it.
    boolean tables = s.exists(TABLE_EXISTS, "handoffs");
    Map<String, Long> counts = new LinkedHashMap<>();
    if (tables) {
      for (Map.Entry<String, Long> e :
          s.query(
              COUNT_BY_STATUS,
              rs -> Map.entry(Objects.requireNonNullElse(rs.getString(1), ""), rs.getLong(2)))) {
        counts.put(e.getKey(), e.getValue());
      }
    }
    List<HealthCheck> checks = new ArrayList<>();
    int version = s.userVersion();
    checks.add(versionCheck(version));
    checks.add(integrityCheck(s));
    checks.add(indexCheck(s, version, tables));
    checks.add(modesCheck());
    return new StoreReport(location, true, counts, checks);
  }

  private static HealthCheck versionCheck(int version) {
    String name = "schema version";
    int current = SqliteSchema.CURRENT_VERSION;
    if (version == current) {
      return HealthCheck.ok(name, "version " + version + " (current)");
    }
    if (version < current) {
      return HealthCheck.warn(
          name,
          "version "
              + version
              + "; migration to version "
              + current
              + " pending, it runs when Passoff next opens the database for use");
    }
    return HealthCheck.warn(
        name,
        "version "
            + version
            + " is newer than this Passoff (version "
            + current
            + "); the database is read-only here. Install a newer Passoff to write to it");
  }

  private static HealthCheck integrityCheck(SqliteSession s) throws SQLException {
    String name = "database integrity";
    List<String> problems;
    try {
      problems = s.executeOnceLines("PRAGMA quick_check");
    } catch (SQLException e) {
      if (SqliteFailures.isCorrupt(e)) {
        return HealthCheck.fail(name, "quick_check failed: " + e.getMessage());
      }
      throw e;
    }
    if (problems.equals(List.of("ok"))) {
      return HealthCheck.ok(name, "quick_check ok");
    }
    return HealthCheck.fail(
        name,
        "quick_check found problems: "
            + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
            + ". Restore a backup of the database file");
  }

  private static HealthCheck indexCheck(SqliteSession s, int version, boolean tables)
      throws SQLException {
    String name = "search index";
    if (version > SqliteSchema.CURRENT_VERSION) {
      return HealthCheck.warn(name, "not checked: the database is open read-only");
    }
    if (!tables) {
      return HealthCheck.warn(name, "not created yet; Passoff creates it on first use");
    }
    if (!s.exists(TABLE_EXISTS, "handoffs_fts")) {
      return HealthCheck.fail(name, "missing; run `passoff rebuild-index`");
    }
    try {
      s.executeOnce(SqliteSchema.FTS_INTEGRITY_CHECK);
      return HealthCheck.ok(name, "matches the handoffs table");
    } catch (SQLException e) {
      if (SqliteFailures.isBusy(e)) {
        throw e;
      }
      return HealthCheck.fail(
          name,
          "does not match the handoffs table (rows copied with new rowids?); run `passoff"
              + " rebuild-index`");
    }
  }

  private HealthCheck modesCheck() {
    String name = "file modes";
    if (memory || !FileModes.supported()) {
      return HealthCheck.ok(name, "not applicable on this file system");
    }
    List<String> wide = FileModes.wider(FileModes.databaseFiles(file), ownFolders());
    if (wide.isEmpty()) {
      return HealthCheck.ok(name, "owner-only (0700 folder, 0600 files)");
    }
    return HealthCheck.warn(
        name,
        String.join("; ", wide)
            + ". Passoff tightens them to 0600/0700 when it next opens the"
            + " database");
  }

  @Override
  public long rebuildIndex() {
    return write(
        s -> {
          SqliteSchema.repairIndex(s);
          return s.queryLong(COUNT_ALL);
        });
  }

  @Override
  public void close() {
    checkpointer.close();
    lock.lock();
    try {
      closed = true;
      SqliteSession current = session;
      session = null;
      if (current != null) {
        current.close();
      }
    } catch (RuntimeException e) {
      // Never throws: there is nothing a caller could do about a failed close.
    } finally {
      lock.unlock();
    }
  }

  // --- transactions ---

  private <T> T read(Work<T> work) {
    lock.lock();
    try {
      return work.run(session());
    } catch (SQLException e) {
      dropSessionAfter(e);
      throw failures.translate(e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction; any failure rolls it back. */
  private <T> T write(Work<T> work) {
    lock.lock();
    try {
      SqliteSession s = session();
      if (newerVersion != 0) {
        throw failures.newerSchema(newerVersion);
      }
      s.execute("BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        T result = work.run(s);
        s.execute("COMMIT");
        committed = true;
        if (!memory) {
          checkpointer.committed();
        }
        return result;
      } finally {
        if (!committed) {
          s.rollbackQuietly();
        }
      }
    } catch (SQLException e) {
      dropSessionAfter(e);
      throw failures.translate(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the session after a failure that may have left it unusable, so that the next call opens
   * a fresh connection. The driver finalizes a statement that fails with anything but BUSY, LOCKED,
   * MISUSE or CONSTRAINT (a COMMIT that hits a full disk, say), and the cached statement would then
   * fail every later call, even after the user freed space and retried. Lock waits keep the
   * session: they are the common case and leave it intact. Call with the lock held.
   */
  private void dropSessionAfter(SQLException e) {
    if (SqliteFailures.isBusy(e)) {
      return;
    }
    SqliteSession current = session;
    session = null;
    if (current != null) {
      current.close();
    }
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  // --- opening ---

  private void ensureOpenForUse() {
    if (closed) {
      throw new IllegalStateException("the store for " + location + " is closed");
    }
  }

  /** The open session, opening the database first if needed. Call with the lock held. */
  private SqliteSession session() throws SQLException {
    ensureOpenForUse();
    SqliteSession current = session;
    if (current != null) {
      return current;
    }
    current = openSession();
    session = current;
    return current;
  }

  /**
   * Opens the session, waiting out the lock races of a first open. When several connections switch
   * a new file to WAL and create its tables at the same moment, SQLite answers some of them BUSY at
   * once rather than calling the busy handler (waiting could deadlock). Setting up is idempotent,
   * so it is tried again, with short pauses, until the lock wait limit has passed.
   */
  private SqliteSession openSession() throws SQLException {
    long deadline = System.nanoTime() + busyTimeoutMillis * 1_000_000L;
    for (int attempt = 0; ; attempt++) {
      try {
        return openSessionOnce();
      } catch (SQLException e) {
        if (!SqliteFailures.isBusy(e) || System.nanoTime() >= deadline) {
          throw e;
        }
        try {
          Thread.sleep(Math.min(50, 1L << Math.min(attempt, 6)));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private SqliteSession openSessionOnce() throws SQLException {
    if (!memory) {
      prepareFiles();
    }
    SqliteSession s = new SqliteSession(connect(false, true), statements);
    boolean ready = false;
    try {
      // Reading the header first proves the file is a SQLite database before anything changes.
      int version = s.userVersion();
      List<String> tightened = memory ? List.of() : tightenModes();
      if (version > SqliteSchema.CURRENT_VERSION) {
        s.close();
        s = new SqliteSession(connect(true, false), statements);
        s.executeOnce("PRAGMA foreign_keys = ON");
        s.executeOnce("PRAGMA busy_timeout = " + busyTimeoutMillis);
        newerVersion = version;
      } else {
        s.executeOnce("PRAGMA journal_mode = WAL");
        s.executeOnce("PRAGMA foreign_keys = ON");
        s.executeOnce("PRAGMA busy_timeout = " + busyTimeoutMillis);
        s.executeOnce("PRAGMA synchronous = NORMAL");
        // Checkpoints run on the checkpointer's thread, not inside a caller's commit.
        s.executeOnce("PRAGMA wal_autocheckpoint = 0");
        if (maxPageCount > 0) {
          s.executeOnce("PRAGMA max_page_count = " + maxPageCount);
        }
        newerVersion = 0;
        if (version < SqliteSchema.CURRENT_VERSION) {
          SqliteSchema.migrate(s);
        }
      }
      if (!memory) {
        // WAL mode has just created the -wal and -shm files; SQLite copies the database's mode.
        tightened = concat(tightened, tightenModes());
      }
      notice(tightened);
      ready = true;
      return s;
    } finally {
      if (!ready) {
        s.close();
      }
    }
  }

  /** Creates missing folders (0700) and the file (0600) and refuses paths SQLite must not get. */
  private void prepareFiles() {
    checkUsablePath();
    Path parent = file.getParent();
    try {
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent, FileModes.folderAttributes());
      }
    } catch (IOException e) {
      throw failures.translate(e, "create the folder " + parent);
    }
    if (!Files.exists(file)) {
      try {
        // Created here rather than by SQLite so that it is owner-only from the first byte.
        Files.createFile(file, FileModes.fileAttributes());
      } catch (FileAlreadyExistsException e) {
        // Another process created it first; use theirs.
      } catch (IOException e) {
        throw failures.translate(e, "create the file");
      }
    }
    if (!Files.isReadable(file)) {
      throw failures.unreadable();
    }
  }

  private void checkUsablePath() {
    if (!memory && Files.isDirectory(file)) {
      throw failures.folder();
    }
  }

  private List<Path> ownFolders() {
    Path parent = file.getParent();
    return parent != null && FileModes.ownsFolder(parent) ? List.of(parent) : List.of();
  }

  private List<String> tightenModes() {
    return FileModes.tighten(FileModes.databaseFiles(file), ownFolders());
  }

  private void notice(List<String> tightened) {
    if (tightened.isEmpty() || noticeGiven) {
      return;
    }
    noticeGiven = true;
    notices.accept("passoff: tightened permissions to owner-only: " + String.join(", ", tightened));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Opens a JDBC connection.
   *
   * @param readOnly open with {@code SQLITE_OPEN_READONLY}
   * @param create let SQLite create a missing file (never for inspection)
   */
  private Connection connect(boolean readOnly, boolean create) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(busyTimeoutMillis);
    if (readOnly) {
      config.setReadOnly(true);
    }
    if (!create) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    return config.createConnection("jdbc:sqlite:" + (memory ? MEMORY : location));
  }
}
