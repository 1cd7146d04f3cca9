package dev.passoff.distribution.wiring;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What an artifact learns from its process at start-up: environment, home and working directory,
 * its own version and launcher, and where to send notices meant for the user (stderr).
 *
 * @param environment the process environment
 * @param home the user's home folder
 * @param workingDirectory the absolute working directory
 * @param version the Passoff version
 * @param launcher absolute path of the launcher script that starts this artifact
 * @param notices one-line messages for the user, never for stdout
 * @param stdinIsTerminal whether standard input is an interactive terminal
 */
public record Settings(
    Map<String, String> environment,
    Path home,
    Path workingDirectory,
    String version,
    Path launcher,
    Consumer<String> notices,
    boolean stdinIsTerminal) {

  /** Environment variable that selects the handoff store. */
  public static final String STORE_VARIABLE = "PASSOFF_STORE";

  public Settings {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(notices, "notices");
  }

  /** The value of an environment variable when it is set and not empty. */
  public java.util.Optional<String> variable(String name) {
    return java.util.Optional.ofNullable(environment.get(name)).filter(v -> !v.isEmpty());
  }
}
