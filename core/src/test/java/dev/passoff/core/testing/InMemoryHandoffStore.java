package dev.passoff.core.testing;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.NotFoundException;
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
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link HandoffStore} in memory, for service tests; it passes the same contract suite. */
public final class InMemoryHandoffStore implements HandoffStore {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}\\p{Co}]+");

  private record Row(long seq, Handoff handoff) {}

  private final Map<HandoffId, Row> rows = new LinkedHashMap<>();
  private final List<LoadRecord> loads = new ArrayList<>();
  private long nextSeq = 1;

  private static final Comparator<Row> NEWEST_FIRST =
      Comparator.comparing((Row r) -> r.handoff().createdAt())
          .thenComparingLong(Row::seq)
          .reversed();

  private static final Comparator<Row> OLDEST_FIRST =
      Comparator.comparing((Row r) -> r.handoff().createdAt()).thenComparingLong(Row::seq);

  @Override
  public synchronized Handoff create(NewHandoff draft, IdSource ids) {
    if (draft.parentId() != null && !rows.containsKey(draft.parentId())) {
      throw new NotFoundException("parent_id not found: " + draft.parentId().value());
    }
    for (int attempt = 0; attempt < 4; attempt++) {
      HandoffId id = ids.nextHandoffId();
      if (!rows.containsKey(id)) {
        Handoff h = draft.toHandoff(id);
        rows.put(id, new Row(nextSeq++, h));
        return h;
      }
    }
    throw new ConflictException("could not draw an unused handoff id");
  }

  @Override
  public synchronized Optional<Handoff> find(HandoffId id) {
    return Optional.ofNullable(rows.get(id)).map(Row::handoff);
  }

  @Override
  public synchronized Optional<Handoff> loadById(HandoffId id, LoadStamp stamp) {
    Row row = rows.get(id);
    return row == null ? Optional.empty() : Optional.of(stamp(row, stamp));
  }

  @Override
  public synchronized Optional<Handoff> loadLatest(ProjectScope scope, LoadStamp stamp) {
    return rows.values().stream()
        .filter(r -> inScope(r, scope) && r.handoff().status().isActive())
        .sorted(NEWEST_FIRST)
        .findFirst()
        .map(r -> stamp(r, stamp));
  }

  private Handoff stamp(Row row, LoadStamp stamp) {
    Handoff loaded = row.handoff().stampedBy(stamp);
    rows.put(loaded.id(), new Row(row.seq(), loaded));
    loads.add(LoadRecord.of(loaded.id(), stamp));
    return loaded;
  }

  @Override
  public synchronized List<HandoffSummary> list(
      ProjectScope scope, StatusFilter status, int limit) {
    HandoffStatus wanted = status.status();
    return rows.values().stream()
        .filter(r -> inScope(r, scope))
        .filter(r -> wanted == null || r.handoff().status().equals(wanted))
        .sorted(NEWEST_FIRST)
        .limit(limit)
        .map(r -> r.handoff().summary())
        .toList();
  }

  @Override
  public synchronized List<SearchHit> search(List<String> terms, ProjectScope scope, int limit) {
    record Scored(Row row, int score) {}
    List<List<String>> phrases = terms.stream().map(InMemoryHandoffStore::tokens).toList();
    Set<String> wanted = new HashSet<>();
    phrases.forEach(wanted::addAll);
    List<Scored> scored = new ArrayList<>();
    for (Row r : rows.values()) {
      if (!inScope(r, scope)) {
        continue;
      }
      Handoff h = r.handoff();
      List<List<String>> columns =
          List.of(tokens(h.title()), tokens(h.content()), tokens(String.join(" ", h.tags())));
      boolean all = true;
      for (List<String> phrase : phrases) {
        if (phrase.isEmpty() || columns.stream().noneMatch(c -> containsRun(c, phrase))) {
          all = false;
          break;
        }
      }
      if (all) {
        int score = 0;
        for (List<String> c : columns) {
          score += (int) c.stream().filter(wanted::contains).count();
        }
        scored.add(new Scored(r, score));
      }
    }
    return scored.stream()
        .sorted(
            Comparator.comparingInt((Scored s) -> -s.score())
                .thenComparing(s -> s.row(), NEWEST_FIRST))
        .limit(limit)
        .map(
            s ->
                new SearchHit(
                    s.row().handoff().id(),
                    s.row().handoff().title(),
                    snippet(s.row().handoff().content(), wanted),
                    s.row().handoff().createdAt(),
                    s.row().handoff().fromClient(),
                    s.row().handoff().status()))
        .toList();
  }

  @Override
  public synchronized Optional<List<Handoff>> thread(HandoffId anchor, ThreadDirection direction) {
    Row start = rows.get(anchor);
    if (start == null) {
      return Optional.empty();
    }
    Set<HandoffId> seen = new HashSet<>();
    seen.add(anchor);
    List<Handoff> up = new ArrayList<>();
    if (direction.up()) {
      HandoffId parent = start.handoff().parentId();
      while (parent != null && rows.containsKey(parent) && seen.add(parent)) {
        Handoff p = rows.get(parent).handoff();
        up.add(0, p);
        parent = p.parentId();
      }
    }
    List<Handoff> chain = new ArrayList<>(up);
    chain.add(start.handoff());
    if (direction.down()) {
      List<HandoffId> level = List.of(anchor);
      while (!level.isEmpty()) {
        List<HandoffId> next = new ArrayList<>();
        for (HandoffId parent : level) {
          rows.values().stream()
              .filter(r -> parent.equals(r.handoff().parentId()))
              .sorted(OLDEST_FIRST)
              .filter(r -> seen.add(r.handoff().id()))
              .forEach(
                  r -> {
                    chain.add(r.handoff());
                    next.add(r.handoff().id());
                  });
        }
        level = next;
      }
    }
    return Optional.of(chain);
  }

  @Override
  public synchronized Optional<HandoffSummary> setStatus(HandoffId id, HandoffStatus status) {
    Row row = rows.get(id);
    if (row == null) {
      return Optional.empty();
    }
    Handoff changed = row.handoff().withStatus(status);
    rows.put(id, new Row(row.seq(), changed));
    return Optional.of(changed.summary());
  }

  @Override
  public synchronized long countOpen(String project) {
    return rows.values().stream()
        .filter(r -> r.handoff().project().equals(project))
        .filter(r -> r.handoff().status().equals(HandoffStatus.OPEN))
        .count();
  }

  @Override
  public synchronized int archiveOpen(String project) {
    int n = 0;
    for (Row r : List.copyOf(rows.values())) {
      if (r.handoff().project().equals(project)
          && r.handoff().status().equals(HandoffStatus.OPEN)) {
        rows.put(
            r.handoff().id(), new Row(r.seq(), r.handoff().withStatus(HandoffStatus.ARCHIVED)));
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized void delete(HandoffId id, boolean reparent) {
    Row row = rows.get(id);
    if (row == null) {
      throw NotFoundException.handoff(id.value());
    }
    List<Row> children =
        rows.values().stream().filter(r -> id.equals(r.handoff().parentId())).toList();
    if (!children.isEmpty() && !reparent) {
      throw new ConflictException(
          "Handoff "
              + id.value()
              + " has "
              + children.size()
              + " child handoff(s); use --reparent to attach them to its parent");
    }
    for (Row child : children) {
      rows.put(
          child.handoff().id(),
          new Row(child.seq(), child.handoff().withParent(row.handoff().parentId())));
    }
    rows.remove(id);
    loads.removeIf(l -> l.handoffId().equals(id));
  }

  @Override
  public synchronized List<LoadRecord> loads(HandoffId id) {
    return loads.stream().filter(l -> l.handoffId().equals(id)).toList();
  }

  @Override
  public synchronized void exportAll(Consumer<ExportedHandoff> sink) {
    rows.values().stream()
        .sorted(OLDEST_FIRST)
        .forEach(r -> sink.accept(new ExportedHandoff(r.handoff(), loads(r.handoff().id()))));
  }

  @Override
  public synchronized ImportReport importAll(List<ExportedHandoff> handoffs) {
    Set<HandoffId> known = new HashSet<>(rows.keySet());
    for (ExportedHandoff e : handoffs) {
      HandoffId parent = e.handoff().parentId();
      if (parent != null && !known.contains(parent)) {
        throw new ValidationException(
            List.of(
                new Violation(
                    e.handoff().id().value(),
                    "parent_id " + parent.value() + " is neither stored nor imported before it")));
      }
      known.add(e.handoff().id());
    }
    int imported = 0;
    int skipped = 0;
    for (ExportedHandoff e : handoffs) {
      if (rows.containsKey(e.handoff().id())) {
        skipped++;
        continue;
      }
      rows.put(e.handoff().id(), new Row(nextSeq++, e.handoff()));
      loads.addAll(e.loads());
      imported++;
    }
    return new ImportReport(imported, skipped);
  }

  @Override
  public synchronized StoreReport inspect() {
    Map<String, Long> counts = new TreeMap<>();
    rows.values().forEach(r -> counts.merge(r.handoff().status().value(), 1L, Long::sum));
    return new StoreReport(
        "memory", true, counts, List.of(HealthCheck.ok("storage", "in memory, nothing to check")));
  }

  @Override
  public synchronized long rebuildIndex() {
    return rows.size();
  }

  @Override
  public void close() {}

  private static boolean inScope(Row r, ProjectScope scope) {
    return !(scope instanceof ProjectScope.One one) || r.handoff().project().equals(one.project());
  }

  static List<String> tokens(String text) {
    String folded =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(folded);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static boolean containsRun(List<String> haystack, List<String> needle) {
    outer:
    for (int i = 0; i + needle.size() <= haystack.size(); i++) {
      for (int j = 0; j < needle.size(); j++) {
        if (!haystack.get(i + j).equals(needle.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String snippet(String content, Set<String> wanted) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = TOKEN.matcher(content);
    int firstHit = -1;
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
      if (firstHit < 0 && wanted.containsAll(tokens(m.group())) && !tokens(m.group()).isEmpty()) {
        firstHit = spans.size() - 1;
      }
    }
    if (spans.isEmpty()) {
      return content;
    }
    int from = firstHit < 0 ? 0 : Math.max(0, firstHit - 2);
    int to = Math.min(spans.size(), from + 12);
    StringBuilder out = new StringBuilder();
    if (from > 0) {
      out.append('…');
    }
    int cursor = spans.get(from)[0];
    for (int i = from; i < to; i++) {
      int[] s = spans.get(i);
      out.append(content, cursor, s[0]);
      String word = content.substring(s[0], s[1]);
      boolean hit = firstHit >= 0 && wanted.containsAll(tokens(word));
      out.append(hit ? "[" + word + "]" : word);
      cursor = s[1];
    }
    if (to < spans.size()) {
      out.append('…');
    }
    return out.toString();
  }
}
