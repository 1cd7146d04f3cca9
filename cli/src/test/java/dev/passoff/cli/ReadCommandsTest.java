package dev.passoff.cli;

import static dev.passoff.cli.Handoffs.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.LoadStamp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list, show and thread: the golden layouts (items 53–55) and their JSON forms. */
class ReadCommandsTest {
  @TempDir Path home;

  private TestCliServices givenListRows() {
    return new TestCliServices(home)
        .given(
            handoff("ph_exactly13X")
                .title("Twenty-six wide from → to, cut")
                .from("abcdefghijklmnopqrstu", null, null)
                .to("yz", null, null, "2025-11-19T00:00:00Z")
                .status("open")
                .created("2025-11-18T23:59:59.999Z")
                .build(),
            handoff("ph_exactly12")
                .title("Twenty-five wide from → to")
                .from("abcdefghijklmnopqrstu", null, null)
                .to("x", null, null, "2025-11-19T01:00:00Z")
                .status("archived")
                .created("2025-11-19T00:00:00Z")
                .build(),
            handoff("ph_legacy-0001")
                .title("Imported 📦 from elsewhere")
                .from("very-long-client-name", "9", null)
                .to("other-tool", null, null, "2025-11-20T10:00:00Z")
                .status("superseded")
                .created("2025-11-20T09:05:00Z")
                .build(),
            handoff("ph_9mWq1LcE")
                .title("Split config loader")
                .from("cursor", null, null)
                .created("2025-11-21T21:02:00Z")
                .build(),
            handoff("ph_4kQ9zX2a")
                .title("Add port validation")
                .from("claude-code", "1.0.0", "claude-opus-4-1")
                .to("cursor", "0.50", null, "2025-11-21T23:00:00Z")
                .status("loaded")
                .created("2025-11-21T22:24:50.123Z")
                .build(),
            handoff("ph_otherproj")
                .project("elsewhere-123456")
                .title("Not in this project")
                .created("2025-11-22T00:00:00Z")
                .build());
  }

  @Test
  void givenRowsOfEveryWidth_list_matchesGolden() {
    Run run = givenListRows().run("list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(Golden.read("list.txt"));
  }

  @Test
  void givenNoRows_list_saysNoHandoffs() {
    Run run = new TestCliServices(home).run("list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(Golden.read("list-empty.txt"));
  }

  @Test
  void givenRows_listWithStatusLimitAndAllProjects_filters() {
    TestCliServices cli = givenListRows();

    assertThat(cli.run("list", "-s", "open", "-n", "1").out())
        .contains("ph_9mWq1LcE")
        .doesNotContain("ph_4kQ9zX2a", "ph_exactly13");
    assertThat(cli.run("list", "-p", "*", "-n", "50").out())
        .startsWith("Project: *\n")
        .contains("ph_otherproj", "ph_4kQ9zX2a");
    assertThat(cli.run("list", "--project", "elsewhere-123456").out())
        .contains("ph_otherproj")
        .doesNotContain("ph_4kQ9zX2a");
  }

  @Test
  void givenRows_listJson_printsTheToolItemsBare() {
    TestCliServices cli = givenListRows();

    Run run = cli.run("list", "--json", "-n", "2");

    assertThat(run.exitCode()).isZero();
    String expected =
        Json.pretty(
                cli
                    .store
                    .list(
                        dev.passoff.core.model.ProjectScope.of(TestCliServices.PROJECT),
                        dev.passoff.core.model.StatusFilter.ALL,
                        2)
                    .stream()
                    .map(HandoffJson::summary)
                    .toList())
            + "\n";
    assertThat(run.out()).isEqualTo(expected).startsWith("[\n  {\n    \"id\": \"ph_4kQ9zX2a\",");
  }

  @Test
  void givenNoRows_listJson_printsEmptyArray() {
    assertThat(new TestCliServices(home).run("list", "--json").out()).isEqualTo("[]\n");
  }

  private TestCliServices givenShowRows() {
    return new TestCliServices(home)
        .given(
            handoff("ph_9mWq1LcE")
                .title("Split config loader")
                .content("Body without a trailing newline")
                .from("cursor", null, null)
                .created("2025-11-21T21:02:00Z")
                .build(),
            handoff("ph_4kQ9zX2a")
                .title("Add port validation")
                .content(
                    "## Current State\nPort parsing accepts 0.\n\n## Next Steps\n"
                        + "- reject 0 and > 65535\n")
                .tags("auth", "validation")
                .from("claude-code", "1.0.0", "claude-opus-4-1")
                .to("cursor", "0.50", "gpt-5", "2025-11-21T23:00:00Z")
                .parent("ph_9mWq1LcE")
                .status("loaded")
                .created("2025-11-21T22:24:50.123Z")
                .build());
  }

  @Test
  void givenLoadedHandoff_show_matchesGoldenAndStampsNothing() {
    TestCliServices cli = givenShowRows();
    Handoff before = cli.store.find(HandoffId.of("ph_4kQ9zX2a")).orElseThrow();
    cli.clock.set(Instant.parse("2026-01-01T00:00:00Z"));

    Run run = cli.run("show", "ph_4kQ9zX2a");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(Golden.read("show.txt"));
    assertThat(cli.store.find(HandoffId.of("ph_4kQ9zX2a"))).contains(before);
    assertThat(cli.store.loads(HandoffId.of("ph_4kQ9zX2a"))).isEmpty();
  }

  @Test
  void givenBareHandoff_show_leavesOutUnsetFields() {
    Run run = givenShowRows().run("show", "ph_9mWq1LcE");

    assertThat(run.out()).isEqualTo(Golden.read("show-minimal.txt"));
  }

  @Test
  void givenLoadHistory_showLoads_listsEachLoad() {
    TestCliServices cli = givenShowRows();
    HandoffId id = HandoffId.of("ph_9mWq1LcE");
    cli.store.loadById(
        id,
        new LoadStamp(
            new ClientIdentity("cursor", "0.50"), "gpt-5", Instant.parse("2025-11-22T08:00:00Z")));
    cli.store.loadById(
        id,
        new LoadStamp(
            new ClientIdentity("codex", null), null, Instant.parse("2025-11-22T09:30:00.5Z")));

    Run run = cli.run("show", "--loads", "ph_9mWq1LcE");

    assertThat(run.out())
        .contains(
            "loads:\n"
                + "  2025-11-22T08:00:00.000Z  cursor (0.50) / gpt-5\n"
                + "  2025-11-22T09:30:00.500Z  codex\n"
                + "\n---\n");
    assertThat(cli.run("show", "--loads", "ph_4kQ9zX2a").out()).contains("loads:\n  (none)\n");
  }

  @Test
  void givenHandoff_showJson_printsTheHandoffObject() {
    TestCliServices cli = givenShowRows();
    Handoff stored = cli.store.find(HandoffId.of("ph_4kQ9zX2a")).orElseThrow();

    Run run = cli.run("show", "ph_4kQ9zX2a", "--json");

    assertThat(run.out()).isEqualTo(Json.pretty(HandoffJson.handoff(stored)) + "\n");
    assertThat(cli.run("show", "ph_4kQ9zX2a", "--json", "--loads").out())
        .contains("\"status\": \"loaded\",\n  \"loads\": []\n}");
  }

  private TestCliServices givenChain() {
    return new TestCliServices(home)
        .given(
            handoff("ph_aaaaaaaa")
                .title("First title")
                .from("claude-code", "1.0.0", null)
                .to("cursor", null, null, "2025-11-21T10:00:00Z")
                .status("loaded")
                .created("2025-11-21T09:00:00Z")
                .build(),
            handoff("ph_bbbbbbbb")
                .title("Second title")
                .from("cursor", null, null)
                .to("codex", null, null, "2025-11-21T12:00:00Z")
                .parent("ph_aaaaaaaa")
                .status("loaded")
                .created("2025-11-21T11:00:00Z")
                .build(),
            handoff("ph_cccccccc")
                .title("Third title")
                .from("codex", null, null)
                .parent("ph_bbbbbbbb")
                .created("2025-11-21T13:00:00Z")
                .build());
  }

  @Test
  void givenChain_threadOfMiddle_matchesAsciiGolden() {
    Run run = givenChain().run("thread", "ph_bbbbbbbb");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(Golden.read("thread.txt"));
  }

  @Test
  void givenChain_threadDirections_walkOneWay() {
    TestCliServices cli = givenChain();

    assertThat(cli.run("thread", "ph_bbbbbbbb", "-d", "ancestors").out())
        .isEqualTo(
            "o ph_aaaaaaaa  First title\n"
                + "|  claude-code -> cursor  [loaded]\n"
                + "|\n"
                + "* ph_bbbbbbbb  Second title\n"
                + "   cursor -> codex  [loaded]\n");
    assertThat(cli.run("thread", "ph_cccccccc", "--direction", "descendants").out())
        .isEqualTo("* ph_cccccccc  Third title\n   codex  [open]\n");
  }

  @Test
  void givenChain_threadJson_printsFullObjectsBare() {
    TestCliServices cli = givenChain();

    Run run = cli.run("thread", "ph_aaaaaaaa", "--json");

    List<Object> expected =
        cli
            .store
            .thread(HandoffId.of("ph_aaaaaaaa"), dev.passoff.core.model.ThreadDirection.BOTH)
            .orElseThrow()
            .stream()
            .map(h -> (Object) HandoffJson.handoff(h))
            .toList();
    assertThat(run.out()).isEqualTo(Json.pretty(expected) + "\n");
    assertThat((List<?>) Json.parse(run.out())).hasSize(3);
  }
}
