package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.testing.mailbox.MailboxFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init}: the runtime, the confirmation of --fresh and the agent files (§6.9). */
class MailboxSetupTest {
  static final String ROOT = "/home/dev/projects/netutil";

  @TempDir Path home;

  private boolean hasRuntime(TestCliServices cli, String root) {
    return cli.mailboxes.open(Path.of(root)).isPresent();
  }

  private long messages(TestCliServices cli, String root) {
    return cli.mailboxes.at(Path.of(root)).messages().maxSeq(Side.CLAUDE);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Run run) {
    assertThat(run.out()).hasLineCount(1);
    return (Map<String, Object>) Json.parse(run.out());
  }

  // ---------------------------------------------------------------------------------------------
  // init

  @Test
  void givenNoRuntime_init_createsItWithoutASide() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("mailbox", "init", "--root", ROOT);

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            "Mailbox runtime: /home/dev/projects/netutil/.handoff-runtime\n"
                + "Created .handoff-runtime/\n");
    assertThat(hasRuntime(cli, ROOT)).isTrue();
  }

  @Test
  void givenARuntime_initJson_createsNothing() {
    TestCliServices cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);

    Map<String, Object> out = object(cli.run("mailbox", "init", "--root", ROOT, "--json"));

    assertThat(out)
        .containsEntry("root", ROOT)
        .containsEntry("runtime", ROOT + "/.handoff-runtime")
        .containsEntry("created", List.of())
        .containsEntry("kept", List.of());
  }

  @Test
  void givenARelativeRoot_init_resolvesItAgainstTheWorkingDirectory() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("mailbox", "init", "--root", "project");

    assertThat(run.exitCode()).isZero();
    assertThat(hasRuntime(cli, home.resolve("project").toString())).isTrue();
  }

  @Test
  void givenFreshAndANo_init_abortsAndKeepsTheRuntime() {
    TestCliServices cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);
    cli.mailboxes
        .at(Path.of(ROOT))
        .appendRaw(Side.CLAUDE, MailboxFixtures.fields(Side.CLAUDE, 1, "task"));

    Run run = cli.runWithInput("no\n", "mailbox", "init", "--root", ROOT, "--fresh");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("--fresh deletes /home/dev/projects/netutil/.handoff-runtime ")
        .endsWith("Type yes to continue: Aborted.\n");
    assertThat(messages(cli, ROOT)).isEqualTo(1);
  }

  @Test
  void givenFreshAndAYes_init_startsOver() {
    TestCliServices cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);
    cli.mailboxes
        .at(Path.of(ROOT))
        .appendRaw(Side.CLAUDE, MailboxFixtures.fields(Side.CLAUDE, 1, "task"));

    Run run = cli.runWithInput("yes\n", "mailbox", "init", "--root", ROOT, "--fresh");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).endsWith("\nCreated .handoff-runtime/\n");
    assertThat(messages(cli, ROOT)).isZero();
  }

  @Test
  void givenFreshWithYesFlag_init_doesNotAsk() {
    TestCliServices cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);

    Run run = cli.run("mailbox", "init", "--root", ROOT, "--fresh", "--yes", "--json");

    assertThat(object(run)).containsEntry("created", List.of(".handoff-runtime/"));
  }

  @Test
  void givenProjectFiles_init_writesAgentInstructionsOnlyWhereMissing() throws Exception {
    TestCliServices cli = new TestCliServices(home);
    Path project = Files.createDirectory(home.resolve("project"));
    Files.writeString(project.resolve("CLAUDE.md"), "# Mine\n");

    Run run = cli.run("mailbox", "init", "--root", project.toString(), "--project-files");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Created AGENTS.md\n", "Kept the existing CLAUDE.md; it was not changed.\n");
    assertThat(Files.readString(project.resolve("CLAUDE.md"))).isEqualTo("# Mine\n");
    String agents = Files.readString(project.resolve("AGENTS.md"), StandardCharsets.UTF_8);
    assertThat(agents)
        .contains("PASSOFF_MAILBOX_SIDE=codex", "**claude**", "passoff mailbox poll-gate")
        .contains("passoff mailbox claim", "passoff mailbox complete", "passoff mailbox advance")
        .doesNotContain("{side}", "{peer}");
  }

  @Test
  void givenProjectFilesInAnEmptyFolder_initJson_listsBothFiles() throws Exception {
    TestCliServices cli = new TestCliServices(home);
    Path project = Files.createDirectory(home.resolve("project"));

    Run run = cli.run("mailbox", "init", "--root", project.toString(), "--project-files", "--json");

    assertThat(object(run))
        .containsEntry("created", List.of(".handoff-runtime/", "AGENTS.md", "CLAUDE.md"));
    assertThat(Files.readString(project.resolve("CLAUDE.md")))
        .contains("PASSOFF_MAILBOX_SIDE=claude", "**codex**");
  }
}
