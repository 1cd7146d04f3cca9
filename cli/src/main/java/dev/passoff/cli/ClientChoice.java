package dev.passoff.cli;

import java.util.List;
import java.util.Locale;

/** The clients install and uninstall know, and {@code all}. */
enum ClientChoice {
  CLAUDE,
  CURSOR,
  CODEX,
  WINDSURF,
  ALL;

  /** The name on the command line and in output, e.g. {@code claude}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The clients this choice covers, in a fixed order. */
  List<ClientChoice> clients() {
    return this == ALL ? List.of(CLAUDE, CURSOR, CODEX, WINDSURF) : List.of(this);
  }
}
