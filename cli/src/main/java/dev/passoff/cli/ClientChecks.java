package dev.passoff.cli;

import dev.passoff.cli.JsonConfig.Broken;
import dev.passoff.cli.JsonConfig.Parsed;
import dev.passoff.cli.Templates.SlashCommand;
import dev.passoff.core.model.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Doctor's per-client checks: is the MCP server registered, and are the slash commands installed,
 * at user scope or in the current project. Reads files only; never runs a client.
 */
final class ClientChecks {
  private final Path home;
  private final Path projectRoot;
  private final String launcher;

  ClientChecks(Path home, Path projectRoot, String launcher) {
    this.home = home;
    this.projectRoot = projectRoot;
    this.launcher = launcher;
  }

  List<HealthCheck> run() {
    List<HealthCheck> checks = new ArrayList<>();
    Path claudeJson = home.resolve(".claude.json");
    checks.add(
        registration(
            "claude",
            List.of(
                new JsonSpot(claudeJson, List.of("mcpServers", "passoff")),
                new JsonSpot(
                    claudeJson,
                    List.of("projects", projectRoot.toString(), "mcpServers", "passoff")),
                new JsonSpot(projectRoot.resolve(".mcp.json"), List.of("mcpServers", "passoff")))));
    checks.add(
        templates(
            "claude",
            List.of(
                ClientPaths.of(InstallScope.USER, home, projectRoot).claudeCommands(),
                ClientPaths.of(InstallScope.PROJECT, home, projectRoot).claudeCommands())));
    checks.add(
        registration(
            "cursor",
            List.of(
                new JsonSpot(
                    ClientPaths.of(InstallScope.USER, home, projectRoot).cursorMcp(),
                    List.of("mcpServers", "passoff")),
                new JsonSpot(
                    ClientPaths.of(InstallScope.PROJECT, home, projectRoot).cursorMcp(),
                    List.of("mcpServers", "passoff")))));
    checks.add(
        templates(
            "cursor",
            List.of(
                ClientPaths.of(InstallScope.USER, home, projectRoot).cursorCommands(),
                ClientPaths.of(InstallScope.PROJECT, home, projectRoot).cursorCommands())));
    Path windsurf =
        Objects.requireNonNull(ClientPaths.of(InstallScope.USER, home, projectRoot).windsurfMcp());
    checks.add(
        registration(
            "windsurf", List.of(new JsonSpot(windsurf, List.of("mcpServers", "passoff")))));
    checks.add(codexRegistration());
    checks.add(codexPlugin());
    return checks;
  }

  private record JsonSpot(Path file, List<String> path) {}

  private HealthCheck registration(String client, List<JsonSpot> spots) {
    String name = client + " mcp";
    for (JsonSpot spot : spots) {
      JsonConfig.Read read = JsonConfig.read(spot.file());
      if (read instanceof Broken broken) {
        return HealthCheck.fail(name, "cannot parse " + spot.file() + ": " + broken.problem());
      }
      if (read instanceof Parsed parsed) {
        Object entry = dig(parsed.root(), spot.path());
        if (entry != null) {
          Object command = entry instanceof Map<?, ?> map ? map.get("command") : null;
          return commandCheck(name, spot.file(), command instanceof String s ? s : null);
        }
      }
    }
    return HealthCheck.warn(name, "MCP server not registered; run: passoff install -c " + client);
  }

  private HealthCheck codexRegistration() {
    String name = "codex mcp";
    Path config = ClientPaths.of(InstallScope.USER, home, projectRoot).codexConfig();
    if (config == null || !Files.exists(config)) {
      return HealthCheck.warn(name, "MCP server not registered; run: passoff install -c codex");
    }
    String text;
    try {
      text = CliContext.decode(Files.readAllBytes(config), config.toString());
    } catch (IOException | CommandFailedException e) {
      return HealthCheck.fail(name, "cannot read " + config + ": " + e.getMessage());
    }
    String problem = CodexToml.problem(text);
    if (problem != null) {
      return HealthCheck.fail(name, "cannot parse " + config + ": " + problem);
    }
    if (!CodexToml.definesServer(text)) {
      return HealthCheck.warn(name, "MCP server not registered; run: passoff install -c codex");
    }
    return commandCheck(name, config, CodexToml.command(text));
  }

  private HealthCheck commandCheck(String name, Path file, @Nullable String command) {
    if (launcher.equals(command)) {
      return HealthCheck.ok(name, "registered in " + file);
    }
    return HealthCheck.warn(
        name,
        "registered in "
            + file
            + " with command "
            + (command == null ? "(none)" : command)
            + ", not "
            + launcher
            + "; run passoff install again to update it");
  }

  private HealthCheck templates(String client, List<Path> dirs) {
    String name = client + " commands";
    Path partial = null;
    List<String> partialMissing = List.of();
    for (Path dir : dirs) {
      List<String> missing = new ArrayList<>();
      for (SlashCommand c : SlashCommand.values()) {
        if (!Files.isRegularFile(dir.resolve(c.fileName()))) {
          missing.add(c.fileName());
        }
      }
      if (missing.isEmpty()) {
        return HealthCheck.ok(name, SlashCommand.values().length + " slash commands in " + dir);
      }
      if (missing.size() < SlashCommand.values().length && partial == null) {
        partial = dir;
        partialMissing = missing;
      }
    }
    if (partial != null) {
      return HealthCheck.warn(
          name,
          "missing "
              + String.join(", ", partialMissing)
              + " in "
              + partial
              + "; run: passoff install -c "
              + client);
    }
    return HealthCheck.warn(
        name, "slash commands not installed; run: passoff install -c " + client);
  }

  private HealthCheck codexPlugin() {
    String name = "codex plugin";
    for (InstallScope scope : InstallScope.values()) {
      ClientPaths paths = ClientPaths.of(scope, home, projectRoot);
      Path plugin = paths.codexPlugin();
      if (!Files.isRegularFile(plugin.resolve(".codex-plugin").resolve("plugin.json"))) {
        continue;
      }
      List<String> missing = new ArrayList<>();
      for (SlashCommand c : SlashCommand.values()) {
        if (!Files.isRegularFile(plugin.resolve("commands").resolve(c.codexFileName()))) {
          missing.add(c.codexFileName());
        }
      }
      if (!missing.isEmpty()) {
        return HealthCheck.warn(
            name,
            "missing commands/"
                + String.join(", commands/", missing)
                + " in "
                + plugin
                + "; run: passoff install -c codex");
      }
      JsonConfig.Read read = JsonConfig.read(paths.marketplace());
      if (read instanceof Broken broken) {
        return HealthCheck.fail(
            name, "cannot parse " + paths.marketplace() + ": " + broken.problem());
      }
      if (!(read instanceof Parsed parsed) || !hasEntry(parsed.root())) {
        return HealthCheck.warn(
            name,
            "plugin in "
                + plugin
                + " but no passoff entry in "
                + paths.marketplace()
                + "; run: passoff install -c codex");
      }
      return HealthCheck.ok(name, "plugin in " + plugin + ", listed in " + paths.marketplace());
    }
    return HealthCheck.warn(name, "plugin not installed; run: passoff install -c codex");
  }

  private static boolean hasEntry(Map<String, @Nullable Object> marketplace) {
    return marketplace.get("plugins") instanceof List<?> plugins
        && plugins.stream()
            .anyMatch(p -> p instanceof Map<?, ?> m && CodexPlugin.NAME.equals(m.get("name")));
  }

  private static @Nullable Object dig(Map<String, @Nullable Object> root, List<String> path) {
    Object current = root;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }
}
