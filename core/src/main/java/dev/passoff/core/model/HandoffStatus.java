package dev.passoff.core.model;

import java.util.Objects;

/**
 * The status column of a handoff. Passoff writes {@code open}, {@code loaded} and {@code archived};
 * a value written by another tool is kept and shown as stored.
 */
public record HandoffStatus(String value) {
  public static final HandoffStatus OPEN = new HandoffStatus("open");
  public static final HandoffStatus LOADED = new HandoffStatus("loaded");
  public static final HandoffStatus ARCHIVED = new HandoffStatus("archived");

  public HandoffStatus {
    Objects.requireNonNull(value, "value");
  }

  /** Whether {@code latest} may pick this handoff: open or loaded. */
  public boolean isActive() {
    return equals(OPEN) || equals(LOADED);
  }

  @Override
  public String toString() {
    return value;
  }
}
