package dev.passoff.core.model;

import dev.passoff.core.error.ValidationException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which statuses a listing includes. */
public enum StatusFilter {
  OPEN,
  LOADED,
  ARCHIVED,
  ALL;

  /** The status to match, or {@code null} for {@link #ALL}. */
  public @Nullable HandoffStatus status() {
    return switch (this) {
      case OPEN -> HandoffStatus.OPEN;
      case LOADED -> HandoffStatus.LOADED;
      case ARCHIVED -> HandoffStatus.ARCHIVED;
      case ALL -> null;
    };
  }

  /** The wire name, e.g. {@code open}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; {@code null} means {@link #ALL}. */
  public static StatusFilter parse(@Nullable String value) {
    if (value == null) {
      return ALL;
    }
    for (StatusFilter f : values()) {
      if (f.wireName().equals(value)) {
        return f;
      }
    }
    throw new ValidationException("status", "must be one of open, loaded, archived, all");
  }
}
