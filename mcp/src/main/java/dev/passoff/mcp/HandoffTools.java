package dev.passoff.mcp;

import dev.passoff.core.error.ErrorCode;
import dev.passoff.core.error.HandoffException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violations;
import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.CreateHandoffRequest;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.LoadHandoffRequest;
import dev.passoff.core.model.SearchHandoffsRequest;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.ThreadDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passoff tools: each call reads its arguments, calls one core use case and maps the outcome to
 * a tool result. Core errors become {@code isError} results, never JSON-RPC errors, and an
 * unexpected exception is logged here and reported without its details.
 */
final class HandoffTools {
  private static final Logger LOG = LoggerFactory.getLogger(HandoffTools.class);

  private static final List<String> CREATE_FIELDS =
      List.of("title", "content", "tags", "parent_id", "project", "from_model");
  private static final List<String> LOAD_FIELDS = List.of("id", "latest", "project", "to_model");
  private static final List<String> LIST_FIELDS = List.of("project", "status", "limit");
  private static final List<String> SEARCH_FIELDS = List.of("query", "project", "limit");
  private static final List<String> THREAD_FIELDS = List.of("id", "direction");
  private static final List<String> ID_FIELDS = List.of("id");

  /** Stands in for an id that failed validation, so the other arguments still get checked. */
  private static final HandoffId PLACEHOLDER_ID = HandoffId.of("x");

  private final McpServices services;
  private final List<ToolDefinition> definitions;
  private final Set<String> names;

  HandoffTools(McpServices services) {
    this.services = services;
    this.definitions = ToolCatalog.tools();
    this.names = definitions.stream().map(ToolDefinition::name).collect(Collectors.toSet());
  }

  /** The advertised tools, in order. */
  List<ToolDefinition> definitions() {
    return definitions;
  }

  /** Whether a tool of this name exists. */
  boolean has(String name) {
    return names.contains(name);
  }

  /**
   * Runs a tool. The caller has checked the name with {@link #has}.
   *
   * @param client the session's identity from {@code initialize}; arguments cannot override it
   */
  ToolResult call(String name, Map<String, ?> args, ClientIdentity client) {
    try {
      return ToolResults.success(dispatch(name, args, client));
    } catch (ValidationException e) {
      LOG.debug("{}: invalid arguments: {}", name, e.getMessage());
      return ToolResults.invalid(name, e.violations());
    } catch (HandoffException e) {
      return ToolResults.error("Error: " + describe(name, e));
    } catch (RuntimeException e) {
      // The message may hold internals (SQL, paths); only the log gets it.
      LOG.error("{} failed unexpectedly", name, e);
      return ToolResults.error("Error: internal error (see server log)");
    }
  }

  private @Nullable Object dispatch(String name, Map<String, ?> args, ClientIdentity client) {
    return switch (name) {
      case ToolCatalog.CREATE -> create(args, client);
      case ToolCatalog.LOAD -> load(args, client);
      case ToolCatalog.LIST -> list(args);
      case ToolCatalog.SEARCH -> search(args);
      case ToolCatalog.THREAD -> thread(args);
      case ToolCatalog.ARCHIVE -> archive(args);
      case ToolCatalog.GET -> get(args);
      default -> throw new IllegalArgumentException("no tool named " + name);
    };
  }

  private Object create(Map<String, ?> args, ClientIdentity client) {
    ToolArguments a = new ToolArguments(args, CREATE_FIELDS);
    String title = a.requiredString("title");
    String content = a.requiredString("content");
    @Nullable List<String> tags = a.stringList("tags");
    @Nullable String parentId = a.string("parent_id");
    @Nullable String project = a.string("project");
    @Nullable String fromModel = a.string("from_model");
    CreateHandoffRequest request =
        a.build(() -> new CreateHandoffRequest(title, content, tags, parentId, project, fromModel));
    return HandoffJson.created(services.create().create(request, client));
  }

  private Object load(Map<String, ?> args, ClientIdentity client) {
    ToolArguments a = new ToolArguments(args, LOAD_FIELDS);
    @Nullable String id = a.string("id");
    boolean latest = a.bool("latest", false);
    @Nullable String project = a.string("project");
    @Nullable String toModel = a.string("to_model");
    LoadHandoffRequest request =
        a.build(() -> new LoadHandoffRequest(id, latest, project, toModel));
    return HandoffJson.handoff(services.load().load(request, client));
  }

  private Object list(Map<String, ?> args) {
    ToolArguments a = new ToolArguments(args, LIST_FIELDS);
    @Nullable String project = a.string("project");
    @Nullable String statusName = a.string("status");
    int limit = a.integer("limit", ListHandoffsRequest.DEFAULT_LIMIT);
    StatusFilter status = a.parse(() -> StatusFilter.parse(statusName), StatusFilter.ALL);
    ListHandoffsRequest request = a.build(() -> new ListHandoffsRequest(project, status, limit));
    return services.list().list(request).items().stream().map(HandoffJson::summary).toList();
  }

  private Object search(Map<String, ?> args) {
    ToolArguments a = new ToolArguments(args, SEARCH_FIELDS);
    String query = a.requiredString("query");
    @Nullable String project = a.string("project");
    int limit = a.integer("limit", ListHandoffsRequest.DEFAULT_LIMIT);
    SearchHandoffsRequest request = a.build(() -> new SearchHandoffsRequest(query, project, limit));
    return services.search().search(request).hits().stream().map(HandoffJson::hit).toList();
  }

  private Object thread(Map<String, ?> args) {
    ToolArguments a = new ToolArguments(args, THREAD_FIELDS);
    @Nullable String rawId = a.string("id");
    @Nullable String directionName = a.string("direction");
    HandoffId id = a.parse(() -> requiredId(rawId), PLACEHOLDER_ID);
    ThreadDirection direction =
        a.parse(() -> ThreadDirection.parse(directionName), ThreadDirection.BOTH);
    a.throwIfInvalid();
    List<Object> chain = new ArrayList<>();
    for (Handoff h : services.thread().thread(id, direction)) {
      chain.add(HandoffJson.handoff(h));
    }
    return chain;
  }

  private Object archive(Map<String, ?> args) {
    HandoffId id = idArgument(args);
    return HandoffJson.summary(services.status().archive(id));
  }

  private Object get(Map<String, ?> args) {
    HandoffId id = idArgument(args);
    return HandoffJson.handoff(services.get().get(id));
  }

  private static HandoffId idArgument(Map<String, ?> args) {
    ToolArguments a = new ToolArguments(args, ID_FIELDS);
    @Nullable String raw = a.string("id");
    return a.build(() -> requiredId(raw));
  }

  /** A required id: blank counts as missing, as everywhere else (spec 4.5). */
  private static HandoffId requiredId(@Nullable String raw) {
    Violations v = new Violations();
    String id = v.optional("id", raw, CreateHandoffRequest.MAX_ID);
    if (id == null && v.isEmpty()) {
      v.add("id", "is required");
    }
    v.throwIfAny();
    return HandoffId.of(id == null ? "" : id);
  }

  private static String describe(String tool, HandoffException e) {
    String message = e.getMessage() == null ? e.code().name() : e.getMessage();
    if (e.code() == ErrorCode.UNAVAILABLE) {
      LOG.warn("{}: storage unavailable: {}", tool, message, e);
      if (!message.toLowerCase(Locale.ROOT).contains("retry")) {
        return message + (message.endsWith(".") ? "" : ".") + " You may retry the call.";
      }
      return message;
    }
    LOG.debug("{}: {} {}", tool, e.code(), message);
    return message;
  }
}
