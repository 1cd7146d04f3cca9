package dev.passoff.core.model;

import dev.passoff.core.error.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which way a lineage walk goes from its anchor. */
public enum ThreadDirection {
  ANCESTORS,
  DESCENDANTS,
  BOTH;

  /** Whether the walk includes the anchor's ancestors. */
  public boolean up() {
    return this != DESCENDANTS;
  }

  /** Whether the walk includes the anchor's descendants. */
  public boolean down() {
    return this != ANCESTORS;
  }

  /** The wire name, e.g. {@code both}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; {@code null} means {@link #BOTH}. */
  public static ThreadDirection parse(@Nullable String value) {
    if (value == null) {
      return BOTH;
    }
    for (ThreadDirection d : values()) {
      if (d.wireName().equals(value)) {
        return d;
      }
    }
    throw new ValidationException("direction", "must be one of ancestors, descendants, both");
  }
}
