package dev.passoff.cli;

import static dev.passoff.cli.Handoffs.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Global behaviour: help, version, usage errors (item 58) and unknown ids. */
class UsageTest {
  @TempDir Path home;

  @Test
  void help_printsUsageAndExitCodesOnStdoutWithoutOpeningAnything() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("Usage: passoff ")
        .contains("list", "install", "doctor", "Exit codes:", "PASSOFF_DB_PATH")
        .containsPattern("(?m)^\\s+2\\s+usage error");
    assertThat(cli.useCaseCalls).hasValue(0);
  }

  @Test
  void subcommandHelp_printsItsOptions() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("list", "-h");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: passoff list").contains("--limit", "--status");
    assertThat(cli.useCaseCalls).hasValue(0);
  }

  @Test
  void version_printsTheVersionAlone() {
    Run run = new TestCliServices(home).run("-V");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(TestCliServices.VERSION + "\n");
  }

  @Test
  void noCommand_printsUsageOnStderrAndExits2() {
    Run run = new TestCliServices(home).run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Usage: passoff ");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(new String[] {"list", "-n", "0"}, "passoff list: ", "'0'"),
        Arguments.of(new String[] {"list", "-n", "100"}, "passoff list: ", "'100'"),
        Arguments.of(new String[] {"list", "-n", "abc"}, "passoff list: ", "'abc'"),
        Arguments.of(new String[] {"list", "-s", "bogus"}, "passoff list: ", "'bogus'"),
        Arguments.of(
            new String[] {"thread", "ph_aaaaaaaa", "-d", "sideways"},
            "passoff thread: ",
            "sideways"),
        Arguments.of(new String[] {"search", "x", "--limit", "51"}, "passoff search: ", "'51'"),
        Arguments.of(new String[] {"list", "--bogus"}, "passoff list: ", "--bogus"),
        Arguments.of(new String[] {"show"}, "passoff show: ", "<id>"),
        Arguments.of(new String[] {"frobnicate"}, "passoff: ", "frobnicate"),
        Arguments.of(new String[] {"create", "--tag", "x"}, "passoff create: ", "--title"),
        Arguments.of(new String[] {"search", " "}, "passoff search: ", "query"),
        Arguments.of(new String[] {"install", "-c", "emacs"}, "passoff install: ", "'emacs'"),
        Arguments.of(new String[] {"uninstall", "-s", "global"}, "passoff uninstall: ", "'global'"),
        Arguments.of(new String[] {"export", "--format", "csv"}, "passoff export: ", "'csv'"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void givenBadValue_command_exits2WithOneLineAndNoStackTrace(
      String[] args, String prefix, String mentions) {
    TestCliServices cli = new TestCliServices(home);
    cli.given(handoff("ph_aaaaaaaa").build());

    Run run = cli.run(args);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(prefix).contains(mentions).endsWith("\n");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @ParameterizedTest
  @MethodSource("unknownIdCommands")
  void givenUnknownId_command_exits1WithNotFound(String[] args) {
    Run run = new TestCliServices(home).run(args);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("Handoff not found: ph_nothere\n");
  }

  static Stream<Arguments> unknownIdCommands() {
    return Stream.of(
        Arguments.of((Object) new String[] {"show", "ph_nothere"}),
        Arguments.of((Object) new String[] {"archive", "ph_nothere"}),
        Arguments.of((Object) new String[] {"delete", "ph_nothere"}),
        Arguments.of((Object) new String[] {"delete", "-y", "ph_nothere"}),
        Arguments.of((Object) new String[] {"reopen", "ph_nothere"}),
        Arguments.of((Object) new String[] {"load", "ph_nothere"}),
        Arguments.of((Object) new String[] {"thread", "ph_nothere"}));
  }
}
