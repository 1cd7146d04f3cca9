package dev.passoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.cli.TestCliServices.Run;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.DoctorReport;
import dev.passoff.core.model.mailbox.Finding;
import dev.passoff.core.port.in.MailboxUseCase;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code passoff mailbox doctor}: the fixed lines, the JSON report and the exit codes (§8.1). */
class MailboxDoctorTest {
  static final String ROOT = "/home/dev/projects/netutil";

  @TempDir Path home;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Run run) {
    assertThat(run.out()).hasLineCount(1);
    return (Map<String, Object>) Json.parse(run.out());
  }

  /**
   * Runs the CLI over the test services, with a runtime whose doctor reports {@code findings}: the
   * in-memory runtime has no files and so never finds anything.
   */
  private Run doctorFinding(List<Finding> findings, String... args) {
    TestCliServices services = new TestCliServices(home);
    services.mailboxes.init(Path.of(ROOT), false, false);
    OpenMailboxUseCase real = services.mailbox();
    DoctorReport report = new DoctorReport(ROOT, ROOT + "/.handoff-runtime", findings);
    OpenMailboxUseCase opener =
        delegate(
            OpenMailboxUseCase.class,
            real,
            (method, invokeReal) ->
                method.getName().equals("open")
                    ? delegate(
                        MailboxUseCase.class,
                        (MailboxUseCase) invokeReal.get(),
                        (m, inner) -> m.getName().equals("doctor") ? report : inner.get())
                    : invokeReal.get());
    CliServices cli =
        delegate(
            CliServices.class,
            services,
            (method, invokeReal) -> method.getName().equals("mailbox") ? opener : invokeReal.get());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 4];
    all[0] = "mailbox";
    all[1] = "doctor";
    all[2] = "--root";
    all[3] = ROOT;
    System.arraycopy(args, 0, all, 4, args.length);
    int code =
        PassoffCli.run(
            all,
            cli,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What a stub does for one call: answer itself, or call the real object. */
  private interface Answer {
    Object answer(Method method, RealCall real) throws Throwable;
  }

  private interface RealCall {
    Object get() throws Throwable;
  }

  private static <T> T delegate(Class<T> type, T real, Answer answer) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) ->
                answer.answer(
                    method,
                    () -> {
                      try {
                        return method.invoke(real, args);
                      } catch (InvocationTargetException e) {
                        throw e.getCause();
                      }
                    }));
    return type.cast(proxy);
  }

  private static Finding finding(Finding.Level level, String path, Integer line, String message) {
    return new Finding(level, "stream", path, line, message);
  }

  @Test
  void givenAWarning_doctor_exits0WithoutStrictAnd1WithIt() {
    List<Finding> findings =
        List.of(
            finding(Finding.Level.INFO, "claude-to-codex.jsonl", null, "3 messages, max seq 3"),
            finding(Finding.Level.WARN, "claude-to-codex.jsonl", 7, "seq lower than before"));

    Run lenient = doctorFinding(findings);
    Run strict = doctorFinding(findings, "--strict");

    assertThat(lenient.exitCode()).isZero();
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.err()).isEmpty();
    assertThat(strict.out())
        .isEqualTo(
            """
            INFO: project root: /home/dev/projects/netutil
            INFO: runtime: /home/dev/projects/netutil/.handoff-runtime
            INFO: claude-to-codex.jsonl: 3 messages, max seq 3
            WARN: claude-to-codex.jsonl:7: seq lower than before
            SUMMARY: 0 error(s), 1 warning(s), 1 info
            """);
  }

  @Test
  void givenAnError_doctorJson_exits2AndReportsTheLine() {
    List<Finding> findings =
        List.of(
            finding(Finding.Level.WARN, null, null, "a stray file"),
            finding(Finding.Level.ERROR, "codex-to-claude.jsonl", 2, "not JSON"));

    Run run = doctorFinding(findings, "--json", "--strict");

    assertThat(run.exitCode()).isEqualTo(2);
    Map<String, Object> report = object(run);
    assertThat(report.get("findings"))
        .isEqualTo(
            List.of(
                mapOf("level", "WARN", "check", "stream", "path", null, "message", "a stray file"),
                mapOf(
                    "level", "ERROR",
                    "check", "stream",
                    "path", "codex-to-claude.jsonl",
                    "line", 2L,
                    "message", "not JSON")));
    assertThat(report.get("summary")).isEqualTo(Map.of("errors", 1L, "warnings", 1L, "info", 0L));
  }

  private static Map<String, Object> mapOf(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void givenAHealthyRuntime_doctor_printsTheFixedLinesAndExits0() {
    TestCliServices cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);

    Run run = cli.run("mailbox", "doctor", "--root", ROOT, "--strict");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines().toList())
        .hasSize(3)
        .satisfies(lines -> assertThat(lines.get(0)).matches("INFO: project root: /.+"))
        .satisfies(lines -> assertThat(lines.get(1)).matches("INFO: runtime: /.+/.handoff-runtime"))
        .satisfies(
            lines ->
                assertThat(lines.get(2)).isEqualTo("SUMMARY: 0 error(s), 0 warning(s), 0 info"));
  }

  @Test
  void givenAHealthyRuntime_doctorJson_printsTheReport() {
    TestCliServices cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);

    Map<String, Object> report = object(cli.run("mailbox", "doctor", "--root", ROOT, "--json"));

    assertThat(report.keySet()).containsExactly("root", "runtime", "findings", "summary");
    assertThat(report.get("findings")).isEqualTo(List.of());
    assertThat(report.get("summary")).isEqualTo(Map.of("errors", 0L, "warnings", 0L, "info", 0L));
  }

  @Test
  void givenNoRuntime_doctor_reportsOneErrorAndExits2() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("mailbox", "doctor", "--root", "/home/dev/elsewhere");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
            INFO: project root: /home/dev/elsewhere
            INFO: runtime: /home/dev/elsewhere/.handoff-runtime
            ERROR: no mailbox runtime at /home/dev/elsewhere/.handoff-runtime; \
            run passoff mailbox init
            SUMMARY: 1 error(s), 0 warning(s), 0 info
            """);
  }

  @Test
  void givenNoRuntimeAnywhere_doctor_looksFromTheWorkingDirectory() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("mailbox", "doctor");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .startsWith("INFO: project root: ")
        .contains("ERROR: no mailbox runtime: no .handoff-runtime/ folder at or above " + home)
        .endsWith("SUMMARY: 1 error(s), 0 warning(s), 0 info\n");
  }

  @Test
  void givenNoRuntime_doctorJson_reportsTheErrorAndExits2() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("mailbox", "doctor", "--root", "/home/dev/elsewhere", "--json");

    assertThat(run.exitCode()).isEqualTo(2);
    Map<String, Object> report = object(run);
    assertThat(report)
        .containsEntry("root", "/home/dev/elsewhere")
        .containsEntry("runtime", "/home/dev/elsewhere/.handoff-runtime");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> findings = (List<Map<String, Object>>) report.get("findings");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).keySet()).containsExactly("level", "check", "path", "message");
    assertThat(findings.get(0)).containsEntry("level", "ERROR").containsEntry("check", "runtime");
    assertThat(report.get("summary")).isEqualTo(Map.of("errors", 1L, "warnings", 0L, "info", 0L));
  }

  @Test
  void givenABadArgument_doctor_exits2() {
    TestCliServices cli = new TestCliServices(home);

    Run run = cli.run("mailbox", "doctor", "--strictly");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("FATAL: ").hasLineCount(1);
  }

  @Test
  void givenAnInvalidSession_doctor_exits2WithOneFatalLine() {
    TestCliServices cli = new TestCliServices(home);
    cli.mailboxes.init(Path.of(ROOT), false, false);

    Run run = cli.run("mailbox", "doctor", "--root", ROOT, "--session", "bad session");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("FATAL: session: ").hasLineCount(1);
  }
}
