package dev.passoff.cli;

import dev.passoff.cli.JsonConfig.Broken;
import dev.passoff.cli.JsonConfig.Missing;
import dev.passoff.cli.JsonConfig.Parsed;
import dev.passoff.cli.Templates.SlashCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Installs and removes Passoff's slash commands and MCP registrations for each client. Users' files
 * are parsed before any edit; a file that does not parse is reported and left alone, the other
 * clients are still done, and the run then ends with exit code 1. Only the {@code passoff} entries
 * change.
 */
final class Installer {
  private final CliServices services;
  private final PrintWriter out;
  private final PrintWriter err;
  private final String command;
  private final boolean dryRun;
  private boolean failed;

  Installer(
      CliServices services, PrintWriter out, PrintWriter err, String command, boolean dryRun) {
    this.services = services;
    this.out = out;
    this.err = err;
    this.command = command;
    this.dryRun = dryRun;
  }

  /** Installs for each client in turn and returns the exit code. */
  int install(List<ClientChoice> clients, ClientPaths paths, boolean register) {
    String launcher = services.launcher().toString();
    for (ClientChoice client : clients) {
      switch (client) {
        case CLAUDE -> {
          writeTemplates("claude", paths, paths.claudeCommands(), Templates.claudeFiles());
          if (register) {
            registerClaude(paths, launcher);
          }
        }
        case CURSOR -> {
          writeTemplates("cursor", paths, paths.cursorCommands(), Templates.cursorFiles());
          if (register) {
            registerJson("cursor", paths, paths.cursorMcp(), launcher);
          }
        }
        case CODEX -> installCodex(paths, register, launcher);
        case WINDSURF -> {
          Path config = paths.windsurfMcp();
          if (config == null) {
            say(
                "windsurf (project): skipped: Windsurf reads MCP servers only from"
                    + " ~/.codeium/windsurf/mcp_config.json (use --scope user)");
          } else if (register) {
            registerJson("windsurf", paths, config, launcher);
          }
        }
        case ALL -> throw new IllegalArgumentException("expand ALL before installing");
      }
    }
    say("");
    say(
        dryRun
            ? "Dry run: nothing was written."
            : "Restart Claude Code, Cursor, Windsurf and Codex (or start a new session) to pick up"
                + " the changes.");
    return failed ? PassoffCli.FAILURE : PassoffCli.OK;
  }

  /** Removes what install writes, including template names of earlier versions. */
  int uninstall(List<ClientChoice> clients, ClientPaths paths, boolean register) {
    for (ClientChoice client : clients) {
      switch (client) {
        case CLAUDE -> {
          removeTemplates("claude", paths, paths.claudeCommands(), Templates.CLAUDE_CURSOR_FILES);
          if (register) {
            unregisterClaude(paths);
          }
        }
        case CURSOR -> {
          removeTemplates("cursor", paths, paths.cursorCommands(), Templates.CLAUDE_CURSOR_FILES);
          if (register) {
            unregisterJson("cursor", paths, paths.cursorMcp());
          }
        }
        case CODEX -> uninstallCodex(paths, register);
        case WINDSURF -> {
          Path config = paths.windsurfMcp();
          if (config == null) {
            say("windsurf (project): skipped: Windsurf has no project configuration");
          } else if (register) {
            unregisterJson("windsurf", paths, config);
          }
        }
        case ALL -> throw new IllegalArgumentException("expand ALL before uninstalling");
      }
    }
    say("");
    say("Kept the database: " + services.databaseLocation());
    if (dryRun) {
      say("Dry run: nothing was removed.");
    }
    return failed ? PassoffCli.FAILURE : PassoffCli.OK;
  }

  // ---- templates

  private void writeTemplates(
      String client, ClientPaths paths, Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        write(dir.resolve(file.getKey()), file.getValue());
      }
    } catch (IOException e) {
      problem("cannot write " + client + " commands in " + dir + ": " + AtomicFiles.describe(e));
      return;
    }
    say(tag(client, paths) + (dryRun ? "would write " : "wrote ") + files.size() + " -> " + dir);
    files.keySet().forEach(name -> say("  - " + name));
  }

  private void removeTemplates(String client, ClientPaths paths, Path dir, List<String> names) {
    int removed = 0;
    for (String name : names) {
      Path file = dir.resolve(name);
      try {
        if (dryRun ? Files.exists(file) : AtomicFiles.delete(file)) {
          say("  - " + (dryRun ? "would remove " : "removed ") + name);
          removed++;
        }
      } catch (IOException e) {
        problem("cannot remove " + file + ": " + AtomicFiles.describe(e));
      }
    }
    if (removed == 0) {
      say(tag(client, paths) + "nothing to remove at " + dir);
    } else {
      say(tag(client, paths) + (dryRun ? "would remove " : "removed ") + removed + " from " + dir);
    }
  }

  // ---- Claude Code, through its own command line

  private void registerClaude(ClientPaths paths, String launcher) {
    List<String> remove = List.of("mcp", "remove", "passoff");
    List<String> add =
        List.of("mcp", "add", "--scope", paths.scope().label(), "passoff", "--", launcher, "serve");
    String where = paths.scope() == InstallScope.PROJECT ? " (in " + paths.base() + ")" : "";
    Path claude = ClaudeCli.find(services.environment());
    if (claude == null) {
      say(
          tag("claude", paths)
              + "`claude` is not on PATH; to register the MCP server, run"
              + where
              + ": "
              + ClaudeCli.display(add));
      return;
    }
    if (dryRun) {
      say(
          tag("claude", paths)
              + "would run"
              + where
              + ": "
              + ClaudeCli.display(remove)
              + " && "
              + ClaudeCli.display(add));
      return;
    }
    // Removing first makes a changed launcher path take effect; "not found" is expected.
    ClaudeCli.run(claude, remove, paths.base(), services.environment());
    ClaudeCli.Result result = ClaudeCli.run(claude, add, paths.base(), services.environment());
    if (result.ok()) {
      say(tag("claude", paths) + "registered MCP server -> claude mcp");
    } else {
      problem(
          ClaudeCli.display(add)
              + " failed ("
              + (result.exitCode() < 0 ? "no answer" : "exit " + result.exitCode())
              + "): "
              + result.firstLine());
    }
  }

  private void unregisterClaude(ClientPaths paths) {
    List<String> remove = List.of("mcp", "remove", "passoff");
    String where = paths.scope() == InstallScope.PROJECT ? " (in " + paths.base() + ")" : "";
    Path claude = ClaudeCli.find(services.environment());
    if (claude == null) {
      say(
          tag("claude", paths)
              + "`claude` is not on PATH; to unregister the MCP server, run"
              + where
              + ": "
              + ClaudeCli.display(remove));
      return;
    }
    if (dryRun) {
      say(tag("claude", paths) + "would run" + where + ": " + ClaudeCli.display(remove));
      return;
    }
    if (!Files.isDirectory(paths.base())) {
      say(tag("claude", paths) + "nothing to remove at " + paths.base());
      return;
    }
    ClaudeCli.Result result = ClaudeCli.run(claude, remove, paths.base(), services.environment());
    if (result.ok()) {
      say(tag("claude", paths) + "removed MCP server -> claude mcp");
    } else {
      say(tag("claude", paths) + "no MCP server removed (" + result.firstLine() + ")");
    }
  }

  // ---- Cursor and Windsurf: mcpServers.passoff in a JSON file

  private void registerJson(String client, ClientPaths paths, Path file, String launcher) {
    Map<String, @Nullable Object> root = readJson(file);
    if (root == null) {
      return;
    }
    Map<String, @Nullable Object> servers = servers(root, file, true);
    if (servers == null) {
      return;
    }
    servers.put("passoff", JsonConfig.serverEntry(launcher));
    if (writeOrReport(file, JsonConfig.render(root))) {
      say(
          tag(client, paths)
              + (dryRun ? "would register MCP server -> " : "registered MCP server -> ")
              + file);
    }
  }

  private void unregisterJson(String client, ClientPaths paths, Path file) {
    JsonConfig.Read read = JsonConfig.read(file);
    if (read instanceof Missing) {
      say(tag(client, paths) + "nothing to remove at " + file);
      return;
    }
    Map<String, @Nullable Object> root = readJson(file);
    if (root == null) {
      return;
    }
    Map<String, @Nullable Object> servers = servers(root, file, false);
    if (servers == null || !servers.containsKey("passoff")) {
      say(tag(client, paths) + "nothing to remove at " + file);
      return;
    }
    servers.remove("passoff");
    if (writeOrReport(file, JsonConfig.render(root))) {
      say(
          tag(client, paths)
              + (dryRun ? "would remove MCP server -> " : "removed MCP server -> ")
              + file);
    }
  }

  /** The parsed object (empty when the file is missing), or {@code null} after reporting. */
  private @Nullable Map<String, @Nullable Object> readJson(Path file) {
    JsonConfig.Read read = JsonConfig.read(file);
    if (read instanceof Parsed parsed) {
      return parsed.root();
    }
    if (read instanceof Broken broken) {
      problem("cannot parse " + file + ": " + broken.problem() + "; left it unchanged");
      return null;
    }
    if (read instanceof Missing) {
      return new LinkedHashMap<>();
    }
    throw new AssertionError(read);
  }

  @SuppressWarnings("unchecked") // Json.parse builds objects as Map<String, Object>
  private @Nullable Map<String, @Nullable Object> servers(
      Map<String, @Nullable Object> root, Path file, boolean create) {
    Object servers = root.get("mcpServers");
    if (servers == null) {
      if (!create) {
        return null;
      }
      Map<String, @Nullable Object> created = new LinkedHashMap<>();
      root.put("mcpServers", created);
      return created;
    }
    if (!(servers instanceof Map<?, ?>)) {
      problem("cannot update " + file + ": \"mcpServers\" is not an object; left it unchanged");
      return null;
    }
    return (Map<String, @Nullable Object>) servers;
  }

  // ---- Codex: plugin folder, marketplace entry, config.toml table

  private void installCodex(ClientPaths paths, boolean register, String launcher) {
    Path plugin = paths.codexPlugin();
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        ".codex-plugin/plugin.json", JsonConfig.render(CodexPlugin.manifest(services.version())));
    Templates.codexFiles().forEach((name, text) -> files.put("commands/" + name, text));
    boolean pluginWritten = true;
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        write(plugin.resolve(file.getKey()), file.getValue());
      }
    } catch (IOException e) {
      problem("cannot write the Codex plugin in " + plugin + ": " + AtomicFiles.describe(e));
      pluginWritten = false;
    }
    if (pluginWritten) {
      say(tag("codex", paths) + (dryRun ? "would write plugin -> " : "wrote plugin -> ") + plugin);
    }

    Path marketplaceFile = paths.marketplace();
    JsonConfig.Read read = JsonConfig.read(marketplaceFile);
    Map<String, @Nullable Object> marketplace =
        read instanceof Missing ? CodexPlugin.emptyMarketplace() : readJson(marketplaceFile);
    if (marketplace != null) {
      try {
        CodexPlugin.upsert(marketplace);
        if (writeOrReport(marketplaceFile, JsonConfig.render(marketplace))) {
          say(
              tag("codex", paths)
                  + (dryRun ? "would update marketplace -> " : "updated marketplace -> ")
                  + marketplaceFile);
        }
      } catch (CommandFailedException e) {
        problem("cannot update " + marketplaceFile + ": " + e.getMessage() + "; left it unchanged");
      }
    }
    for (SlashCommand c : SlashCommand.values()) {
      say("  - " + c.codexSlash());
    }

    if (!register) {
      return;
    }
    Path config = paths.codexConfig();
    if (config == null) {
      say(
          "codex (project): MCP registration skipped: Codex reads MCP servers only from"
              + " ~/.codex/config.toml (use --scope user)");
      return;
    }
    String text = readToml(config);
    if (text == null) {
      return;
    }
    String updated;
    try {
      updated = CodexToml.upsert(text, launcher);
    } catch (CommandFailedException e) {
      problem("cannot update " + config + ": " + e.getMessage());
      return;
    }
    if (writeOrReport(config, updated)) {
      say(
          tag("codex", paths)
              + (dryRun ? "would register MCP server -> " : "registered MCP server -> ")
              + config);
    }
  }

  private void uninstallCodex(ClientPaths paths, boolean register) {
    Path plugin = paths.codexPlugin();
    try {
      boolean exists = Files.exists(plugin);
      if (exists && !dryRun) {
        AtomicFiles.deleteTree(plugin);
      }
      say(
          tag("codex", paths)
              + (exists
                  ? (dryRun ? "would remove plugin " : "removed plugin ")
                  : "nothing to remove at ")
              + plugin);
    } catch (IOException e) {
      problem("cannot remove " + plugin + ": " + AtomicFiles.describe(e));
    }

    Path marketplaceFile = paths.marketplace();
    if (JsonConfig.read(marketplaceFile) instanceof Missing) {
      say(tag("codex", paths) + "nothing to remove at " + marketplaceFile);
    } else {
      Map<String, @Nullable Object> marketplace = readJson(marketplaceFile);
      if (marketplace != null) {
        uninstallMarketplace(paths, marketplaceFile, marketplace);
      }
    }

    if (!register) {
      return;
    }
    Path config = paths.codexConfig();
    if (config == null) {
      say("codex (project): skipped MCP registration: Codex has no project configuration");
      return;
    }
    if (!Files.exists(config)) {
      say(tag("codex", paths) + "nothing to remove at " + config);
      return;
    }
    String text = readToml(config);
    if (text == null) {
      return;
    }
    CodexToml.Removal removal = CodexToml.remove(text);
    if (removal.removed()) {
      if (writeOrReport(config, removal.text())) {
        say(
            tag("codex", paths)
                + (dryRun ? "would remove MCP server -> " : "removed MCP server -> ")
                + config);
      }
    } else if (removal.keptSubTables().isEmpty() && CodexToml.definesServer(text)) {
      problem(
          "cannot remove mcp_servers.passoff from "
              + config
              + ": it is not a [mcp_servers.passoff] table; remove it by hand");
    } else {
      say(tag("codex", paths) + "nothing to remove at " + config);
    }
    for (String kept : removal.keptSubTables()) {
      say(tag("codex", paths) + "kept " + kept + " in " + config + "; remove it by hand if unused");
    }
  }

  private void uninstallMarketplace(
      ClientPaths paths, Path file, Map<String, @Nullable Object> marketplace) {
    boolean removed;
    try {
      removed = CodexPlugin.removeEntry(marketplace);
    } catch (CommandFailedException e) {
      problem("cannot update " + file + ": " + e.getMessage() + "; left it unchanged");
      return;
    }
    if (CodexPlugin.isEmptyOwnMarketplace(marketplace)) {
      try {
        if (!dryRun) {
          AtomicFiles.delete(file);
        }
        say(
            tag("codex", paths)
                + (dryRun ? "would remove marketplace file " : "removed marketplace file ")
                + file);
      } catch (IOException e) {
        problem("cannot remove " + file + ": " + AtomicFiles.describe(e));
      }
    } else if (removed) {
      if (writeOrReport(file, JsonConfig.render(marketplace))) {
        say(
            tag("codex", paths)
                + (dryRun ? "would remove marketplace entry -> " : "removed marketplace entry -> ")
                + file);
      }
    } else {
      say(tag("codex", paths) + "nothing to remove at " + file);
    }
  }

  /** The file's text ({@code ""} when missing), or {@code null} after reporting a problem. */
  private @Nullable String readToml(Path file) {
    String text;
    try {
      text = CliContext.decode(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      problem("cannot read " + file + ": " + AtomicFiles.describe(e) + "; left it unchanged");
      return null;
    } catch (CommandFailedException e) {
      problem("cannot parse " + file + ": not valid UTF-8; left it unchanged");
      return null;
    }
    String parseProblem = CodexToml.problem(text);
    if (parseProblem != null) {
      problem("cannot parse " + file + ": " + parseProblem + "; left it unchanged");
      return null;
    }
    return text;
  }

  // ---- output and writes

  private void write(Path file, String text) throws IOException {
    if (!dryRun) {
      AtomicFiles.write(file, text);
    }
  }

  /** Writes and returns true, or reports the failure and returns false. */
  private boolean writeOrReport(Path file, String text) {
    try {
      write(file, text);
      return true;
    } catch (IOException e) {
      problem("cannot write " + file + ": " + AtomicFiles.describe(e));
      return false;
    }
  }

  private static String tag(String client, ClientPaths paths) {
    return client + " (" + paths.scope().label() + "): ";
  }

  private void say(String line) {
    out.print(line);
    out.print('\n');
  }

  /** One error line on stderr; the run goes on and ends with exit code 1. */
  private void problem(String line) {
    failed = true;
    out.flush();
    err.print(command + ": " + PassoffCli.oneLine(line) + "\n");
    err.flush();
  }
}
