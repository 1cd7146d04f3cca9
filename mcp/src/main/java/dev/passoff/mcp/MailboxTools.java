package dev.passoff.mcp;

import dev.passoff.core.error.HandoffException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.mailbox.MailboxIdentity;
import dev.passoff.core.model.mailbox.PollRequest;
import dev.passoff.core.model.mailbox.SendRequest;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.in.GetHandoffUseCase;
import dev.passoff.core.port.in.MailboxUseCase;
import dev.passoff.core.service.HandoffMarkdown;
import dev.passoff.core.service.mailbox.MailboxJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mailbox_*} tools: the mailbox protocol's reading and writing side for an agent, over
 * the repository's {@code .handoff-runtime/}. The runtime is found on every call; the side and
 * session come from the server's configuration.
 */
final class MailboxTools {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxTools.class);

  static final String SEND = "mailbox_send";
  static final String POLL = "mailbox_poll";
  static final String CLAIM = "mailbox_claim";
  static final String RENEW = "mailbox_renew";
  static final String COMPLETE = "mailbox_complete";
  static final String ADVANCE = "mailbox_advance";
  static final String GATE = "mailbox_gate";
  static final String THREAD = "mailbox_thread";
  static final String DOCTOR = "mailbox_doctor";

  /** The optional content fields shared by send and complete, in schema order. */
  private static final List<String> CONTENT =
      List.of(
          "to_session",
          "broadcast",
          "thread",
          "notes_file",
          "note_text",
          "commit",
          "context",
          "next_action",
          "goal",
          "acceptance",
          "constraints",
          "context_files",
          "files_changed",
          "priority",
          "blocking",
          "expected_within",
          "state",
          "eta",
          "applied",
          "skipped",
          "total_proposed",
          "allow_duplicate");

  private static final List<String> WHO = List.of("side", "session");

  private final MailboxSettings settings;
  private final GetHandoffUseCase handoffs;
  private final List<ToolDefinition> definitions;
  private final Set<String> names;

  MailboxTools(MailboxSettings settings, GetHandoffUseCase handoffs) {
    this.settings = settings;
    this.handoffs = handoffs;
    this.definitions = MailboxCatalog.tools();
    this.names = definitions.stream().map(ToolDefinition::name).collect(Collectors.toSet());
  }

  List<ToolDefinition> definitions() {
    return definitions;
  }

  boolean has(String name) {
    return names.contains(name);
  }

  ToolResult call(String name, Map<String, ?> args, ClientIdentity client) {
    try {
      return ToolResults.success(dispatch(name, args, client));
    } catch (ValidationException e) {
      return ToolResults.error(
          "Error: "
              + e.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")));
    } catch (HandoffException e) {
      return ToolResults.error("Error: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} failed unexpectedly", name, e);
      return ToolResults.error("Error: internal error (see server log)");
    }
  }

  private @Nullable Object dispatch(String name, Map<String, ?> args, ClientIdentity client) {
    return switch (name) {
      case SEND -> send(args, client);
      case POLL -> poll(args, client);
      case CLAIM -> claim(args, client);
      case RENEW -> renew(args, client);
      case COMPLETE -> complete(args, client);
      case ADVANCE -> advance(args, client);
      case GATE -> gate(args, client);
      case THREAD -> thread(args);
      case DOCTOR -> doctor(args);
      default -> throw new IllegalArgumentException("no tool named " + name);
    };
  }

  // ---------------------------------------------------------------------------------------------

  private Object send(Map<String, ?> args, ClientIdentity client) {
    List<String> order =
        fields(List.of("type", "summary", "reply_to"), CONTENT, List.of("handoff_id", "dry_run"));
    ToolArguments a = new ToolArguments(args, order);
    SendRequest.Builder request =
        content(a, SendRequest.builder(a.requiredString("type"), a.requiredString("summary")))
            .replyTo(a.string("reply_to"))
            .dryRun(a.bool("dry_run", false));
    String handoffId = a.string("handoff_id");
    if (handoffId != null && a.raw("note_text") != null) {
      a.problem("handoff_id", "writes the note itself; leave note_text out");
    }
    Caller caller = caller(a, client);
    a.throwIfInvalid();
    if (handoffId != null) {
      Handoff carried = handoffs.get(HandoffId.of(handoffId.strip()));
      request.noteText(HandoffMarkdown.render(carried)).handoffId(carried.id().value());
    }
    return MailboxJson.sent(caller.mailbox.send(caller.who, request.build()));
  }

  private Object poll(Map<String, ?> args, ClientIdentity client) {
    ToolArguments a = new ToolArguments(args, fields(List.of("limit", "peek", "include_notes")));
    int limit = a.integer("limit", PollRequest.DEFAULT_LIMIT);
    boolean peek = a.bool("peek", false);
    boolean notes = a.bool("include_notes", false);
    Caller caller = caller(a, client);
    PollRequest request = a.build(() -> new PollRequest(limit, peek, notes, List.of(), false));
    return MailboxJson.poll(caller.mailbox.poll(caller.who, request));
  }

  private Object claim(Map<String, ?> args, ClientIdentity client) {
    ToolArguments a = new ToolArguments(args, fields(List.of("message_id", "expected_within")));
    String id = a.requiredString("message_id");
    String within = a.string("expected_within");
    Caller caller = caller(a, client);
    a.throwIfInvalid();
    return MailboxJson.claimResult(caller.mailbox.claim(caller.who, id, within));
  }

  private Object renew(Map<String, ?> args, ClientIdentity client) {
    ToolArguments a = new ToolArguments(args, fields(List.of("message_id", "extend")));
    String id = a.requiredString("message_id");
    String extend = a.string("extend");
    Caller caller = caller(a, client);
    a.throwIfInvalid();
    return MailboxJson.claimResult(caller.mailbox.renew(caller.who, id, extend));
  }

  private Object complete(Map<String, ?> args, ClientIdentity client) {
    List<String> order =
        fields(List.of("message_id", "type", "summary"), CONTENT, List.of("claim"));
    ToolArguments a = new ToolArguments(args, order);
    String id = a.requiredString("message_id");
    SendRequest.Builder reply =
        content(a, SendRequest.builder(a.requiredString("type"), a.requiredString("summary")));
    boolean claimFirst = a.bool("claim", false);
    Caller caller = caller(a, client);
    a.throwIfInvalid();
    return MailboxJson.completed(
        caller.mailbox.complete(caller.who, id, reply.build(), claimFirst));
  }

  private Object advance(Map<String, ?> args, ClientIdentity client) {
    ToolArguments a = new ToolArguments(args, fields(List.of("through_id", "force")));
    String through = a.requiredString("through_id");
    boolean force = a.bool("force", false);
    Caller caller = caller(a, client);
    a.throwIfInvalid();
    return MailboxJson.cursor(caller.mailbox.advance(caller.who, through, force));
  }

  private Object gate(Map<String, ?> args, ClientIdentity client) {
    ToolArguments a = new ToolArguments(args, WHO);
    Caller caller = caller(a, client);
    a.throwIfInvalid();
    // Read-only: the proactive streak belongs to the scheduled gate, not to an agent's question.
    return MailboxJson.gate(caller.mailbox.gate(caller.who, 0, false));
  }

  private Object thread(Map<String, ?> args) {
    ToolArguments a = new ToolArguments(args, List.of("id"));
    String id = a.requiredString("id");
    a.throwIfInvalid();
    return MailboxJson.thread(open().thread(id));
  }

  private Object doctor(Map<String, ?> args) {
    ToolArguments a = new ToolArguments(args, List.of("strict"));
    boolean strict = a.bool("strict", false);
    a.throwIfInvalid();
    MailboxUseCase mailbox = open();
    Map<String, @Nullable Object> report = MailboxJson.doctor(mailbox.doctor());
    report.put("strict", strict);
    return report;
  }

  // ---------------------------------------------------------------------------------------------

  /** The runtime and the caller's identity for one call. */
  private record Caller(MailboxUseCase mailbox, MailboxIdentity who) {}

  private Caller caller(ToolArguments a, ClientIdentity client) {
    String sideArg = a.string("side");
    String sessionArg = a.string("session");
    a.throwIfInvalid();
    Side side = side(sideArg, client);
    String session = settings.session() != null ? settings.session() : sessionArg;
    MailboxUseCase mailbox = open();
    return new Caller(mailbox, mailbox.identify(side, session, settings.environment(), client));
  }

  /**
   * The configured side, else the side the client's name implies, else the argument. An argument
   * that contradicts a configured or implied side is refused.
   */
  private Side side(@Nullable String argument, ClientIdentity client) {
    Optional<Side> configured =
        Optional.ofNullable(settings.side())
            .filter(v -> !v.isBlank())
            .map(v -> Side.parse("configured side", v))
            .or(() -> fromClientName(client.name()));
    if (configured.isPresent()) {
      if (argument != null && !argument.isBlank()) {
        Side claimed = Side.parse("side", argument);
        if (claimed != configured.get()) {
          throw new ValidationException(
              "side",
              "'"
                  + argument
                  + "' contradicts this server's side '"
                  + configured.get().wire()
                  + "'; the side is set by the server's configuration");
        }
      }
      return configured.get();
    }
    if (argument == null || argument.isBlank()) {
      throw new ValidationException(
          "side",
          "no side is configured: set "
              + MailboxSettings.SIDE_VARIABLE
              + " (claude or codex) in the server's environment, or start it with --side");
    }
    return Side.parse("side", argument);
  }

  static Optional<Side> fromClientName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    boolean claude = n.contains("claude");
    boolean codex = n.contains("codex");
    if (claude == codex) {
      return Optional.empty();
    }
    return Optional.of(claude ? Side.CLAUDE : Side.CODEX);
  }

  private MailboxUseCase open() {
    Path cwd = settings.workingDirectory();
    Path root =
        settings
            .opener()
            .findRoot(null, settings.environment(), cwd)
            .orElseThrow(
                () ->
                    new dev.passoff.core.error.NotFoundException(
                        "no .handoff-runtime/ at or above "
                            + cwd
                            + " (nor PASSOFF_MAILBOX_ROOT); run `passoff mailbox init` in the"
                            + " repository"));
    return settings.opener().open(root);
  }

  private static SendRequest.Builder content(ToolArguments a, SendRequest.Builder b) {
    b.toSession(a.string("to_session"))
        .broadcast(a.bool("broadcast", false))
        .thread(a.string("thread"))
        .notesFile(a.string("notes_file"))
        .noteText(a.string("note_text"))
        .commit(a.string("commit"))
        .context(a.string("context"))
        .nextAction(a.string("next_action"))
        .goal(a.string("goal"))
        .acceptance(orEmpty(a.stringList("acceptance")))
        .constraints(orEmpty(a.stringList("constraints")))
        .contextFiles(orEmpty(a.stringList("context_files")))
        .filesChanged(orEmpty(a.stringList("files_changed")))
        .priority(a.string("priority"))
        .blocking(a.bool("blocking", false))
        .expectedWithin(a.string("expected_within"))
        .state(a.string("state"))
        .eta(a.string("eta"))
        .allowDuplicate(a.bool("allow_duplicate", false));
    b.applied(count(a, "applied"));
    b.totalProposed(count(a, "total_proposed"));
    b.skipped(skipped(a));
    return b;
  }

  private static @Nullable Long count(ToolArguments a, String field) {
    if (a.raw(field) == null) {
      return null;
    }
    int value = a.integer(field, 0);
    if (value < 0) {
      a.problem(field, "must be an integer >= 0");
    }
    return (long) value;
  }

  private static List<SendRequest.Skipped> skipped(ToolArguments a) {
    Object raw = a.raw("skipped");
    if (raw == null) {
      return List.of();
    }
    List<SendRequest.Skipped> out = new ArrayList<>();
    if (!(raw instanceof List<?> items)) {
      a.problem("skipped", "must be an array of {id, reason}");
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Map<?, ?> m
          && m.get("id") instanceof String id
          && m.get("reason") instanceof String reason) {
        out.add(new SendRequest.Skipped(id, reason));
      } else {
        a.problem("skipped[" + i + "]", "must be an object with string id and reason");
      }
    }
    return out;
  }

  private static List<String> orEmpty(@Nullable List<String> list) {
    return list == null ? List.of() : list;
  }

  @SafeVarargs
  private static List<String> fields(List<String>... groups) {
    List<String> all = new ArrayList<>();
    Stream.of(groups).forEach(all::addAll);
    all.addAll(WHO);
    return all;
  }
}
