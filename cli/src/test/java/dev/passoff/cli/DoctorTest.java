package dev.passoff.cli;

import static dev.passoff.cli.Handoffs.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.model.HealthCheck;
import dev.passoff.core.model.StoreReport;
import dev.passoff.core.port.in.MaintainStoreUseCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor: header, store checks, client checks and snippets; exit 1 only on a fail. */
class DoctorTest {
  @TempDir Path home;

  private static MaintainStoreUseCase reporting(StoreReport report) {
    return new MaintainStoreUseCase() {
      @Override
      public StoreReport inspect() {
        return report;
      }

      @Override
      public long rebuildIndex() {
        throw new AssertionError("doctor must not repair anything");
      }
    };
  }

  @Test
  void givenRowsAndNothingInstalled_doctor_warnsPerClientAndExits0() {
    TestCliServices cli =
        new TestCliServices(home)
            .given(
                handoff("ph_a0000001").build(),
                handoff("ph_a0000002").build(),
                handoff("ph_a0000003").status("archived").build(),
                handoff("ph_a0000004").status("loaded").build());

    Run run = cli.run("doctor");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith(
            "passoff v"
                + TestCliServices.VERSION
                + "\n"
                + "DB path: "
                + cli.databaseFile
                + "\n"
                + "Project slug: netutil-cdd640\n"
                + "Project root: /home/dev/projects/netutil\n"
                + "Rows: 4 total\n"
                + "  open: 2\n"
                + "  loaded: 1\n"
                + "  archived: 1\n"
                + "\n"
                + "ok  storage: in memory, nothing to check\n")
        .contains(
            "warn  claude mcp: MCP server not registered; run: passoff install -c claude\n",
            "warn  cursor commands: ",
            "warn  windsurf mcp: ",
            "warn  codex mcp: ",
            "warn  codex plugin: ")
        .contains(
            "    claude mcp add passoff -- " + cli.launcher + " serve\n",
            "    {\"mcpServers\":{\"passoff\":{\"command\":\""
                + cli.launcher
                + "\",\"args\":[\"serve\"]}}}\n",
            "    [mcp_servers.passoff]\n    command = \""
                + cli.launcher
                + "\"\n    args = [\"serve\"]\n");
    assertThat(run.out().lines().filter(l -> l.matches("(ok|warn|fail)  [^:]+: .*"))).hasSize(8);
  }

  @Test
  void givenInstalled_doctor_reportsEveryClientOk() throws IOException {
    TestCliServices cli = new TestCliServices(home);
    cli.run("install", "--no-register");
    cli.run("install", "-c", "cursor");
    cli.run("install", "-c", "windsurf");
    cli.run("install", "-c", "codex");
    Files.writeString(
        home.resolve(".claude.json"),
        "{\"mcpServers\":{\"passoff\":{\"type\":\"stdio\",\"command\":\""
            + cli.launcher
            + "\",\"args\":[\"serve\"]}}}");

    Run run = cli.run("doctor");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "ok  claude mcp: registered in " + home.resolve(".claude.json"),
            "ok  claude commands: 5 slash commands in " + home.resolve(".claude/commands"),
            "ok  cursor mcp: registered in ",
            "ok  cursor commands: ",
            "ok  windsurf mcp: ",
            "ok  codex mcp: registered in " + home.resolve(".codex/config.toml"),
            "ok  codex plugin: plugin in " + home.resolve("plugins/passoff"))
        .doesNotContain("warn  ", "fail  ");
  }

  @Test
  void givenOtherLauncherAndBrokenConfig_doctor_warnsAndFails() throws IOException {
    TestCliServices cli = new TestCliServices(home);
    Path windsurf = home.resolve(".codeium/windsurf/mcp_config.json");
    Files.createDirectories(windsurf.getParent());
    Files.writeString(windsurf, "{\"mcpServers\":{\"passoff\":{\"command\":\"/old/passoff\"}}}");
    Path cursor = home.resolve(".cursor/mcp.json");
    Files.createDirectories(cursor.getParent());
    Files.writeString(cursor, "{oops");

    Run run = cli.run("doctor");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "warn  windsurf mcp: registered in " + windsurf + " with command /old/passoff, not ",
            "fail  cursor mcp: cannot parse " + cursor + ": ");
    assertThat(Files.readString(cursor)).isEqualTo("{oops");
  }

  @Test
  void givenMissingDatabase_doctor_reportsItWithoutFailing() {
    TestCliServices cli = new TestCliServices(home);
    cli.maintenance =
        reporting(new StoreReport(cli.databaseFile.toString(), false, Map.of(), List.of()));

    Run run = cli.run("doctor");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "Rows: 0 total\n",
            "warn  database: "
                + cli.databaseFile
                + " does not exist yet; it is created on first use");
    assertThat(cli.databaseFile).doesNotExist();
  }

  @Test
  void givenFailingStoreCheck_doctor_exits1() {
    TestCliServices cli = new TestCliServices(home);
    cli.maintenance =
        reporting(
            new StoreReport(
                "db",
                true,
                Map.of("open", 3L, "weird", 1L),
                List.of(
                    HealthCheck.ok("schema", "version 1, current"),
                    HealthCheck.fail(
                        "search index", "12 rows missing; run passoff rebuild-index"))));

    Run run = cli.run("doctor");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "Rows: 4 total\n  open: 3\n  weird: 1\n",
            "ok  schema: version 1, current\n",
            "fail  search index: 12 rows missing; run passoff rebuild-index\n");
  }

  @Test
  void givenUnavailableStore_doctor_reportsAFailAndStillChecksClients() {
    TestCliServices cli = new TestCliServices(home);
    cli.maintenance =
        new MaintainStoreUseCase() {
          @Override
          public StoreReport inspect() {
            throw new StoreUnavailableException("cannot open /x/db.sqlite: is a folder");
          }

          @Override
          public long rebuildIndex() {
            throw new AssertionError();
          }
        };

    Run run = cli.run("doctor");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("fail  database: cannot open /x/db.sqlite: is a folder\n", "warn  codex plugin: ")
        .doesNotContain("Rows:");
    assertThat(run.err()).isEmpty();
  }
}
