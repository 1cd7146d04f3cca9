package dev.passoff.store.jsonl.log;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link HandoffStore} on an append-only JSON Lines log: one event per line, replayed into
 * in-memory indexes. Several processes may share one file; see {@code docs/jsonl-handoff-log.md}
 * for the format and the rules.
 *
 * <p>Opening is lazy: {@link #open} touches nothing, the first call reads the file, and the first
 * write creates it (and missing folders) owner-only. Every call first reads what other writers
 * appended since the previous call, so it sees their writes; a write does so holding the writers'
 * lock, checks its preconditions against that state, appends its lines in one synced write, and
 * reads them back. Reads take no file lock, so they never wait for writers in other processes, and
 * writers never wait for them.
 */
public final class JsonlHandoffStore implements HandoffStore {
  /** How long a write waits for another writer by default. */
  static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

  /** Draws for a new id: the first and up to 3 retries. */
  private static final int ID_ATTEMPTS = 4;

  private static final SecureRandom TX_IDS = new SecureRandom();

  private final LogFile log;
  private final String location;
  private final Consumer<String> notices;
  private final ReentrantLock lock = new ReentrantLock();
  private final LogReplay replay;
  private boolean closed;

  private JsonlHandoffStore(Path file, Consumer<String> notices, Duration lockWait) {
    Path absolute = file.toAbsolutePath().normalize();
    this.log = new LogFile(absolute, lockWait);
    this.location = absolute.toString();
    this.notices = notices;
    this.replay = new LogReplay(location, notices);
  }

  /**
   * A store over the log at {@code file}; this call does not touch the file system.
   *
   * @param notices receives one-line notices for the user: lines skipped as corrupt, an interrupted
   *     append removed
   */
  public static JsonlHandoffStore open(Path file, Consumer<String> notices) {
    return open(file, notices, DEFAULT_LOCK_WAIT);
  }

  /**
   * A store over the log at {@code file} that drops its notices; {@link #inspect} still reports
   * what they would have said.
   */
  public static JsonlHandoffStore open(Path file) {
    return open(file, notice -> {});
  }

  /** As {@link #open(Path, Consumer)}, with another limit on waiting for other writers. */
  static JsonlHandoffStore open(Path file, Consumer<String> notices, Duration lockWait) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(notices, "notices");
    Objects.requireNonNull(lockWait, "lockWait");
    if (lockWait.isNegative()) {
      throw new IllegalArgumentException("lock wait must not be negative");
    }
    return new JsonlHandoffStore(file, notices, lockWait);
  }

  // --- HandoffStore ---

  @Override
  public Handoff create(NewHandoff handoff, IdSource ids) {
    Objects.requireNonNull(handoff, "handoff");
    Objects.requireNonNull(ids, "ids");
    return write(
        index -> {
          HandoffId parent = handoff.parentId();
          if (parent != null && !index.contains(parent)) {
            throw new NotFoundException("parent_id not found: " + parent.value());
          }
          for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            HandoffId id = ids.nextHandoffId();
            if (!index.contains(id)) {
              return Change.of(
                  List.of(new LogEntry.Create(id, handoff)), after -> stored(after, id));
            }
          }
          throw new ConflictException(
              "Could not draw an unused handoff id in " + ID_ATTEMPTS + " attempts; retry.");
        });
  }

  @Override
  public Optional<Handoff> find(HandoffId id) {
    Objects.requireNonNull(id, "id");
    return read(index -> index.find(id));
  }

  @Override
  public Optional<Handoff> loadById(HandoffId id, LoadStamp stamp) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(stamp, "stamp");
    return writeIfNeeded(index -> load(index.find(id), stamp));
  }

  @Override
  public Optional<Handoff> loadLatest(ProjectScope scope, LoadStamp stamp) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(stamp, "stamp");
    return writeIfNeeded(index -> load(index.latestActive(scope), stamp));
  }

  private static Change<Optional<Handoff>> load(Optional<Handoff> target, LoadStamp stamp) {
    if (target.isEmpty()) {
      return Change.none(Optional.empty());
    }
    HandoffId id = target.get().id();
    return Change.of(
        List.of(new LogEntry.Load(id, stamp)), after -> Optional.of(stored(after, id)));
  }

  @Override
  public List<HandoffSummary> list(ProjectScope scope, StatusFilter status, int limit) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(status, "status");
    requirePositive(limit);
    return read(index -> index.list(scope, status, limit));
  }

  @Override
  public List<SearchHit> search(List<String> terms, ProjectScope scope, int limit) {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(scope, "scope");
    requirePositive(limit);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("search needs at least one term");
    }
    List<String> copy = List.copyOf(terms);
    return read(index -> index.search(copy, scope, limit));
  }

  @Override
  public Optional<List<Handoff>> thread(HandoffId anchor, ThreadDirection direction) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(direction, "direction");
    return read(index -> index.thread(anchor, direction));
  }

  @Override
  public Optional<HandoffSummary> setStatus(HandoffId id, HandoffStatus status) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    return writeIfNeeded(
        index -> {
          Optional<Handoff> current = index.find(id);
          if (current.isEmpty()) {
            return Change.none(Optional.empty());
          }
          if (current.get().status().equals(status)) {
            // Already so: nothing to record.
            return Change.none(Optional.of(current.get().summary()));
          }
          return Change.of(
              List.of(new LogEntry.Status(id, status)),
              after -> Optional.of(stored(after, id).summary()));
        });
  }

  @Override
  public long countOpen(String project) {
    Objects.requireNonNull(project, "project");
    return read(index -> (long) index.openIn(project).size());
  }

  @Override
  public int archiveOpen(String project) {
    Objects.requireNonNull(project, "project");
    return writeIfNeeded(
        index -> {
          List<LogEntry> entries = new ArrayList<>();
          for (HandoffId id : index.openIn(project)) {
            entries.add(new LogEntry.Status(id, HandoffStatus.ARCHIVED));
          }
          int count = entries.size();
          return Change.of(entries, after -> count);
        });
  }

  @Override
  public void delete(HandoffId id, boolean reparent) {
    Objects.requireNonNull(id, "id");
    writeIfNeeded(
        index -> {
          Handoff target = index.find(id).orElseThrow(() -> NotFoundException.handoff(id.value()));
          List<HandoffId> children = index.children(id);
          if (!children.isEmpty() && !reparent) {
            throw new ConflictException(
                "Handoff "
                    + id.value()
                    + " has "
                    + children.size()
                    + " child handoff(s); use --reparent to attach them to its parent");
          }
          // A handoff that is its own parent (edited by hand) leaves its children as roots.
          HandoffId grandparent = id.equals(target.parentId()) ? null : target.parentId();
          List<LogEntry> entries = new ArrayList<>();
          for (HandoffId child : children) {
            entries.add(new LogEntry.Reparent(child, grandparent));
          }
          entries.add(new LogEntry.Delete(id));
          return Change.of(entries, after -> null);
        });
  }

  @Override
  public List<LoadRecord> loads(HandoffId id) {
    Objects.requireNonNull(id, "id");
    return read(index -> index.loads(id));
  }

  @Override
  public void exportAll(Consumer<ExportedHandoff> sink) {
    Objects.requireNonNull(sink, "sink");
    List<ExportedHandoff> all = read(HandoffIndex::export);
    // The sink runs outside the lock: it may write files for a while.
    all.forEach(sink);
  }

  @Override
  public ImportReport importAll(List<ExportedHandoff> handoffs) {
    Objects.requireNonNull(handoffs, "handoffs");
    List<ExportedHandoff> copy = List.copyOf(handoffs);
    return writeIfNeeded(
        index -> {
          List<Violation> problems = new ArrayList<>();
          Set<HandoffId> earlier = new HashSet<>();
          for (ExportedHandoff e : copy) {
            HandoffId parent = e.handoff().parentId();
            if (parent != null && !earlier.contains(parent) && !index.contains(parent)) {
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
          List<LogEntry> entries = new ArrayList<>();
          Set<HandoffId> added = new HashSet<>();
          int skipped = 0;
          for (ExportedHandoff e : copy) {
            HandoffId id = e.handoff().id();
            if (index.contains(id) || !added.add(id)) {
              skipped++;
            } else {
              entries.add(new LogEntry.Import(e));
            }
          }
          ImportReport report = new ImportReport(entries.size(), skipped);
          return Change.of(entries, after -> report);
        });
  }

  @Override
  public StoreReport inspect() {
    lock.lock();
    try {
      ensureOpen();
      catchUp();
      if (!log.exists()) {
        return new StoreReport(
            location,
            false,
            replay.index().statusCounts(),
            List.of(
                HealthCheck.warn(
                    "handoff log", "does not exist yet; it will be created on the first write")));
      }
      List<HealthCheck> checks = new ArrayList<>();
      checks.add(
          HealthCheck.ok(
              "handoff log",
              replay.index().size()
                  + " handoff(s) from "
                  + log.lines()
                  + " line(s), "
                  + log.bytes()
                  + " bytes"));
      checks.add(linesCheck());
      checks.add(typesCheck());
      checks.add(endCheck());
      checks.add(consistencyCheck());
      checks.add(modesCheck());
      return new StoreReport(location, true, replay.index().statusCounts(), checks);
    } catch (IOException e) {
      throw unavailable("read", e);
    } finally {
      lock.unlock();
    }
  }

  private HealthCheck linesCheck() {
    String name = "log lines";
    long corrupt = replay.corrupt();
    if (corrupt == 0) {
      return HealthCheck.ok(name, "every line is a valid entry");
    }
    return HealthCheck.warn(
        name,
        corrupt
            + " corrupt line(s) skipped ("
            + String.join("; ", replay.corruptSamples())
            + (corrupt > replay.corruptSamples().size() ? "; …" : "")
            + "); the other entries are intact. Repair or delete those lines by hand");
  }

  private HealthCheck typesCheck() {
    String name = "entry types";
    long unknown = replay.unknown();
    if (unknown == 0) {
      return HealthCheck.ok(name, "all known");
    }
    return HealthCheck.warn(
        name,
        unknown
            + " entr(y/ies) of unknown type skipped ("
            + String.join("; ", replay.unknownSamples())
            + "); a newer Passoff probably wrote them. Upgrade to see their effect");
  }

  private HealthCheck endCheck() {
    String name = "log end";
    long tail = log.tailLength();
    OptionalLong pending = replay.pendingOffset();
    if (tail == 0 && pending.isEmpty()) {
      return HealthCheck.ok(name, "ends with a complete entry");
    }
    StringBuilder detail = new StringBuilder("ends with ");
    if (pending.isPresent()) {
      detail
          .append(replay.pendingLines())
          .append(" line(s) of an unfinished multi-line append at byte ")
          .append(pending.getAsLong());
      if (tail > 0) {
        detail.append(" and ");
      }
    }
    if (tail > 0) {
      detail
          .append("an incomplete line of ")
          .append(tail)
          .append(" bytes at byte ")
          .append(log.offset());
    }
    detail.append(
        ": an append in progress, or one that was interrupted. The next write removes it if"
            + " Passoff wrote it; otherwise end the line with a newline or delete it");
    return HealthCheck.warn(name, detail.toString());
  }

  private HealthCheck consistencyCheck() {
    String name = "replay";
    long ignored = replay.ignored();
    long abandoned = replay.abandoned();
    if (ignored == 0 && abandoned == 0) {
      return HealthCheck.ok(name, replay.applied() + " entries applied");
    }
    List<String> found = new ArrayList<>();
    if (ignored > 0) {
      found.add(
          ignored
              + " entr(y/ies) named a handoff that is not in the log or repeated an id (as after"
              + " merging two logs) and were ignored");
    }
    if (abandoned > 0) {
      found.add(abandoned + " interrupted multi-line append(s) were skipped whole");
    }
    return HealthCheck.warn(name, String.join("; ", found));
  }

  private HealthCheck modesCheck() {
    String name = "file modes";
    if (!OwnerOnly.supported(log.file())) {
      return HealthCheck.ok(name, "not applicable on this file system");
    }
    List<String> wide = new ArrayList<>();
    OwnerOnly.wider(log.file(), OwnerOnly.FILE).ifPresent(wide::add);
    OwnerOnly.wider(log.lockFile(), OwnerOnly.FILE).ifPresent(wide::add);
    if (wide.isEmpty()) {
      return HealthCheck.ok(name, "owner-only (0600)");
    }
    return HealthCheck.warn(
        name,
        String.join("; ", wide)
            + ", wider than 0600 (a git checkout uses the umask). Run chmod 600 if the handoffs"
            + " are private");
  }

  @Override
  public long rebuildIndex() {
    lock.lock();
    try {
      ensureOpen();
      // Read the whole file again, then index every handoff for search.
      log.forget();
      replay.reset();
      catchUp();
      return replay.index().rebuildSearch();
    } catch (IOException e) {
      throw unavailable("read", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  // --- reading and writing ---

  /**
   * What a write appends, and how its result is read from the state after the append.
   *
   * @param entries the lines to append; none for a write that changes nothing
   */
  private record Change<T>(List<LogEntry> entries, Function<HandoffIndex, T> result) {
    static <T> Change<T> of(List<LogEntry> entries, Function<HandoffIndex, T> result) {
      return new Change<>(List.copyOf(entries), result);
    }

    static <T> Change<T> none(T result) {
      return new Change<>(List.of(), after -> result);
    }
  }

  @FunctionalInterface
  private interface Planner<T> {
    Change<T> plan(HandoffIndex current);
  }

  private <T> T read(Function<HandoffIndex, T> query) {
    lock.lock();
    try {
      ensureOpen();
      catchUp();
      return query.apply(replay.index());
    } catch (IOException e) {
      throw unavailable("read", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a write whose planner has no side effects: it is planned once against the state read
   * without the writers' lock, and when that plan changes nothing (an unknown id, a status already
   * set, an import of stored handoffs), its result stands and no lock, folder or file is touched.
   * Otherwise it is planned again under the lock, as {@link #write} does.
   */
  private <T> T writeIfNeeded(Planner<T> planner) {
    lock.lock();
    try {
      ensureOpen();
      catchUp();
      Change<T> change = planner.plan(replay.index());
      if (change.entries().isEmpty()) {
        return change.result().apply(replay.index());
      }
      return write(planner);
    } catch (IOException e) {
      throw unavailable("read", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a write under the writers' lock: reads what others appended, plans against that state
   * (preconditions may throw, and nothing is written), appends the planned lines in one synced
   * write, reads them back and computes the result from the state after them.
   */
  private <T> T write(Planner<T> planner) {
    lock.lock();
    try {
      ensureOpen();
      return log.locked(
          () -> {
            catchUp();
            clearInterruptedAppend();
            Change<T> change = planner.plan(replay.index());
            if (!change.entries().isEmpty()) {
              log.append(encode(change.entries()));
              catchUp();
            }
            return change.result().apply(replay.index());
          });
    } catch (IOException e) {
      throw unavailable("write to", e);
    } finally {
      lock.unlock();
    }
  }

  private void catchUp() throws IOException {
    log.catchUp(replay);
  }

  /**
   * Deals with what an interrupted append left at the end of the file, under the writers' lock (so
   * no append is in progress): cuts it off when it is provably Passoff's, refuses to write after an
   * unterminated line otherwise. Complete lines of an unfinished multi-line append that cannot be
   * proven Passoff's stay: they were never applied, and the next line abandons them.
   */
  private void clearInterruptedAppend() throws IOException {
    OptionalLong pending = replay.pendingOffset();
    long tail = log.tailLength();
    if (tail == 0 && pending.isEmpty()) {
      return;
    }
    long before = log.bytes();
    boolean cut =
        (pending.isPresent() && log.truncateInterruptedAppend(pending.getAsLong()))
            || (tail > 0 && log.truncateInterruptedAppend(log.offset()));
    if (cut) {
      log.forget();
      replay.reset();
      catchUp();
      notices.accept(
          "passoff: "
              + location
              + ": removed "
              + (before - log.bytes())
              + " bytes left at the end by an interrupted write");
      return;
    }
    if (tail > 0) {
      throw new StoreUnavailableException(
          "The handoff log "
              + location
              + " ends with an incomplete line ("
              + tail
              + " bytes at byte "
              + log.offset()
              + ") that Passoff did not write; end it with a newline or delete it, then retry");
    }
  }

  private static byte[] encode(List<LogEntry> entries) {
    StringBuilder out = new StringBuilder(512 * entries.size());
    if (entries.size() == 1) {
      out.append(LogCodec.encode(entries.get(0), null)).append('\n');
    } else {
      byte[] random = new byte[4];
      TX_IDS.nextBytes(random);
      String tx = HexFormat.of().formatHex(random);
      for (int i = 0; i < entries.size(); i++) {
        LogEntry.Tx part = new LogEntry.Tx(tx, i + 1, entries.size());
        out.append(LogCodec.encode(entries.get(i), part)).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Handoff stored(HandoffIndex index, HandoffId id) {
    return index
        .find(id)
        .orElseThrow(
            () ->
                new StoreUnavailableException(
                    "The handoff log did not read back the entry just written for " + id.value()));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the store for " + location + " is closed");
    }
  }

  private StoreUnavailableException unavailable(String verb, IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new StoreUnavailableException(
        "Cannot " + verb + " the handoff log " + location + ": " + reason, e);
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
