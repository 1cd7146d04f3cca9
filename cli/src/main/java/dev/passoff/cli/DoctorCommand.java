package dev.passoff.cli;

import dev.passoff.core.error.HandoffException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.HealthCheck;
import dev.passoff.core.model.ProjectLocation;
import dev.passoff.core.model.StoreReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code passoff doctor}: checks the store and each client's setup without changing anything. */
@Command(
    name = "doctor",
    description = "Check the database and each client's setup; exit 1 if a check fails.")
final class DoctorCommand extends CliCommand {
  DoctorCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    CliServices services = services();
    List<HealthCheck> checks = new ArrayList<>();
    StoreReport report = null;
    try {
      report = services.maintenance().inspect();
    } catch (HandoffException e) {
      checks.add(HealthCheck.fail("database", e.getMessage()));
    }
    ProjectLocation project = services.project().current();
    String launcher = services.launcher().toString();

    println("passoff v" + services.version());
    println("DB path: " + services.databaseLocation());
    println("Project slug: " + project.slug());
    println("Project root: " + project.root());
    if (report != null) {
      println("Rows: " + report.total() + " total");
      report.statusCounts().entrySet().stream()
          .sorted(Map.Entry.comparingByKey(DoctorCommand::statusOrder))
          .forEach(e -> println("  " + e.getKey() + ": " + e.getValue()));
      if (!report.exists()) {
        checks.add(
            HealthCheck.warn(
                "database", report.location() + " does not exist yet; it is created on first use"));
      }
      checks.addAll(report.checks());
    }
    checks.addAll(new ClientChecks(services.home(), project.root(), launcher).run());

    println("");
    boolean failed = false;
    for (HealthCheck check : checks) {
      println(
          check.level().word() + "  " + check.name() + ": " + PassoffCli.oneLine(check.detail()));
      failed |= check.level() == HealthCheck.Level.FAIL;
    }

    println("");
    println("Register the MCP server by hand:");
    println("  Claude Code:");
    println("    " + ClaudeCli.display(List.of("mcp", "add", "passoff", "--", launcher, "serve")));
    println("  Cursor (~/.cursor/mcp.json) and Windsurf (~/.codeium/windsurf/mcp_config.json):");
    println(
        "    "
            + Json.compact(
                Map.of("mcpServers", Map.of("passoff", JsonConfig.serverEntry(launcher)))));
    println("  Codex (~/.codex/config.toml):");
    println("    [mcp_servers.passoff]");
    println("    command = " + CodexToml.basicString(launcher));
    println("    args = [\"serve\"]");
    return failed ? PassoffCli.FAILURE : PassoffCli.OK;
  }

  /** open, loaded, archived first, then any other stored value alphabetically. */
  private static int statusOrder(String a, String b) {
    List<String> known = List.of("open", "loaded", "archived");
    int ia = known.indexOf(a);
    int ib = known.indexOf(b);
    if (ia >= 0 || ib >= 0) {
      return Integer.compare(ia < 0 ? known.size() : ia, ib < 0 ? known.size() : ib);
    }
    return a.compareTo(b);
  }
}
