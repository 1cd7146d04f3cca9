package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** install and uninstall against a temporary home, with a real fake {@code claude} process. */
@Timeout(60)
class InstallTest {
  private static final List<String> CLAUDE_CURSOR_FILES =
      List.of(
          "passoff.md",
          "passoff-load.md",
          "passoff-list.md",
          "passoff-search.md",
          "passoff-archive.md");
  private static final List<String> CODEX_FILES =
      List.of("create.md", "load.md", "list.md", "search.md", "archive.md");

  @TempDir Path home;
  @TempDir Path tools;

  private TestCliServices cli;
  private Path claudeLog;
  private String launcher;

  @BeforeEach
  void givenFakeClaudeOnPath() throws IOException {
    Path bin = Files.createDirectories(tools.resolve("bin"));
    Path claude = bin.resolve("claude");
    Files.writeString(
        claude,
        "#!/bin/sh\n"
            + "printf '%s|%s\\n' \"$(pwd)\" \"$*\" >> \"$CLAUDE_LOG\"\n"
            + "if [ \"$2\" = add ] && [ -n \"$FAIL_ADD\" ]; then echo 'boom: cannot add' >&2; exit 3; fi\n"
            + "exit 0\n");
    Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
    claudeLog = tools.resolve("claude.log");
    cli = new TestCliServices(home);
    cli.environment.put("PATH", bin + ":/usr/bin:/bin");
    cli.environment.put("CLAUDE_LOG", claudeLog.toString());
    launcher = cli.launcher.toString();
  }

  private List<String> claudeCalls() throws IOException {
    return Files.exists(claudeLog) ? Files.readAllLines(claudeLog) : List.of();
  }

  /** Every file under the folder with its bytes, by relative path. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(p).toString(),
            new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  private String read(String relative) throws IOException {
    return Files.readString(home.resolve(relative));
  }

  private String mcpJson(String launcherPath) {
    return "{\n"
        + "  \"mcpServers\": {\n"
        + "    \"passoff\": {\n"
        + "      \"command\": \""
        + launcherPath
        + "\",\n"
        + "      \"args\": [\n"
        + "        \"serve\"\n"
        + "      ]\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  @Test
  void givenEmptyHome_installAtUserScope_writesEverythingAndRunsClaude() throws IOException {
    Run run = cli.run("install");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    for (String name : CLAUDE_CURSOR_FILES) {
      assertThat(read(".claude/commands/" + name))
          .contains("allowed-tools: mcp__passoff__passoff_*");
      assertThat(read(".cursor/commands/" + name)).doesNotStartWith("---");
    }
    for (String name : CODEX_FILES) {
      assertThat(read("plugins/passoff/commands/" + name)).startsWith("---\ndescription: ");
    }
    Map<?, ?> plugin = (Map<?, ?>) Json.parse(read("plugins/passoff/.codex-plugin/plugin.json"));
    assertThat(plugin.get("name")).isEqualTo("passoff");
    assertThat(plugin.get("version")).isEqualTo(TestCliServices.VERSION);
    Map<?, ?> ui = (Map<?, ?>) plugin.get("interface");
    assertThat(ui.get("displayName")).isEqualTo("Passoff");
    assertThat(ui.get("category")).isEqualTo("Productivity");
    assertThat(ui.get("capabilities")).isEqualTo(List.of("Interactive", "Write"));
    assertThat((List<?>) ui.get("defaultPrompt")).hasSizeBetween(1, 3);
    assertThat(read(".agents/plugins/marketplace.json"))
        .isEqualTo(
            "{\n"
                + "  \"name\": \"passoff-local\",\n"
                + "  \"interface\": {\n"
                + "    \"displayName\": \"Passoff Local\"\n"
                + "  },\n"
                + "  \"plugins\": [\n"
                + "    {\n"
                + "      \"name\": \"passoff\",\n"
                + "      \"source\": {\n"
                + "        \"source\": \"local\",\n"
                + "        \"path\": \"./plugins/passoff\"\n"
                + "      },\n"
                + "      \"policy\": {\n"
                + "        \"installation\": \"INSTALLED_BY_DEFAULT\",\n"
                + "        \"authentication\": \"ON_INSTALL\"\n"
                + "      },\n"
                + "      \"category\": \"Productivity\"\n"
                + "    }\n"
                + "  ]\n"
                + "}\n");
    assertThat(read(".cursor/mcp.json")).isEqualTo(mcpJson(launcher));
    assertThat(read(".codeium/windsurf/mcp_config.json")).isEqualTo(mcpJson(launcher));
    assertThat(read(".codex/config.toml"))
        .isEqualTo("[mcp_servers.passoff]\ncommand = \"" + launcher + "\"\nargs = [\"serve\"]\n");
    assertThat(claudeCalls())
        .containsExactly(
            home + "|mcp remove passoff",
            home + "|mcp add --scope user passoff -- " + launcher + " serve");
    assertThat(run.out())
        .contains(
            "claude (user): wrote 5 -> " + home.resolve(".claude/commands") + "\n  - passoff.md\n",
            "claude (user): registered MCP server -> claude mcp\n",
            "cursor (user): wrote 5 -> " + home.resolve(".cursor/commands") + "\n",
            "cursor (user): registered MCP server -> " + home.resolve(".cursor/mcp.json") + "\n",
            "windsurf (user): registered MCP server -> "
                + home.resolve(".codeium/windsurf/mcp_config.json")
                + "\n",
            "codex (user): wrote plugin -> " + home.resolve("plugins/passoff") + "\n",
            "codex (user): updated marketplace -> "
                + home.resolve(".agents/plugins/marketplace.json")
                + "\n",
            "  - /passoff:create\n",
            "  - /passoff:archive\n",
            "codex (user): registered MCP server -> " + home.resolve(".codex/config.toml") + "\n")
        .endsWith(
            "\n\nRestart Claude Code, Cursor, Windsurf and Codex (or start a new session) to"
                + " pick up the changes.\n");
  }

  @Test
  void givenInstalled_installAgain_changesNoFile() throws IOException {
    cli.run("install");
    Map<String, String> before = snapshot(home);

    Run again = cli.run("install");

    assertThat(again.exitCode()).isZero();
    assertThat(snapshot(home)).isEqualTo(before);
    assertThat(before).hasSize(5 + 5 + 1 + 5 + 1 + 3);
  }

  @Test
  void givenProjectScope_install_writesUnderTheFolderAndSkipsUserOnlyClients() throws IOException {
    Path project = Files.createDirectories(home.resolve("work/app"));

    Run run = cli.run("install", "--scope", "project", "-p", "work/app");

    assertThat(run.exitCode()).isZero();
    assertThat(project.resolve(".claude/commands/passoff-load.md")).exists();
    assertThat(project.resolve(".cursor/commands/passoff.md")).exists();
    assertThat(Files.readString(project.resolve(".cursor/mcp.json"))).isEqualTo(mcpJson(launcher));
    assertThat(project.resolve("plugins/passoff/commands/load.md")).exists();
    assertThat(project.resolve(".agents/plugins/marketplace.json")).exists();
    assertThat(home.resolve(".codex")).doesNotExist();
    assertThat(home.resolve(".codeium")).doesNotExist();
    assertThat(claudeCalls())
        .containsExactly(
            project + "|mcp remove passoff",
            project + "|mcp add --scope project passoff -- " + launcher + " serve");
    assertThat(run.out())
        .contains("windsurf (project): skipped", "codex (project): MCP registration skipped");
  }

  @Test
  void givenNoClaudeOnPath_install_printsTheCommandAndSucceeds() throws IOException {
    cli.environment.put("PATH", "/nonexistent");

    Run run = cli.run("install", "-c", "claude");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "claude (user): `claude` is not on PATH; to register the MCP server, run: claude mcp"
                + " add --scope user passoff -- "
                + launcher
                + " serve");
    assertThat(home.resolve(".claude/commands/passoff.md")).exists();
    assertThat(claudeCalls()).isEmpty();
  }

  @Test
  void givenClaudeAddFails_install_reportsItAndExits1() throws IOException {
    cli.environment.put("FAIL_ADD", "1");

    Run run = cli.run("install", "-c", "claude");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("passoff install: claude mcp add").contains("(exit 3): boom");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void givenOtherMarketplaceEntries_installTwiceThenUninstall_keepsThem() throws IOException {
    Path market = home.resolve(".agents/plugins/marketplace.json");
    Files.createDirectories(market.getParent());
    Files.writeString(
        market,
        "{\"name\":\"my-market\",\"interface\":{\"displayName\":\"Mine\"},\"plugins\":["
            + "{\"name\":\"passoff\",\"source\":\"stale\"},"
            + "{\"name\":\"other-plugin\",\"source\":{\"source\":\"local\",\"path\":\"./plugins/other\"}}]}");

    cli.run("install", "-c", "codex", "--no-register");
    Run second = cli.run("install", "-c", "codex", "--no-register");

    assertThat(second.exitCode()).isZero();
    Map<?, ?> installed = (Map<?, ?>) Json.parse(Files.readString(market));
    assertThat(installed.get("name")).isEqualTo("my-market");
    assertThat(names(installed)).containsExactly("other-plugin", "passoff");
    assertThat(((Map<?, ?>) ((List<?>) installed.get("plugins")).get(1)).get("source"))
        .isEqualTo(Map.of("source", "local", "path", "./plugins/passoff"));

    Run uninstall = cli.run("uninstall", "-c", "codex", "--no-register");

    assertThat(uninstall.exitCode()).isZero();
    Map<?, ?> after = (Map<?, ?>) Json.parse(Files.readString(market));
    assertThat(names(after)).containsExactly("other-plugin");
    assertThat(uninstall.out()).contains("codex (user): removed marketplace entry -> " + market);
  }

  @Test
  void givenOwnMarketplaceWithAnotherPlugin_uninstall_keepsTheFile() throws IOException {
    cli.run("install", "-c", "codex", "--no-register");
    Path market = home.resolve(".agents/plugins/marketplace.json");
    Files.writeString(
        market,
        Files.readString(market)
            .replace("\"plugins\": [", "\"plugins\": [{\"name\":\"other-plugin\"},"));

    cli.run("uninstall", "-c", "codex", "--no-register");

    Map<?, ?> after = (Map<?, ?>) Json.parse(Files.readString(market));
    assertThat(after.get("name")).isEqualTo("passoff-local");
    assertThat(names(after)).containsExactly("other-plugin");
  }

  private static List<Object> names(Map<?, ?> marketplace) {
    return ((List<?>) marketplace.get("plugins"))
        .stream().map(p -> (Object) ((Map<?, ?>) p).get("name")).toList();
  }

  @Test
  void givenUnparsableCursorConfig_install_leavesItAndInstallsTheRest() throws IOException {
    Path cursorMcp = home.resolve(".cursor/mcp.json");
    Files.createDirectories(cursorMcp.getParent());
    byte[] broken = "{ \"mcpServers\": { \"x\": 1, } // comment\n".getBytes(StandardCharsets.UTF_8);
    Files.write(cursorMcp, broken);

    Run run = cli.run("install");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(Files.readAllBytes(cursorMcp)).isEqualTo(broken);
    assertThat(run.err())
        .startsWith("passoff install: cannot parse " + cursorMcp + ": ")
        .endsWith("; left it unchanged\n");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(home.resolve(".cursor/commands/passoff.md")).exists();
    assertThat(home.resolve(".claude/commands/passoff.md")).exists();
    assertThat(read(".codeium/windsurf/mcp_config.json")).isEqualTo(mcpJson(launcher));
    assertThat(home.resolve(".codex/config.toml")).exists();
    assertThat(home.resolve(".agents/plugins/marketplace.json")).exists();
    assertThat(claudeCalls()).hasSize(2);
  }

  @Test
  void givenOtherServers_install_keepsThemInOrderAndTheFileMode() throws IOException {
    Path cursorMcp = home.resolve(".cursor/mcp.json");
    Files.createDirectories(cursorMcp.getParent());
    Files.writeString(
        cursorMcp,
        "{\"zeta\": true, \"mcpServers\": {\"github\": {\"command\": \"gh\", \"args\": []},"
            + " \"passoff\": {\"command\": \"/old\"}, \"last\": {\"url\": \"https://x\"}},"
            + " \"alpha\": [1, 2.5, null]}");
    Files.setPosixFilePermissions(cursorMcp, PosixFilePermissions.fromString("rw-------"));

    Run run = cli.run("install", "-c", "cursor");

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(cursorMcp))
        .isEqualTo(
            "{\n"
                + "  \"zeta\": true,\n"
                + "  \"mcpServers\": {\n"
                + "    \"github\": {\n"
                + "      \"command\": \"gh\",\n"
                + "      \"args\": []\n"
                + "    },\n"
                + "    \"passoff\": {\n"
                + "      \"command\": \""
                + launcher
                + "\",\n"
                + "      \"args\": [\n"
                + "        \"serve\"\n"
                + "      ]\n"
                + "    },\n"
                + "    \"last\": {\n"
                + "      \"url\": \"https://x\"\n"
                + "    }\n"
                + "  },\n"
                + "  \"alpha\": [\n"
                + "    1,\n"
                + "    2.5,\n"
                + "    null\n"
                + "  ]\n"
                + "}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cursorMcp)))
        .isEqualTo("rw-------");
    try (Stream<Path> left = Files.list(cursorMcp.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("mcp.json", "commands");
    }
  }

  @Test
  void givenSymlinkedConfig_install_writesThroughTheLink() throws IOException {
    Path real = Files.createDirectories(home.resolve("dotfiles")).resolve("mcp.json");
    Files.writeString(real, "{}");
    Path link = home.resolve(".cursor/mcp.json");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, real);

    cli.run("install", "-c", "cursor");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo(mcpJson(launcher));
  }

  private static final String CODEX_CONFIG =
      "# my codex config\n"
          + "model = \"gpt-5\"\n"
          + "\n"
          + "[mcp_servers.other]\n"
          + "command = \"other\"\n"
          + "args = [\"x\"]\n"
          + "\n"
          + "[mcp_servers.passoff]\n"
          + "command = \"/old/passoff\"\n"
          + "args = [\"serve\", \"--old\"]\n"
          + "startup_timeout_sec = 20\n"
          + "\n"
          + "[mcp_servers.passoff.env]\n"
          + "PASSOFF_DB_PATH = \"/data/db.sqlite\"\n"
          + "\n"
          + "# fast profile\n"
          + "[profiles.fast]\n"
          + "model = \"gpt-5-mini\"\n";

  @Test
  void givenPassoffTableWithEnvSubTable_install_replacesOnlyThatTable() throws IOException {
    Path config = home.resolve(".codex/config.toml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, CODEX_CONFIG);

    Run run = cli.run("install", "-c", "codex");

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(config))
        .isEqualTo(
            CODEX_CONFIG.replace(
                "command = \"/old/passoff\"\n"
                    + "args = [\"serve\", \"--old\"]\n"
                    + "startup_timeout_sec = 20\n",
                "command = \"" + launcher + "\"\nargs = [\"serve\"]\n"));
  }

  @Test
  void givenPassoffTableWithEnvSubTable_uninstall_removesTheTableAndReportsTheSubTable()
      throws IOException {
    Path config = home.resolve(".codex/config.toml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, CODEX_CONFIG);

    Run run = cli.run("uninstall", "-c", "codex");

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readString(config))
        .isEqualTo(
            "# my codex config\n"
                + "model = \"gpt-5\"\n"
                + "\n"
                + "[mcp_servers.other]\n"
                + "command = \"other\"\n"
                + "args = [\"x\"]\n"
                + "\n"
                + "[mcp_servers.passoff.env]\n"
                + "PASSOFF_DB_PATH = \"/data/db.sqlite\"\n"
                + "\n"
                + "# fast profile\n"
                + "[profiles.fast]\n"
                + "model = \"gpt-5-mini\"\n");
    assertThat(run.out()).contains("codex (user): kept [mcp_servers.passoff.env] in " + config);
  }

  @Test
  void givenInlinePassoffServer_install_refusesAndLeavesTheFile() throws IOException {
    Path config = home.resolve(".codex/config.toml");
    Files.createDirectories(config.getParent());
    String inline = "[mcp_servers]\npassoff = { command = \"/old\" }\n";
    Files.writeString(config, inline);

    Run run = cli.run("install", "-c", "codex");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("passoff install: cannot update " + config);
    assertThat(Files.readString(config)).isEqualTo(inline);
  }

  @Test
  void givenUnparsableToml_install_leavesItUntouched() throws IOException {
    Path config = home.resolve(".codex/config.toml");
    Files.createDirectories(config.getParent());
    String broken = "[mcp_servers.passoff\ncommand = \n";
    Files.writeString(config, broken);

    Run run = cli.run("install", "-c", "codex");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("passoff install: cannot parse " + config + ": ");
    assertThat(Files.readString(config)).isEqualTo(broken);
    assertThat(home.resolve("plugins/passoff/commands/create.md")).exists();
  }

  @Test
  void givenInstalledWithUserContent_uninstall_removesEverythingInstallWroteAndKeepsTheDatabase()
      throws IOException {
    Files.createDirectories(cli.databaseFile.getParent());
    Files.writeString(cli.databaseFile, "not really sqlite");
    Path windsurf = home.resolve(".codeium/windsurf/mcp_config.json");
    Files.createDirectories(windsurf.getParent());
    Files.writeString(windsurf, "{\"mcpServers\":{\"keep-me\":{\"command\":\"k\"}}}");
    Path codexConfig = home.resolve(".codex/config.toml");
    Files.createDirectories(codexConfig.getParent());
    Files.writeString(codexConfig, "model = \"o3\"\n");
    cli.run("install");
    // Files the existing tool installed and never removed.
    Files.writeString(home.resolve(".claude/commands/passoff-list.md"), "old list");
    Files.writeString(home.resolve(".cursor/commands/passoff-search.md"), "old search");
    Files.writeString(home.resolve(".claude/commands/mine.md"), "user command");
    Files.delete(claudeLog);

    Run run = cli.run("uninstall");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    for (String name : CLAUDE_CURSOR_FILES) {
      assertThat(home.resolve(".claude/commands/" + name)).doesNotExist();
      assertThat(home.resolve(".cursor/commands/" + name)).doesNotExist();
    }
    assertThat(home.resolve(".claude/commands/mine.md")).exists();
    assertThat(home.resolve("plugins/passoff")).doesNotExist();
    assertThat(home.resolve(".agents/plugins/marketplace.json")).doesNotExist();
    assertThat(read(".cursor/mcp.json")).isEqualTo("{\n  \"mcpServers\": {}\n}\n");
    assertThat(Files.readString(windsurf))
        .isEqualTo(
            "{\n  \"mcpServers\": {\n    \"keep-me\": {\n      \"command\": \"k\"\n    }\n  }\n}\n");
    assertThat(Files.readString(codexConfig)).isEqualTo("model = \"o3\"\n");
    assertThat(claudeCalls()).containsExactly(home + "|mcp remove passoff");
    assertThat(Files.readString(cli.databaseFile)).isEqualTo("not really sqlite");
    assertThat(run.out())
        .contains(
            "  - removed passoff.md\n",
            "claude (user): removed 5 from " + home.resolve(".claude/commands") + "\n",
            "claude (user): removed MCP server -> claude mcp\n",
            "codex (user): removed plugin " + home.resolve("plugins/passoff") + "\n",
            "codex (user): removed marketplace file "
                + home.resolve(".agents/plugins/marketplace.json")
                + "\n")
        .endsWith("\nKept the database: " + cli.databaseFile + "\n");

    Run again = cli.run("uninstall", "-c", "cursor");
    assertThat(again.out()).contains("cursor (user): nothing to remove at ");
  }

  @Test
  void dryRun_installAndUninstall_writeNothing() throws IOException {
    Run dry = cli.run("install", "--dry-run");

    assertThat(dry.exitCode()).isZero();
    assertThat(snapshot(home)).isEmpty();
    assertThat(claudeCalls()).isEmpty();
    assertThat(dry.out()).contains("would write 5", "would run: claude mcp remove passoff");

    cli.run("install");
    Map<String, String> installed = snapshot(home);
    Files.delete(claudeLog);

    Run dryUninstall = cli.run("uninstall", "--dry-run");

    assertThat(dryUninstall.exitCode()).isZero();
    assertThat(snapshot(home)).isEqualTo(installed);
    assertThat(claudeCalls()).isEmpty();
    assertThat(dryUninstall.out()).contains("  - would remove passoff.md");
  }
}
