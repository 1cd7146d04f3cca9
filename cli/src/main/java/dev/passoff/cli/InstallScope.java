package dev.passoff.cli;

import java.util.Locale;

/** Where install writes: the user's home or one project folder. */
enum InstallScope {
  USER,
  PROJECT;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
