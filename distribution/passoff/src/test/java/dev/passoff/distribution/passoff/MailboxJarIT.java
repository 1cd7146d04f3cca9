package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import dev.passoff.distribution.passoff.PassoffProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mailbox through the packaged jar, on real files and real processes: a round trip between the
 * two sides, concurrent senders, crash injection at every step of send, claim and advance, and a
 * full pass over MCP stdio.
 */
class MailboxJarIT {
  @TempDir Path dir;
  Path home;
  Path repo;
  Path rt;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(dir.resolve("home"));
    repo = Files.createDirectories(dir.resolve("repo"));
    rt = repo.resolve(".handoff-runtime");
    Result init = passoff(List.of(), "mailbox", "init");
    assertThat(init.exit()).as(init.err()).isZero();
  }

  Result passoff(List<String> jvm, String... args) throws IOException, InterruptedException {
    return PassoffProcess.run(
        repo, PassoffProcess.environment(home, Map.of()), "", PassoffProcess.command(jvm, args));
  }

  Result side(String side, String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("mailbox"));
    all.add(args[0]);
    all.addAll(List.of("--side", side));
    all.addAll(List.of(args).subList(1, args.length));
    return passoff(List.of(), all.toArray(String[]::new));
  }

  List<String> lines(String stream) throws IOException {
    return Files.readAllLines(rt.resolve(stream), StandardCharsets.UTF_8);
  }

  List<String> ids(String stream) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : lines(stream)) {
      ids.add((String) ((Map<?, ?>) Json.parse(line)).get("id"));
    }
    return ids;
  }

  Result doctor() throws IOException, InterruptedException {
    return passoff(List.of(), "mailbox", "doctor", "--strict");
  }

  @Test
  void aSendCarryingAHandoffReachesTheHandoffStoreFromTheMailboxPath() throws Exception {
    // The one mailbox command that needs the handoff store: the CLI builds the graph on demand.
    Result created =
        PassoffProcess.run(
            repo,
            PassoffProcess.environment(home, Map.of()),
            "## Next steps\nport the lexer\n",
            PassoffProcess.command(List.of(), "create", "-t", "Port the lexer"));
    assertThat(created.exit()).as(created.err()).isZero();
    String id = created.out().strip();

    Result sent =
        side(
            "claude",
            "send",
            "--type",
            "handoff",
            "--summary",
            "Take over the lexer",
            "--next-action",
            "read the note",
            "--handoff",
            id);
    Result unknown =
        side("claude", "send", "--type", "status", "--summary", "x", "--handoff", "ph_missing");

    assertThat(sent.exit()).as(sent.err()).isZero();
    Map<?, ?> line = (Map<?, ?>) Json.parse(lines("claude-to-codex.jsonl").get(0));
    assertThat(((Map<?, ?>) line.get("passoff")).get("handoff_id")).isEqualTo(id);
    String note = (String) ((Map<?, ?>) line.get("refs")).get("notes_file");
    assertThat(Files.readString(rt.resolve(note), StandardCharsets.UTF_8))
        .startsWith("# Port the lexer\n");
    assertThat(unknown.exit()).isEqualTo(3);
    assertThat(unknown.err()).contains("ph_missing");
  }

  @Test
  void aRoundTripBetweenTheSidesEndsDoctorClean() throws Exception {
    Result sent =
        side(
            "claude", "send", "--type", "task", "--summary", "Port the lexer", "--goal", "port it");
    assertThat(sent.exit()).as(sent.err()).isZero();
    assertThat(sent.out())
        .contains("WROTE claude-000001 to " + rt.resolve("claude-to-codex.jsonl"));

    Result gate = side("codex", "poll-gate");
    assertThat(gate.exit()).isZero();
    assertThat(gate.out())
        .startsWith(
            "{\"side\": \"codex\", \"session\": \"codex-default\", \"cursor\": 0,"
                + " \"stream_max_seq\": 1, \"decision\": \"process\"");

    Result claim = side("codex", "claim", "claude-000001");
    assertThat(claim.exit()).as(claim.err()).isZero();
    Result complete =
        side("codex", "complete", "claude-000001", "--type", "done", "--summary", "Ported");
    assertThat(complete.exit()).as(complete.err()).isZero();
    assertThat(side("codex", "poll-gate").exit()).isEqualTo(20);
    assertThat(Files.readString(rt.resolve("cursors/codex-codex-default"))).isEqualTo("1\n");

    assertThat(side("claude", "poll-gate").exit()).isZero();
    Result done = side("claude", "poll", "--json");
    assertThat(done.out()).contains("\"handling\":\"consume\"");
    assertThat(side("claude", "advance", "--through", "codex-000001").exit()).isZero();
    assertThat(side("claude", "poll-gate").exit()).isEqualTo(20);

    Result doctor = doctor();
    assertThat(doctor.exit()).as(doctor.out()).isZero();
    assertThat(doctor.out()).doesNotContain("WARN:").doesNotContain("ERROR:");
  }

  @Test
  void concurrentSenderProcessesShareOneIdSequence() throws Exception {
    int processes = 4;
    int each = 15;
    ExecutorService pool = Executors.newFixedThreadPool(processes);
    try {
      List<Future<List<Integer>>> runs = new ArrayList<>();
      for (int p = 0; p < processes; p++) {
        String session = "claude-w" + p;
        runs.add(
            pool.submit(
                () -> {
                  List<Integer> codes = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    codes.add(
                        side(
                                "claude",
                                "send",
                                "--type",
                                "status",
                                "--summary",
                                session + " " + i,
                                "--session",
                                session)
                            .exit());
                  }
                  return codes;
                }));
      }
      for (Future<List<Integer>> run : runs) {
        assertThat(run.get()).containsOnly(0);
      }
    } finally {
      pool.shutdown();
    }
    List<String> ids = ids("claude-to-codex.jsonl");
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= processes * each; i++) {
      expected.add(String.format("claude-%06d", i));
    }
    assertThat(ids).isEqualTo(expected);
    assertThat(Files.readString(rt.resolve(".claude-seq"))).isEqualTo(processes * each + "\n");
    try (Stream<Path> locks = Files.list(rt.resolve("locks"))) {
      assertThat(locks).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"send-locked", "send-note-written", "send-appended", "send-seq-written"})
  void aSendKilledAtAnyStepLeavesNoDuplicateAndNoTornLine(String step) throws Exception {
    assertThat(side("claude", "send", "--type", "status", "--summary", "before").exit()).isZero();
    Result crashed =
        passoff(
            List.of("-Dpassoff.test.crashAt=" + step),
            "mailbox",
            "send",
            "--side",
            "claude",
            "--type",
            "status",
            "--summary",
            "x".repeat(250));
    assertThat(crashed.exit()).as(crashed.err()).isEqualTo(86);

    Result next = side("claude", "send", "--type", "status", "--summary", "z".repeat(250));
    assertThat(next.exit()).as(next.err()).isZero();

    List<String> ids = ids("claude-to-codex.jsonl");
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids).isSorted();
    for (String line : lines("claude-to-codex.jsonl")) {
      assertThat(Json.parse(line)).isInstanceOf(Map.class);
    }
    boolean appended = step.equals("send-appended") || step.equals("send-seq-written");
    assertThat(ids).hasSize(appended ? 3 : 2);
    assertThat(Files.readString(rt.resolve(".claude-seq"))).isEqualTo(ids.size() + "\n");
    try (Stream<Path> locks = Files.list(rt.resolve("locks"))) {
      assertThat(locks).as("the dead process's lock was taken over").isEmpty();
    }
    Result doctor = doctor();
    assertThat(doctor.out()).doesNotContain("ERROR:");
    if (!step.equals("send-note-written")) {
      assertThat(doctor.exit()).as(doctor.out()).isZero();
    } else {
      // The orphan note is reported as INFO and the next long summary used a fresh name.
      assertThat(doctor.out()).contains("INFO:");
      assertThat(rt.resolve("notes/claude-000002-2.md")).exists();
    }
  }

  @Test
  void aClaimOrCursorWriteKilledMidwayIsAbsorbedOnReplay() throws Exception {
    assertThat(side("claude", "send", "--type", "task", "--summary", "t", "--goal", "g").exit())
        .isZero();
    Result killedClaim =
        passoff(
            List.of("-Dpassoff.test.crashAt=claim-created"),
            "mailbox",
            "claim",
            "--side",
            "codex",
            "claude-000001");
    assertThat(killedClaim.exit()).isEqualTo(86);
    // The claim exists and is ours: claiming again resumes it.
    Result again = side("codex", "claim", "claude-000001");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).startsWith("resumed");

    Result killedComplete =
        passoff(
            List.of("-Dpassoff.test.crashAt=cursor-before-write"),
            "mailbox",
            "complete",
            "--side",
            "codex",
            "claude-000001",
            "--type",
            "done",
            "--summary",
            "done");
    assertThat(killedComplete.exit()).isEqualTo(86);
    assertThat(ids("codex-to-claude.jsonl")).containsExactly("codex-000001");

    // The replay sees the reply and moves on without a second one.
    Result poll = side("codex", "poll", "--json");
    assertThat(poll.exit()).as(poll.err()).isZero();
    Map<?, ?> result = (Map<?, ?>) Json.parse(poll.out());
    assertThat(result.get("cursor")).isEqualTo(1L);
    assertThat(((Map<?, ?>) result.get("counts")).get("answered")).isEqualTo(1L);
    assertThat(ids("codex-to-claude.jsonl")).containsExactly("codex-000001");
    Result doctor = doctor();
    assertThat(doctor.exit()).as(doctor.out()).isZero();
  }

  @Test
  void theMcpToolsDriveAFullPassOnTheRuntimesFiles() throws Exception {
    assertThat(
            side(
                    "claude",
                    "send",
                    "--type",
                    "task",
                    "--summary",
                    "review",
                    "--goal",
                    "g",
                    "--session",
                    "claude-lead")
                .exit())
        .isZero();
    Map<String, String> env =
        PassoffProcess.environment(
            home, Map.of("PASSOFF_MAILBOX_SIDE", "codex", "HANDOFF_SESSION_ID", "codex-mcp"));
    try (PassoffProcess.Server server = new PassoffProcess.Server(repo, env, List.of())) {
      server.initialize("some-client");
      Map<String, Object> poll = server.call(1, "mailbox_poll", Map.of());
      assertThat(PassoffProcess.isError(poll)).as(PassoffProcess.text(poll)).isFalse();
      Map<String, Object> forged =
          server.call(
              2, "mailbox_send", Map.of("type", "status", "summary", "x", "side", "claude"));
      assertThat(PassoffProcess.isError(forged)).isTrue();
      assertThat(PassoffProcess.text(forged)).contains("contradicts");
      Map<String, Object> claim =
          server.call(3, "mailbox_claim", Map.of("message_id", "claude-000001"));
      assertThat(PassoffProcess.text(claim)).contains("\"claimed\"");
      Map<String, Object> done =
          server.call(
              4,
              "mailbox_complete",
              Map.of("message_id", "claude-000001", "type", "done", "summary", "reviewed"));
      assertThat(PassoffProcess.isError(done)).as(PassoffProcess.text(done)).isFalse();
    }
    Map<?, ?> reply = (Map<?, ?>) Json.parse(lines("codex-to-claude.jsonl").get(0));
    assertThat(reply.get("from")).isEqualTo("codex");
    assertThat(reply.get("from_session")).isEqualTo("codex-mcp");
    assertThat(reply.get("to_session")).isEqualTo("claude-lead");
    assertThat(((Map<?, ?>) ((Map<?, ?>) reply.get("passoff")).get("client")).get("name"))
        .isEqualTo("some-client");
    assertThat(Files.readString(rt.resolve("cursors/codex-codex-mcp"))).isEqualTo("1\n");
    assertThat(rt.resolve("claims/codex-handles-claude-000001.json")).exists();
    assertThat(lines("claude-to-codex.jsonl")).hasSize(1);
    Result doctor = doctor();
    assertThat(doctor.exit()).as(doctor.out()).isZero();
    Set<String> sessions = new HashSet<>();
    try (Stream<Path> cursors = Files.list(rt.resolve("cursors"))) {
      cursors.forEach(p -> sessions.add(p.getFileName().toString()));
    }
    assertThat(sessions).containsExactly("codex-codex-mcp");
  }
}
