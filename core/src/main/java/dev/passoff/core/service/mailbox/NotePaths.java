package dev.passoff.core.service.mailbox;

import java.util.Optional;

/** The lexical rule for {@code refs.notes_file}: a relative POSIX path under {@code notes/}. */
public final class NotePaths {
  private NotePaths() {}

  /** Why {@code path} is not an acceptable note path, or empty when it is. */
  public static Optional<String> problem(String path) {
    if (path.isEmpty()) {
      return Optional.of("is empty");
    }
    if (path.indexOf('\\') >= 0) {
      return Optional.of("must not contain a backslash");
    }
    if (path.indexOf(':') >= 0) {
      return Optional.of("must not contain ':'");
    }
    if (path.startsWith("/")) {
      return Optional.of("must be relative to .handoff-runtime/");
    }
    String[] segments = path.split("/", -1);
    if (!segments[0].equals("notes") || segments.length < 2) {
      return Optional.of("must be a file under notes/");
    }
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.of("must not have an empty, '.' or '..' segment");
      }
    }
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) < 0x20) {
        return Optional.of("must not contain control characters");
      }
    }
    return Optional.empty();
  }
}
