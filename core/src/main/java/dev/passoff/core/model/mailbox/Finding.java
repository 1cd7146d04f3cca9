package dev.passoff.core.model.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * One finding of the mailbox doctor.
 *
 * @param level how serious it is
 * @param check a short name of the check, e.g. {@code stream}, {@code cursor}, {@code claim}
 * @param path the file concerned, relative to the runtime, if any
 * @param line the 1-based line number in that file, if any
 * @param message one readable line saying what is wrong and how to fix it
 */
public record Finding(
    Level level, String check, @Nullable String path, @Nullable Integer line, String message) {
  /** Severity, printed as the line prefix. */
  public enum Level {
    INFO,
    WARN,
    ERROR
  }
}
