package dev.passoff.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. */
public final class TestClock extends Clock {
  private Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  /** Starts at 2025-11-21T22:24:50.123Z. */
  public TestClock() {
    this(Instant.parse("2025-11-21T22:24:50.123Z"));
  }

  public synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  public synchronized void set(Instant instant) {
    now = instant;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
