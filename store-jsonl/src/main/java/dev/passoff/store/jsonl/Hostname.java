package dev.passoff.store.jsonl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's host name, found without a DNS lookup. */
final class Hostname {
  private Hostname() {}

  static String get() {
    for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
      try {
        String name = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        if (!name.isEmpty()) {
          return name;
        }
      } catch (IOException | RuntimeException e) {
        // try the next source
      }
    }
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    String computer = System.getenv("COMPUTERNAME");
    return computer == null || computer.isBlank() ? "unknown" : computer.strip();
  }
}
