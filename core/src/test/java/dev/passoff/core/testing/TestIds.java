package dev.passoff.core.testing;

import dev.passoff.core.model.HandoffId;
import dev.passoff.core.port.out.IdSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/** Id sources for tests: seeded random ids, optionally preceded by scripted ones. */
public final class TestIds implements IdSource {
  private final SplittableRandom random;
  private final Deque<HandoffId> scripted = new ArrayDeque<>();

  public TestIds(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public TestIds() {
    this(42);
  }

  /** Returns these ids first, in order, then random ones. */
  public TestIds thenRandom(List<String> first) {
    first.forEach(id -> scripted.addLast(HandoffId.of(id)));
    return this;
  }

  @Override
  public synchronized HandoffId nextHandoffId() {
    HandoffId next = scripted.pollFirst();
    return next != null ? next : HandoffId.random(random);
  }
}
