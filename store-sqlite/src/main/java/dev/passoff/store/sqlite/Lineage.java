package dev.passoff.store.sqlite;

import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the rows one recursive query returned into the thread order. The queries collect each
 * handoff once (their {@code UNION} drops repeats, which is what ends cycles); the order is rebuilt
 * here from parent links, so it needs no further statement.
 */
final class Lineage {
  private static final Comparator<HandoffRow> OLDEST_FIRST =
      Comparator.comparing((HandoffRow r) -> r.handoff().createdAt())
          .thenComparingLong(HandoffRow::rowid);

  private Lineage() {}

  /**
   * The anchor's ancestors, root first, from rows holding the anchor and its ancestors. A missing
   * parent or a handoff already listed ends the walk.
   *
   * @param seen handoffs already placed; the ancestors found are added to it
   */
  static List<Handoff> ancestors(HandoffRow anchor, List<HandoffRow> rows, Set<HandoffId> seen) {
    Map<HandoffId, Handoff> byId = new HashMap<>();
    for (HandoffRow r : rows) {
      byId.put(r.handoff().id(), r.handoff());
    }
    List<Handoff> up = new ArrayList<>();
    HandoffId parent = anchor.handoff().parentId();
    while (parent != null && byId.containsKey(parent) && seen.add(parent)) {
      Handoff p = byId.get(parent);
      up.add(p);
      parent = p.parentId();
    }
    Collections.reverse(up);
    return up;
  }

  /**
   * The anchor's descendants, breadth first: level by level, each level in the order of its
   * parents, the children of one parent oldest first with ties in insertion order.
   *
   * @param seen handoffs already placed (at least the anchor); descendants found are added to it
   */
  static List<Handoff> descendants(HandoffId anchor, List<HandoffRow> rows, Set<HandoffId> seen) {
    Map<HandoffId, List<HandoffRow>> children = new HashMap<>();
    for (HandoffRow r : rows) {
      HandoffId parent = r.handoff().parentId();
      if (parent != null) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(r);
      }
    }
    children.values().forEach(list -> list.sort(OLDEST_FIRST));
    List<Handoff> down = new ArrayList<>();
    Deque<HandoffId> queue = new ArrayDeque<>();
    queue.add(anchor);
    while (!queue.isEmpty()) {
      for (HandoffRow child : children.getOrDefault(queue.poll(), List.of())) {
        if (seen.add(child.handoff().id())) {
          down.add(child.handoff());
          queue.add(child.handoff().id());
        }
      }
    }
    return down;
  }
}
