package dev.passoff.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where each client keeps its slash commands and MCP configuration, for one scope.
 *
 * @param base the home folder at user scope, the project folder at project scope
 */
record ClientPaths(InstallScope scope, Path base, Path home) {
  static ClientPaths of(InstallScope scope, Path home, Path projectDir) {
    return new ClientPaths(scope, scope == InstallScope.USER ? home : projectDir, home);
  }

  Path claudeCommands() {
    return base.resolve(".claude").resolve("commands");
  }

  Path cursorCommands() {
    return base.resolve(".cursor").resolve("commands");
  }

  Path cursorMcp() {
    return base.resolve(".cursor").resolve("mcp.json");
  }

  /** Windsurf reads MCP servers from the user configuration only. */
  @Nullable Path windsurfMcp() {
    return scope == InstallScope.USER
        ? home.resolve(".codeium").resolve("windsurf").resolve("mcp_config.json")
        : null;
  }

  /** The Codex plugin folder: under the home or project folder, not under {@code .codex}. */
  Path codexPlugin() {
    return base.resolve("plugins").resolve("passoff");
  }

  Path marketplace() {
    return base.resolve(".agents").resolve("plugins").resolve("marketplace.json");
  }

  /** Codex reads MCP servers from the user configuration only. */
  @Nullable Path codexConfig() {
    return scope == InstallScope.USER ? home.resolve(".codex").resolve("config.toml") : null;
  }
}
