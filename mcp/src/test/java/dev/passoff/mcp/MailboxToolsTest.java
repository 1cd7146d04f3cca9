package dev.passoff.mcp;

import static dev.passoff.core.testing.mailbox.MailboxFixtures.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxOpener;
import dev.passoff.core.testing.InMemoryHandoffStore;
import dev.passoff.core.testing.TestClock;
import dev.passoff.core.testing.mailbox.InMemoryMailboxRuntime;
import dev.passoff.core.testing.mailbox.InMemoryMailboxRuntimes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The mailbox tools driven through the server loop, over in-memory runtimes. */
@Timeout(30)
class MailboxToolsTest {
  static final Path ROOT = Path.of("/home/dev/repo");
  final TestClock clock = new TestClock();
  final InMemoryMailboxRuntimes runtimes = new InMemoryMailboxRuntimes(clock);

  McpStdioServer server(@Nullable String side, Map<String, String> given) {
    Map<String, String> env = new java.util.HashMap<>(given);
    env.put("PASSOFF_MAILBOX_ROOT", ROOT.toString());
    McpServices base = TestServerMain.services(new InMemoryHandoffStore(), clock);
    MailboxSettings settings =
        new MailboxSettings(
            new MailboxOpener(runtimes, clock, () -> 1, "9.9.9"), side, null, env, ROOT);
    return new McpStdioServer(
        new McpServices(
            base.create(),
            base.load(),
            base.get(),
            base.list(),
            base.search(),
            base.thread(),
            base.status(),
            settings),
        "9.9.9");
  }

  /** Runs one session: initialize as {@code client}, then each call; returns the call results. */
  List<Map<?, ?>> session(McpStdioServer server, String client, List<Object[]> calls) {
    StringBuilder in = new StringBuilder();
    in.append(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"")
        .append(client)
        .append("\",\"version\":\"1.0\"}}}\n");
    int id = 1;
    for (Object[] call : calls) {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("name", call[0]);
      params.put("arguments", call[1]);
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("jsonrpc", "2.0");
      request.put("id", id++);
      request.put("method", "tools/call");
      request.put("params", params);
      in.append(Json.compact(request)).append('\n');
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.run(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), out);
    List<Map<?, ?>> results = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      Map<?, ?> reply = (Map<?, ?>) Json.parse(line);
      if (!Long.valueOf(0).equals(reply.get("id"))) {
        results.add((Map<?, ?>) reply.get("result"));
      }
    }
    return results;
  }

  static List<Object[]> calls(Object[]... calls) {
    return new ArrayList<>(java.util.Arrays.asList(calls));
  }

  static Object[] call(String tool, Map<String, ?> args) {
    return new Object[] {tool, args};
  }

  static Map<?, ?> data(Map<?, ?> result) {
    assertThat(result.get("isError")).as(String.valueOf(result)).isEqualTo(false);
    return (Map<?, ?>) result.get("structuredContent");
  }

  static String error(Map<?, ?> result) {
    assertThat(result.get("isError")).as(String.valueOf(result)).isEqualTo(true);
    return (String) ((Map<?, ?>) ((List<?>) result.get("content")).get(0)).get("text");
  }

  InMemoryMailboxRuntime runtime() {
    runtimes.init(ROOT, false, false);
    return runtimes.at(ROOT);
  }

  @Test
  void theMailboxToolsFollowTheBatonPassTools() {
    String in = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server("codex", Map.of())
        .run(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
    Map<?, ?> reply = (Map<?, ?>) Json.parse(out.toString(StandardCharsets.UTF_8).strip());
    List<?> tools = (List<?>) ((Map<?, ?>) reply.get("result")).get("tools");
    assertThat(tools.stream().map(t -> (String) ((Map<?, ?>) t).get("name")).toList())
        .containsExactly(
            "passoff_create",
            "passoff_load",
            "passoff_list",
            "passoff_search",
            "passoff_thread",
            "passoff_archive",
            "passoff_get",
            "mailbox_send",
            "mailbox_poll",
            "mailbox_claim",
            "mailbox_renew",
            "mailbox_complete",
            "mailbox_advance",
            "mailbox_gate",
            "mailbox_thread",
            "mailbox_doctor");
  }

  @Test
  void aFullPassClaimsCompletesAndAdvances() {
    InMemoryMailboxRuntime runtime = runtime();
    Map<String, @Nullable Object> task = fields(Side.CLAUDE, 1, "task");
    task.put("from_session", "claude-lead");
    runtime.appendRaw(Side.CLAUDE, task);
    List<Map<?, ?>> r =
        session(
            server("codex", Map.of("HANDOFF_SESSION_ID", "codex-main")),
            "codex-mcp-client",
            calls(
                call("mailbox_gate", Map.of()),
                call("mailbox_poll", Map.of()),
                call("mailbox_claim", Map.of("message_id", "claude-000001")),
                call(
                    "mailbox_complete",
                    Map.of("message_id", "claude-000001", "type", "done", "summary", "ported")),
                call("mailbox_poll", Map.of()),
                call("mailbox_thread", Map.of("id", "claude-000001"))));
    assertThat(data(r.get(0)).get("decision")).isEqualTo("process");
    Map<?, ?> poll = data(r.get(1));
    assertThat(poll.get("session")).isEqualTo("codex-main");
    assertThat(((Map<?, ?>) ((List<?>) poll.get("messages")).get(0)).get("handling"))
        .isEqualTo("claim");
    assertThat(data(r.get(2)).get("outcome")).isEqualTo("claimed");
    Map<?, ?> completed = data(r.get(3));
    assertThat(completed.get("reply_id")).isEqualTo("codex-000001");
    assertThat(completed.get("cursor")).isEqualTo(1L);
    assertThat(((List<?>) data(r.get(4)).get("messages"))).isEmpty();
    assertThat((List<?>) data(r.get(5)).get("messages")).hasSize(2);

    MailboxMessage reply = runtime.messages().readAfter(Side.CODEX, 0, 10, false).messages().get(0);
    assertThat(reply.from()).isEqualTo("codex");
    assertThat(reply.fromSession()).isEqualTo("codex-main");
    assertThat(reply.toSession()).isEqualTo("claude-lead");
    assertThat(reply.fields().get("passoff"))
        .isEqualTo(
            Map.of(
                "tool",
                "passoff/9.9.9",
                "client",
                Map.of("name", "codex-mcp-client", "version", "1.0")));
  }

  @Test
  void aMessageCanCarryAHandoff() {
    InMemoryMailboxRuntime runtime = runtime();
    McpStdioServer server = server("claude", Map.of());
    List<Map<?, ?>> created =
        session(
            server,
            "claude-code",
            calls(
                call(
                    "passoff_create",
                    Map.of("title", "Port the lexer", "content", "## Next Steps\nreview it"))));
    String id = (String) data(created.get(0)).get("id");
    List<Map<?, ?>> r =
        session(
            server,
            "claude-code",
            calls(
                call(
                    "mailbox_send",
                    Map.of(
                        "type",
                        "handoff",
                        "summary",
                        "yours",
                        "next_action",
                        "review",
                        "handoff_id",
                        id)),
                call(
                    "mailbox_send",
                    Map.of(
                        "type",
                        "handoff",
                        "summary",
                        "x",
                        "next_action",
                        "y",
                        "handoff_id",
                        "ph_nothere"))));
    assertThat(data(r.get(0)).get("note")).isEqualTo("notes/claude-000001.md");
    assertThat(error(r.get(1))).contains("ph_nothere");
    MailboxMessage m = runtime.messages().readAfter(Side.CLAUDE, 0, 10, false).messages().get(0);
    assertThat(m.handoffId()).isEqualTo(id);
    assertThat(runtime.messages().readNote("notes/claude-000001.md", 10_000).orElseThrow())
        .startsWith("# Port the lexer\n")
        .contains("review it");
  }

  @Test
  void aToolArgumentCannotChangeTheConfiguredSide() {
    InMemoryMailboxRuntime runtime = runtime();
    List<Map<?, ?>> r =
        session(
            server("codex", Map.of()),
            "claude-code",
            calls(
                call("mailbox_send", Map.of("type", "status", "summary", "x", "side", "claude")),
                call("mailbox_send", Map.of("type", "status", "summary", "y"))));
    assertThat(error(r.get(0))).contains("contradicts").contains("codex");
    assertThat(data(r.get(1)).get("id")).isEqualTo("codex-000001");
    assertThat(runtime.messages().maxSeq(Side.CLAUDE)).isZero();
  }

  @Test
  void withoutAConfiguredSideTheClientNameDecides() {
    InMemoryMailboxRuntime runtime = runtime();
    List<Map<?, ?>> claude =
        session(
            server(null, Map.of()),
            "claude-code",
            calls(call("mailbox_send", Map.of("type", "status", "summary", "hi"))));
    assertThat(data(claude.get(0)).get("id")).isEqualTo("claude-000001");
    List<Map<?, ?>> unknown =
        session(
            server(null, Map.of()),
            "cursor",
            calls(
                call("mailbox_send", Map.of("type", "status", "summary", "hi")),
                call("mailbox_send", Map.of("type", "status", "summary", "hi", "side", "codex"))));
    assertThat(error(unknown.get(0))).contains("PASSOFF_MAILBOX_SIDE");
    assertThat(data(unknown.get(1)).get("id")).isEqualTo("codex-000001");
    assertThat(runtime.messages().maxSeq(Side.CODEX)).isEqualTo(1);
  }

  @Test
  void anInvalidConfiguredSideFailsEveryMailboxCall() {
    runtime();
    List<Map<?, ?>> r =
        session(server("kodex", Map.of()), "codex", calls(call("mailbox_poll", Map.of())));
    assertThat(error(r.get(0))).contains("kodex");
  }

  @Test
  void withoutARuntimeTheErrorSaysHowToCreateOne() {
    List<Map<?, ?>> r =
        session(server("codex", Map.of()), "codex", calls(call("mailbox_poll", Map.of())));
    assertThat(error(r.get(0))).contains("passoff mailbox init");
  }

  @Test
  void badArgumentsAreReportedAsToolErrorsAndWriteNothing() {
    InMemoryMailboxRuntime runtime = runtime();
    List<Map<?, ?>> r =
        session(
            server("claude", Map.of()),
            "claude-code",
            calls(
                call("mailbox_send", Map.of("type", "bogus", "summary", "x")),
                call("mailbox_send", Map.of("type", "handoff", "summary", "no next action")),
                call("mailbox_send", Map.of("type", "status", "summary", 7)),
                call("mailbox_send", Map.of("type", "done", "summary", "x", "applied", -1)),
                call("mailbox_poll", Map.of("limit", 0)),
                call("mailbox_claim", Map.of("message_id", "codex-000009"))));
    assertThat(error(r.get(0))).contains("bogus");
    assertThat(error(r.get(1))).contains("next_action");
    assertThat(error(r.get(2))).contains("summary");
    assertThat(error(r.get(3))).contains("applied");
    assertThat(error(r.get(4))).contains("limit");
    assertThat(error(r.get(5))).contains("codex-000009");
    assertThat(runtime.messages().maxSeq(Side.CLAUDE)).isZero();
  }

  @Test
  void sessionsComeFromTheServersEnvironment() {
    InMemoryMailboxRuntime runtime = runtime();
    session(
        server("claude", Map.of("CLAUDE_SESSION_ID", "claude-lead")),
        "claude-code",
        calls(call("mailbox_send", Map.of("type", "status", "summary", "hi"))));
    assertThat(
            runtime.messages().readAfter(Side.CLAUDE, 0, 1, false).messages().get(0).fromSession())
        .isEqualTo("claude-lead");
    List<Map<?, ?>> bad =
        session(
            server("claude", Map.of("HANDOFF_SESSION_ID", "bad session")),
            "claude-code",
            calls(call("mailbox_send", Map.of("type", "status", "summary", "hi"))));
    assertThat(error(bad.get(0))).contains("HANDOFF_SESSION_ID");
  }
}
