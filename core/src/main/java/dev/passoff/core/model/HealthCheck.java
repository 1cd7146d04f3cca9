package dev.passoff.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one diagnostic check, e.g. the integrity of the database.
 *
 * @param level ok, warn or fail
 * @param name what was checked
 * @param detail what was found, and what to do about it when not ok
 */
public record HealthCheck(Level level, String name, String detail) {
  /** How bad a finding is. */
  public enum Level {
    OK,
    WARN,
    FAIL;

    /** The lower-case word printed for this level. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public HealthCheck {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }

  public static HealthCheck ok(String name, String detail) {
    return new HealthCheck(Level.OK, name, detail);
  }

  public static HealthCheck warn(String name, String detail) {
    return new HealthCheck(Level.WARN, name, detail);
  }

  public static HealthCheck fail(String name, String detail) {
    return new HealthCheck(Level.FAIL, name, detail);
  }
}
