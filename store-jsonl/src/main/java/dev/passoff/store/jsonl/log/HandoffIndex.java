package dev.passoff.store.jsonl.log;

import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHit;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.ThreadDirection;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The state the log replays to, held in memory with the indexes the queries need: handoffs by id,
 * by creation order overall and per project, children by parent, load histories, and a search index
 * built on first use. Not thread-safe; the store guards it.
 */
final class HandoffIndex {
  /** Where a handoff sits in creation order: its time, then the order the log added it in. */
  private record Key(Instant createdAt, long seq) {}

  private record Row(long seq, Handoff handoff) {
    Key key() {
      return new Key(handoff.createdAt(), seq);
    }
  }

  private static final Comparator<Key> OLDEST_FIRST =
      Comparator.comparing(Key::createdAt).thenComparingLong(Key::seq);

  private final Map<HandoffId, Row> rows = new HashMap<>();
  private final NavigableMap<Key, HandoffId> all = new TreeMap<>(OLDEST_FIRST);
  private final Map<String, NavigableMap<Key, HandoffId>> byProject = new HashMap<>();
  private final Map<HandoffId, Set<HandoffId>> children = new HashMap<>();
  private final Map<HandoffId, List<LoadRecord>> loads = new HashMap<>();
  private long nextSeq = 1;
  private @Nullable SearchIndex search;

  // --- replay ---

  /**
   * Applies one entry.
   *
   * @return false, changing nothing, when the entry does not fit the state: it names a handoff that
   *     is not there, or creates one that already is (possible after merging two logs)
   */
  boolean apply(LogEntry entry) {
    if (entry instanceof LogEntry.Create c) {
      return add(c.draft().toHandoff(c.id()), List.of());
    } else if (entry instanceof LogEntry.Import i) {
      return add(i.exported().handoff(), i.exported().loads());
    } else if (entry instanceof LogEntry.Load l) {
      Row row = rows.get(l.id());
      if (row == null) {
        return false;
      }
      replace(row, row.handoff().stampedBy(l.stamp()));
      loads.computeIfAbsent(l.id(), k -> new ArrayList<>()).add(LoadRecord.of(l.id(), l.stamp()));
      return true;
    } else if (entry instanceof LogEntry.Status s) {
      Row row = rows.get(s.id());
      if (row == null) {
        return false;
      }
      replace(row, row.handoff().withStatus(s.status()));
      return true;
    } else if (entry instanceof LogEntry.Reparent r) {
      Row row = rows.get(r.id());
      if (row == null) {
        return false;
      }
      unlinkFromParent(row.handoff());
      Handoff moved = row.handoff().withParent(r.parent());
      linkToParent(moved);
      replace(row, moved);
      return true;
    } else if (entry instanceof LogEntry.Delete d) {
      return remove(d.id());
    } else if (entry instanceof LogEntry.Unknown) {
      return false;
    }
    throw new AssertionError(entry);
  }

  private boolean add(Handoff h, List<LoadRecord> history) {
    if (rows.containsKey(h.id())) {
      return false;
    }
    Row row = new Row(nextSeq++, h);
    rows.put(h.id(), row);
    all.put(row.key(), h.id());
    byProject.computeIfAbsent(h.project(), k -> new TreeMap<>(OLDEST_FIRST)).put(row.key(), h.id());
    linkToParent(h);
    if (!history.isEmpty()) {
      loads.put(h.id(), new ArrayList<>(history));
    }
    if (search != null) {
      search.add(h);
    }
    return true;
  }

  private boolean remove(HandoffId id) {
    Row row = rows.remove(id);
    if (row == null) {
      return false;
    }
    all.remove(row.key());
    NavigableMap<Key, HandoffId> project = byProject.get(row.handoff().project());
    if (project != null) {
      project.remove(row.key());
      if (project.isEmpty()) {
        byProject.remove(row.handoff().project());
      }
    }
    unlinkFromParent(row.handoff());
    loads.remove(id);
    if (search != null) {
      search.remove(id);
    }
    return true;
  }

  private void replace(Row row, Handoff changed) {
    rows.put(changed.id(), new Row(row.seq(), changed));
  }

  private void linkToParent(Handoff h) {
    HandoffId parent = h.parentId();
    if (parent != null) {
      children.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(h.id());
    }
  }

  private void unlinkFromParent(Handoff h) {
    HandoffId parent = h.parentId();
    if (parent == null) {
      return;
    }
    Set<HandoffId> siblings = children.get(parent);
    if (siblings != null) {
      siblings.remove(h.id());
      if (siblings.isEmpty()) {
        children.remove(parent);
      }
    }
  }

  // --- queries ---

  int size() {
    return rows.size();
  }

  boolean contains(HandoffId id) {
    return rows.containsKey(id);
  }

  Optional<Handoff> find(HandoffId id) {
    Row row = rows.get(id);
    return row == null ? Optional.empty() : Optional.of(row.handoff());
  }

  /** The children stored with this parent, in the order they were added. */
  List<HandoffId> children(HandoffId parent) {
    Set<HandoffId> kids = children.get(parent);
    return kids == null ? List.of() : List.copyOf(kids);
  }

  private Collection<HandoffId> newestFirst(ProjectScope scope) {
    if (scope instanceof ProjectScope.One one) {
      NavigableMap<Key, HandoffId> project = byProject.get(one.project());
      return project == null ? List.of() : project.descendingMap().values();
    }
    return all.descendingMap().values();
  }

  /** The newest open or loaded handoff in the scope. */
  Optional<Handoff> latestActive(ProjectScope scope) {
    for (HandoffId id : newestFirst(scope)) {
      Handoff h = rows.get(id).handoff();
      if (h.status().isActive()) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  List<HandoffSummary> list(ProjectScope scope, StatusFilter filter, int limit) {
    HandoffStatus wanted = filter.status();
    List<HandoffSummary> out = new ArrayList<>(Math.min(limit, 64));
    for (HandoffId id : newestFirst(scope)) {
      if (out.size() >= limit) {
        break;
      }
      Handoff h = rows.get(id).handoff();
      if (wanted == null || h.status().equals(wanted)) {
        out.add(h.summary());
      }
    }
    return out;
  }

  /** The open handoffs of one project, oldest first. */
  List<HandoffId> openIn(String project) {
    NavigableMap<Key, HandoffId> ids = byProject.get(project);
    if (ids == null) {
      return List.of();
    }
    List<HandoffId> out = new ArrayList<>();
    for (HandoffId id : ids.values()) {
      if (rows.get(id).handoff().status().equals(HandoffStatus.OPEN)) {
        out.add(id);
      }
    }
    return out;
  }

  List<LoadRecord> loads(HandoffId id) {
    List<LoadRecord> history = loads.get(id);
    return history == null ? List.of() : List.copyOf(history);
  }

  Optional<List<Handoff>> thread(HandoffId anchor, ThreadDirection direction) {
    Row start = rows.get(anchor);
    if (start == null) {
      return Optional.empty();
    }
    Set<HandoffId> seen = new HashSet<>();
    seen.add(anchor);
    Deque<Handoff> chain = new ArrayDeque<>();
    chain.add(start.handoff());
    if (direction.up()) {
      HandoffId parent = start.handoff().parentId();
      while (parent != null && rows.containsKey(parent) && seen.add(parent)) {
        Handoff p = rows.get(parent).handoff();
        chain.addFirst(p);
        parent = p.parentId();
      }
    }
    if (direction.down()) {
      List<HandoffId> level = List.of(anchor);
      while (!level.isEmpty()) {
        List<HandoffId> next = new ArrayList<>();
        for (HandoffId parent : level) {
          List<Row> kids = new ArrayList<>();
          for (HandoffId kid : children(parent)) {
            kids.add(rows.get(kid));
          }
          kids.sort(Comparator.comparing(Row::key, OLDEST_FIRST));
          for (Row kid : kids) {
            if (seen.add(kid.handoff().id())) {
              chain.add(kid.handoff());
              next.add(kid.handoff().id());
            }
          }
        }
        level = next;
      }
    }
    return Optional.of(List.copyOf(chain));
  }

  /** Handoffs per stored status value, sorted by value. */
  Map<String, Long> statusCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : rows.values()) {
      counts.merge(row.handoff().status().value(), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Every handoff with its history, oldest first, except that a child whose parent comes later in
   * time waits for its parent. Handoffs caught in a parent cycle follow at the end, oldest first.
   */
  List<ExportedHandoff> export() {
    List<Handoff> ordered = new ArrayList<>(rows.size());
    for (HandoffId id : all.values()) {
      ordered.add(rows.get(id).handoff());
    }
    Set<HandoffId> emitted = new HashSet<>();
    Map<HandoffId, List<Handoff>> waiting = new LinkedHashMap<>();
    List<ExportedHandoff> out = new ArrayList<>(ordered.size());
    for (Handoff h : ordered) {
      HandoffId parent = h.parentId();
      if (parent != null && rows.containsKey(parent) && !emitted.contains(parent)) {
        waiting.computeIfAbsent(parent, k -> new ArrayList<>()).add(h);
        continue;
      }
      Deque<Handoff> ready = new ArrayDeque<>();
      ready.add(h);
      while (!ready.isEmpty()) {
        Handoff next = ready.poll();
        if (emitted.add(next.id())) {
          out.add(new ExportedHandoff(next, loads(next.id())));
          List<Handoff> kids = waiting.remove(next.id());
          if (kids != null) {
            ready.addAll(kids);
          }
        }
      }
    }
    for (Handoff h : ordered) {
      if (emitted.add(h.id())) {
        out.add(new ExportedHandoff(h, loads(h.id())));
      }
    }
    return out;
  }

  // --- search ---

  /** Builds the search index from scratch. */
  int rebuildSearch() {
    return searchIndex(true).size();
  }

  private SearchIndex searchIndex(boolean fresh) {
    SearchIndex index = search;
    if (index == null || fresh) {
      index = new SearchIndex();
      for (HandoffId id : all.values()) {
        index.add(rows.get(id).handoff());
      }
      search = index;
    }
    return index;
  }

  /** Search as the port describes it: BM25 to three decimals, ties newest first. */
  List<SearchHit> search(List<String> terms, ProjectScope scope, int limit) {
    SearchIndex index = searchIndex(false);
    List<List<String>> phrases = new ArrayList<>(terms.size());
    for (String term : terms) {
      phrases.add(Tokens.keysOf(term));
    }
    List<Row> chosen = new ArrayList<>(Math.min(limit, 64));
    if (index.allCommon(phrases)) {
      // Every score rounds to zero, so the newest matches win: read no further than needed.
      for (HandoffId id : newestFirst(scope)) {
        if (chosen.size() >= limit) {
          break;
        }
        if (index.matches(id, phrases)) {
          chosen.add(rows.get(id));
        }
      }
    } else {
      record Scored(Row row, Key key, long score) {}
      List<Scored> scored = new ArrayList<>();
      for (SearchIndex.Match m :
          index.search(
              phrases,
              id ->
                  !(scope instanceof ProjectScope.One one)
                      || rows.get(id).handoff().project().equals(one.project()))) {
        Row row = rows.get(m.id());
        scored.add(new Scored(row, row.key(), m.score()));
      }
      scored.sort(
          Comparator.comparingLong(Scored::score)
              .thenComparing(Scored::key, OLDEST_FIRST)
              .reversed());
      for (Scored s : scored.subList(0, Math.min(limit, scored.size()))) {
        chosen.add(s.row());
      }
    }
    List<SearchHit> hits = new ArrayList<>(chosen.size());
    for (Row row : chosen) {
      Handoff h = row.handoff();
      hits.add(
          new SearchHit(
              h.id(),
              h.title(),
              SearchIndex.snippet(h.content(), phrases),
              h.createdAt(),
              h.fromClient(),
              h.status()));
    }
    return hits;
  }
}
