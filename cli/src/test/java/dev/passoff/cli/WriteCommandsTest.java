package dev.passoff.cli;

import static dev.passoff.cli.Handoffs.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.testing.TestIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands that change handoffs: items 56, 57 and 59, plus create, export and import. */
class WriteCommandsTest {
  @TempDir Path home;

  private TestCliServices givenFamily() {
    return new TestCliServices(home)
        .given(
            handoff("ph_grandpa1").title("Root").created("2025-11-21T09:00:00Z").build(),
            handoff("ph_parent01")
                .title("Middle")
                .parent("ph_grandpa1")
                .created("2025-11-21T10:00:00Z")
                .build(),
            handoff("ph_child001")
                .title("Leaf one")
                .parent("ph_parent01")
                .created("2025-11-21T11:00:00Z")
                .build(),
            handoff("ph_child002")
                .title("Leaf two")
                .parent("ph_parent01")
                .created("2025-11-21T12:00:00Z")
                .build());
  }

  private static List<Object> keys(Map<?, ?> object) {
    return new ArrayList<>(object.keySet());
  }

  private Handoff stored(TestCliServices cli, String id) {
    return cli.store.find(HandoffId.of(id)).orElseThrow();
  }

  @Test
  void givenOpenHandoff_archiveTwice_printsArchivedBothTimes() {
    TestCliServices cli = givenFamily();

    Run first = cli.run("archive", "ph_child001");
    Run second = cli.run("archive", "ph_child001");

    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isEqualTo("Archived ph_child001\n");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).isEqualTo("Archived ph_child001\n");
    assertThat(stored(cli, "ph_child001").status()).isEqualTo(HandoffStatus.ARCHIVED);
  }

  @Test
  void givenArchived_reopen_setsOpenAndKeepsStamps() {
    TestCliServices cli =
        new TestCliServices(home)
            .given(
                handoff("ph_done0001")
                    .to("cursor", "0.50", null, "2025-11-21T23:00:00Z")
                    .status("archived")
                    .build());

    Run run = cli.run("reopen", "ph_done0001");

    assertThat(run.out()).isEqualTo("Reopened ph_done0001\n");
    Handoff after = stored(cli, "ph_done0001");
    assertThat(after.status()).isEqualTo(HandoffStatus.OPEN);
    assertThat(after.toClient()).isEqualTo("cursor");
    assertThat(after.loadedAt()).isEqualTo(Instant.parse("2025-11-21T23:00:00Z"));
  }

  @Test
  void givenLeaf_deleteAnsweredYesWithSpaces_deletes() {
    TestCliServices cli = givenFamily();

    Run run = cli.runWithInput(" YES \n", "delete", "ph_child001");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Delete handoff ph_child001 \"Leaf one\"? This cannot be undone.")
        .contains("'yes'")
        .endsWith("Deleted ph_child001\n");
    assertThat(cli.store.find(HandoffId.of("ph_child001"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "no\n", "y\n", "yes please\n", "\n"})
  void givenLeaf_deleteNotAnsweredYes_abortsAndKeepsIt(String answer) {
    TestCliServices cli = givenFamily();

    Run run = cli.runWithInput(answer, "delete", "ph_child001");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).endsWith("Aborted.\n");
    assertThat(run.err()).isEmpty();
    assertThat(cli.store.find(HandoffId.of("ph_child001"))).isPresent();
  }

  @Test
  void givenParent_deleteWithYes_exits1AndChangesNothing() {
    TestCliServices cli = givenFamily();

    Run run = cli.run("delete", "ph_parent01", "-y");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "Handoff ph_parent01 has 2 child handoff(s); use --reparent to attach them to its"
                + " parent\n");
    assertThat(cli.store.find(HandoffId.of("ph_parent01"))).isPresent();
    assertThat(stored(cli, "ph_child001").parentId()).isEqualTo(HandoffId.of("ph_parent01"));
  }

  @Test
  void givenParent_deleteWithoutYes_refusesBeforeAsking() {
    TestCliServices cli = givenFamily();

    Run run = cli.runWithInput("yes\n", "delete", "ph_parent01");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("has 2 child handoff(s); use --reparent");
    assertThat(cli.store.find(HandoffId.of("ph_parent01"))).isPresent();
  }

  @Test
  void givenParent_deleteReparent_attachesChildrenToGrandparent() {
    TestCliServices cli = givenFamily();

    Run run = cli.run("delete", "ph_parent01", "--reparent", "--yes");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("Deleted ph_parent01\n");
    assertThat(cli.store.find(HandoffId.of("ph_parent01"))).isEmpty();
    assertThat(stored(cli, "ph_child001").parentId()).isEqualTo(HandoffId.of("ph_grandpa1"));
    assertThat(stored(cli, "ph_child002").parentId()).isEqualTo(HandoffId.of("ph_grandpa1"));
  }

  @Test
  void givenOpenAndLoaded_clearAnsweredYes_archivesOnlyOpenOnes() {
    TestCliServices cli =
        givenFamily()
            .given(
                handoff("ph_loaded01")
                    .to("cursor", null, null, "2025-11-21T23:00:00Z")
                    .status("loaded")
                    .build(),
                handoff("ph_elsewher").project("other-000000").build());

    Run run = cli.runWithInput("  yEs\n", "clear");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "Archive 4 open handoff(s) in project 'netutil-cdd640'? Type 'yes' to confirm: "
                + "Archived 4 handoff(s) in project 'netutil-cdd640'.\n");
    assertThat(stored(cli, "ph_loaded01").status()).isEqualTo(HandoffStatus.LOADED);
    assertThat(stored(cli, "ph_elsewher").status()).isEqualTo(HandoffStatus.OPEN);
    assertThat(stored(cli, "ph_child002").status()).isEqualTo(HandoffStatus.ARCHIVED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "nope\n"})
  void givenOpenRows_clearNotAnsweredYes_abortsAndChangesNothing(String answer) {
    TestCliServices cli = givenFamily();

    Run run = cli.runWithInput(answer, "clear");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).endsWith("Aborted.\n");
    assertThat(stored(cli, "ph_child001").status()).isEqualTo(HandoffStatus.OPEN);
  }

  @Test
  void givenNoOpenRows_clear_saysSoWithoutAsking() {
    Run run = new TestCliServices(home).run("clear", "-p", "empty-project");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("No open handoffs in project 'empty-project'.\n");
  }

  @Test
  void givenOpenRows_clearYes_archivesWithoutAsking() {
    Run run = givenFamily().run("clear", "-y");

    assertThat(run.out()).isEqualTo("Archived 4 handoff(s) in project 'netutil-cdd640'.\n");
  }

  @Test
  void givenPipedBody_create_storesItWithCliProvenance() {
    TestCliServices cli =
        new TestCliServices(home, new TestIds().thenRandom(List.of("ph_new00001")));
    cli.stdinIsTerminal = false;

    Run run =
        cli.runWithInput(
            "## Current State\npiped body\n",
            "create",
            "-t",
            "Piped handoff",
            "--tag",
            "cli",
            "--tag",
            "pipe",
            "--model",
            "gpt-5");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("ph_new00001\n");
    Handoff h = stored(cli, "ph_new00001");
    assertThat(h.content()).isEqualTo("## Current State\npiped body\n");
    assertThat(h.tags()).containsExactly("cli", "pipe");
    assertThat(h.fromClient()).isEqualTo("passoff-cli");
    assertThat(h.fromClientVersion()).isEqualTo(TestCliServices.VERSION);
    assertThat(h.fromModel()).isEqualTo("gpt-5");
    assertThat(h.project()).isEqualTo(TestCliServices.PROJECT);
  }

  @Test
  void givenFile_createFromFileAndFromDash_readsTheBody() throws Exception {
    TestCliServices cli = new TestCliServices(home);
    Files.writeString(home.resolve("body.md"), "from a file ✓", StandardCharsets.UTF_8);

    Run fromFile = cli.run("create", "--title", "From file", "-f", "body.md", "-p", "proj-x");
    Run fromDash = cli.runWithInput("from stdin", "create", "-t", "From dash", "--file", "-");

    assertThat(fromFile.exitCode()).isZero();
    assertThat(stored(cli, fromFile.out().strip()).content()).isEqualTo("from a file ✓");
    assertThat(stored(cli, fromFile.out().strip()).project()).isEqualTo("proj-x");
    assertThat(stored(cli, fromDash.out().strip()).content()).isEqualTo("from stdin");
  }

  @Test
  void givenTerminalAndNoFile_create_isAUsageError() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("create", "-t", "No body");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("passoff create: no body given").endsWith("\n");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(
            cli.store.list(
                dev.passoff.core.model.ProjectScope.all(),
                dev.passoff.core.model.StatusFilter.ALL,
                50))
        .isEmpty();
  }

  @Test
  void givenBareDash_create_readsTheBodyFromStdinEvenOnATerminal() {
    TestCliServices cli = new TestCliServices(home);

    Run dash = cli.runWithInput("## Current State\nfrom a dash", "create", "-t", "Dash", "-");
    Run other = cli.runWithInput("body", "create", "-t", "Other", "body.md");
    Run both = cli.runWithInput("body", "create", "-t", "Both", "-f", "-", "-");

    assertThat(dash.exitCode()).as(dash.err()).isZero();
    String id = dash.out().strip();
    assertThat(cli.store.find(dev.passoff.core.model.HandoffId.of(id)).orElseThrow().content())
        .isEqualTo("## Current State\nfrom a dash");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).startsWith("passoff create: unexpected argument 'body.md'");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err().lines()).hasSize(1);
  }

  @Test
  void givenMissingFileOrUnknownParent_create_failsWithOneLine() {
    TestCliServices cli = new TestCliServices(home);

    Run missing = cli.run("create", "-t", "x", "-f", "nope.md");
    Run parent =
        cli.runWithInput("body", "create", "-t", "x", "-f", "-", "--parent", "ph_missing1");
    Run longTitle = cli.runWithInput("body", "create", "-t", "x".repeat(121), "-f", "-");

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("passoff create: cannot read ").contains("no such file");
    assertThat(parent.exitCode()).isEqualTo(1);
    assertThat(parent.err()).isEqualTo("parent_id not found: ph_missing1\n");
    assertThat(longTitle.exitCode()).isEqualTo(2);
    assertThat(longTitle.err())
        .isEqualTo("passoff create: title: must be at most 120 characters\n");
  }

  @Test
  void createSearchLoadReopen_roundTripsAsTheMcpDataShape() {
    TestCliServices cli = new TestCliServices(home);

    Run created =
        cli.runWithInput(
            "## Current State\nThe login form rejects valid emails.\n",
            "create",
            "-t",
            "Fix login validation",
            "--tag",
            "auth",
            "--json",
            "-f",
            "-");
    assertThat(created.exitCode()).isZero();
    Map<?, ?> createdJson = (Map<?, ?>) Json.parse(created.out());
    assertThat(keys(createdJson)).containsExactly("id", "created_at", "project");
    String id = (String) createdJson.get("id");
    assertThat(createdJson.get("project")).isEqualTo(TestCliServices.PROJECT);
    assertThat(createdJson.get("created_at")).isEqualTo(cli.clock.instant().toEpochMilli());

    Run search = cli.run("search", "login", "--json");
    List<?> hits = (List<?>) Json.parse(search.out());
    assertThat(hits).hasSize(1);
    Map<?, ?> hit = (Map<?, ?>) hits.get(0);
    assertThat(keys(hit))
        .containsExactly("id", "title", "snippet", "created_at", "from_client", "status");
    assertThat(hit.get("id")).isEqualTo(id);
    assertThat(hit.get("from_client")).isEqualTo("passoff-cli");

    cli.clock.advance(java.time.Duration.ofMinutes(5));
    Run load = cli.run("load", id, "--model", "claude-opus-4-1", "--json");
    Handoff loaded = stored(cli, id);
    assertThat(Json.parse(load.out()))
        .isEqualTo(Json.parse(Json.pretty(HandoffJson.handoff(loaded))));
    assertThat(load.out()).isEqualTo(Json.pretty(HandoffJson.handoff(loaded)) + "\n");
    assertThat(loaded.status()).isEqualTo(HandoffStatus.LOADED);
    assertThat(loaded.toClient()).isEqualTo("passoff-cli");
    assertThat(loaded.toClientVersion()).isEqualTo(TestCliServices.VERSION);
    assertThat(loaded.toModel()).isEqualTo("claude-opus-4-1");
    assertThat(cli.store.loads(HandoffId.of(id))).hasSize(1);

    Run reopen = cli.run("reopen", id, "--json");
    Map<?, ?> reopened = (Map<?, ?>) Json.parse(reopen.out());
    assertThat(keys(reopened))
        .containsExactly(
            "id",
            "title",
            "tags",
            "from_client",
            "from_model",
            "to_client",
            "created_at",
            "status");
    assertThat(reopened.get("status")).isEqualTo("open");
    assertThat(reopened.get("to_client")).isEqualTo("passoff-cli");

    Run archive = cli.run("archive", id, "--json");
    assertThat(((Map<?, ?>) Json.parse(archive.out())).get("status")).isEqualTo("archived");
  }

  @Test
  void givenHandoffs_loadWithoutId_loadsLatestInShowLayout() {
    TestCliServices cli = givenFamily();

    Run run = cli.run("load");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("# Leaf two\n\nid:          ph_child002\n")
        .contains(
            "status:      loaded\n",
            "to:          passoff-cli (" + TestCliServices.VERSION + ")\n");
    assertThat(cli.run("load", "--latest", "-p", "nothing-here").err())
        .startsWith("No active handoffs for project 'nothing-here'.");
  }

  @Test
  void givenHandoffs_search_printsHitsAndSnippets() {
    TestCliServices cli =
        new TestCliServices(home)
            .given(
                handoff("ph_search01")
                    .title("Login bug")
                    .content("The login\nform is broken")
                    .created("2025-11-21T08:30:00Z")
                    .build(),
                handoff("ph_search02").title("Other").content("nothing relevant").build());

    Run run = cli.run("search", "login", "form");
    Run none = cli.run("search", "absent");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith(
            "Project: netutil-cdd640\n"
                + "ph_search01  2025-11-21 08:30  open      Login bug\n"
                + "    ")
        .doesNotContain("ph_search02");
    assertThat(run.out().lines()).hasSize(3);
    assertThat(none.out()).isEqualTo("Project: netutil-cdd640\n(no matches)\n");
  }

  @Test
  void rebuildIndex_reportsTheCount() {
    Run run = givenFamily().run("rebuild-index");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("Rebuilt search index (4 handoffs)\n");
  }

  @Test
  void givenHandoffs_exportThenImport_copiesThemAndSkipsKnownOnes() throws Exception {
    TestCliServices source = givenFamily();
    Run export = source.run("export", "-o", "out/all.jsonl");
    Path file = home.resolve("out/all.jsonl");

    assertThat(export.exitCode()).isZero();
    assertThat(export.out()).isEqualTo("Exported 4 handoff(s) to " + file + "\n");
    assertThat(Files.readAllLines(file)).hasSize(4);
    assertThat(source.run("export").out()).isEqualTo(Files.readString(file));
    assertThat(source.run("export", "--format", "md").out()).startsWith("# Root\n");

    Path otherHome = Files.createDirectory(home.resolve("other"));
    TestCliServices target = new TestCliServices(otherHome);
    Run first = target.run("import", file.toString());
    Run again = target.runWithInput(Files.readString(file), "import", "-");

    assertThat(first.out()).isEqualTo("Imported 4 handoff(s), skipped 0 already present.\n");
    assertThat(again.out()).isEqualTo("Imported 0 handoff(s), skipped 4 already present.\n");
    assertThat(target.store.find(HandoffId.of("ph_child002")))
        .isEqualTo(source.store.find(HandoffId.of("ph_child002")));
  }

  @Test
  void givenBadLine_import_failsAndImportsNothing() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.runWithInput("{\"id\":1}\nnot json\n", "import", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("passoff import: line 1: ").contains("line 2: ");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(
            new ArrayList<>(
                cli.store.list(
                    dev.passoff.core.model.ProjectScope.all(),
                    dev.passoff.core.model.StatusFilter.ALL,
                    50)))
        .isEmpty();
  }

  @Test
  void givenFileThatIsNotUtf8_import_failsWithOneLine() throws Exception {
    TestCliServices cli = new TestCliServices(home);
    Files.write(home.resolve("bad.jsonl"), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});

    Run run = cli.run("import", "bad.jsonl");
    Run missing = cli.run("import", "missing.jsonl");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("passoff import: cannot read the import: not valid UTF-8\n");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("passoff import: cannot read ").endsWith("no such file\n");
  }

  @Test
  void serve_runsTheServerAndReturnsItsExitCode() {
    TestCliServices cli = new TestCliServices(home);
    cli.serveExitCode = 0;

    Run run = cli.run("serve");

    assertThat(run.exitCode()).isZero();
    assertThat(cli.serveCalls).hasValue(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void serveWithSideAndSession_passesThemToTheServerAndRefusesBadValues() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("serve", "--side", "codex", "--session", "codex-mcp");
    Run badSide = cli.run("serve", "--side", "kodex");
    Run badSession = cli.run("serve", "--session", "bad session");

    assertThat(run.exitCode()).isZero();
    assertThat(cli.serveSide).isEqualTo("codex");
    assertThat(cli.serveSession).isEqualTo("codex-mcp");
    assertThat(badSide.exitCode()).isEqualTo(2);
    assertThat(badSide.err()).contains("--side must be claude or codex");
    assertThat(badSession.exitCode()).isEqualTo(2);
    assertThat(badSession.err()).contains("not a valid session id");
    assertThat(cli.serveCalls).hasValue(1);
  }
}
