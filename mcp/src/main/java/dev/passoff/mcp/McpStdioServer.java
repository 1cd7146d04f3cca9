package dev.passoff.mcp;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.ClientIdentity;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Passoff MCP server over stdio: JSON-RPC 2.0, one compact message per line, serving the
 * passoff tools until its input ends.
 *
 * <p><b>Why this class runs its own loop instead of the SDK's {@code StdioServerTransportProvider}
 * and {@code McpServer}.</b> The MCP Java SDK 2.1.0 stdio server cannot meet the baton-pass
 * contract (spec section 4.1): it stops reading for good after one line that is not a JSON-RPC
 * message instead of answering {@code -32700}/{@code -32600} and going on; it always advertises a
 * {@code logging} capability; it holds every request that arrives before {@code
 * notifications/initialized} (forever, if that never comes), where a {@code tools/call} before
 * {@code initialize} must run as client {@code unknown}; it drops the replies of requests still
 * running when stdin closes; it answers out of order; and it fixes the unknown-tool error text. So
 * the protocol loop lives here, and the SDK supplies the protocol's names and numbers (methods,
 * error codes, versions; compile-time constants). Messages are read and written with core's {@link
 * Json}, not with Jackson and the SDK's records: building a Jackson mapper and introspecting the
 * schema records costs a fresh process hundreds of milliseconds before it can answer {@code
 * initialize}, against a start-up budget of 250 ms. The SDK's own client drives this server in the
 * tests, which is the conformance check that matters.
 *
 * <p>Requests are handled one at a time, in arrival order, on the thread that calls {@link #run}.
 * That keeps each tool call one transaction, keeps replies in order, and means no thread outlives
 * {@code run}: when stdin ends, the request being handled has already been answered.
 *
 * <p>Only JSON-RPC messages are written to the output stream; diagnostics go to SLF4J.
 */
public final class McpStdioServer {
  private static final Logger LOG = LoggerFactory.getLogger(McpStdioServer.class);

  /** Longest accepted line in characters: room for a maximal body written with escapes. */
  static final int MAX_LINE_CHARS = 32 * 1024 * 1024;

  static final String SERVER_NAME = "passoff";

  /** Versions echoed back to a client that asks for them; the last one is offered otherwise. */
  static final List<String> PROTOCOL_VERSIONS =
      List.of(
          ProtocolVersions.MCP_2024_11_05,
          ProtocolVersions.MCP_2025_03_26,
          ProtocolVersions.MCP_2025_06_18,
          ProtocolVersions.MCP_2025_11_25);

  private static final int PARSE_ERROR = McpSchema.ErrorCodes.PARSE_ERROR;
  private static final int INVALID_REQUEST = McpSchema.ErrorCodes.INVALID_REQUEST;
  private static final int METHOD_NOT_FOUND = McpSchema.ErrorCodes.METHOD_NOT_FOUND;
  private static final int INVALID_PARAMS = McpSchema.ErrorCodes.INVALID_PARAMS;
  private static final int INTERNAL_ERROR = McpSchema.ErrorCodes.INTERNAL_ERROR;

  private final HandoffTools tools;
  private final @Nullable MailboxTools mailboxTools;
  private final String version;
  private final Map<String, Object> toolList;

  /**
   * Creates a server; nothing is read or written before {@link #run}.
   *
   * @param services the use cases behind the tools
   * @param version the Passoff version reported as {@code serverInfo.version}
   */
  public McpStdioServer(McpServices services, String version) {
    this.tools = new HandoffTools(Objects.requireNonNull(services, "services"));
    this.mailboxTools =
        services.mailbox() == null ? null : new MailboxTools(services.mailbox(), services.get());
    this.version = Objects.requireNonNull(version, "version");
    List<Object> advertised = new ArrayList<>();
    tools.definitions().forEach(d -> advertised.add(d.toWire()));
    if (mailboxTools != null) {
      mailboxTools.definitions().forEach(d -> advertised.add(d.toWire()));
    }
    this.toolList = Map.of("tools", List.copyOf(advertised));
  }

  /**
   * Serves one session: reads requests from {@code in} until it ends, writes each reply to {@code
   * out} as one line, and returns once the last request has been answered and {@code out} flushed.
   * Neither stream is closed.
   *
   * @return 0 when the input ended; 1 when reading or writing failed
   */
  public int run(InputStream in, OutputStream out) {
    LineReader lines =
        new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE_CHARS);
    // OutputStreamWriter replaces an unpaired surrogate with '?', so a reply stays valid UTF-8.
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    Session session = new Session();
    LOG.debug("MCP stdio server started");
    try {
      LineReader.Line line;
      while ((line = lines.next()) != null) {
        String reply = handleLine(line, session);
        if (reply != null) {
          LOG.trace("-> {}", abbreviate(reply));
          writer.write(reply);
          writer.write('\n');
          writer.flush();
        }
      }
      writer.flush();
    } catch (IOException e) {
      // A closed or broken pipe: the client is gone, and a stack trace would say no more.
      LOG.error("stdio transport failed; stopping: {}", e.toString());
      return 1;
    }
    LOG.debug("stdin closed; MCP stdio server stopped");
    return 0;
  }

  /** What one session knows about its client. */
  private static final class Session {
    private ClientIdentity client = ClientIdentity.UNKNOWN;
  }

  private @Nullable String handleLine(LineReader.Line line, Session session) {
    if (line.oversized()) {
      LOG.warn("dropped a message longer than {} characters", MAX_LINE_CHARS);
      return errorReply(null, INVALID_REQUEST, "Invalid Request: message too long");
    }
    String text = line.text();
    if (text.isBlank()) {
      // Stray blank lines (for example a doubled line end) carry no message; JSON-RPC has
      // nothing to answer.
      return null;
    }
    LOG.trace("<- {}", abbreviate(text));
    try {
      return handleMessage(text, session);
    } catch (RuntimeException e) {
      LOG.error("failed to handle a message", e);
      return errorReply(null, INTERNAL_ERROR, "Internal error");
    }
  }

  private @Nullable String handleMessage(String text, Session session) {
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (Json.ParseException e) {
      LOG.warn("answering -32700 to a line that is not JSON: {}", firstLine(e.getMessage()));
      return errorReply(null, PARSE_ERROR, "Parse error");
    }
    if (!(parsed instanceof Map<?, ?> message)) {
      LOG.warn("answering -32600 to JSON that is not a JSON-RPC message object");
      return errorReply(null, INVALID_REQUEST, "Invalid Request: expected a JSON-RPC 2.0 object");
    }
    boolean hasId = message.containsKey("id");
    @Nullable Object id = requestId(message.get("id"));
    if (!McpSchema.JSONRPC_VERSION.equals(message.get("jsonrpc"))) {
      LOG.warn("answering -32600 to a message without \"jsonrpc\":\"2.0\"");
      return errorReply(id, INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
    }
    Object method = message.get("method");
    if (method == null) {
      if (hasId && (message.containsKey("result") || message.containsKey("error"))) {
        // A reply from the client; this server never sends requests, so nothing waits for it.
        LOG.debug("ignoring a response from the client");
        return null;
      }
      LOG.warn("answering -32600 to a message without a method");
      return errorReply(id, INVALID_REQUEST, "Invalid Request: missing \"method\"");
    }
    if (!(method instanceof String name)) {
      return errorReply(id, INVALID_REQUEST, "Invalid Request: \"method\" must be a string");
    }
    if (!hasId) {
      LOG.debug("notification {}", name);
      return null;
    }
    if (id == null) {
      LOG.warn("answering -32600 to {} with an id that is not a string or an integer", name);
      return errorReply(
          null, INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer");
    }
    return handleRequest(name, id, message.get("params"), session);
  }

  private String handleRequest(String method, Object id, @Nullable Object params, Session session) {
    LOG.debug("request {} (id {})", method, id);
    try {
      return switch (method) {
        case McpSchema.METHOD_INITIALIZE -> initialize(id, params, session);
        case McpSchema.METHOD_PING -> resultReply(id, Map.of());
        case McpSchema.METHOD_TOOLS_LIST -> resultReply(id, toolList);
        case McpSchema.METHOD_TOOLS_CALL -> callTool(id, params, session);
        default -> errorReply(id, METHOD_NOT_FOUND, "Method not found: " + abbreviate(method, 100));
      };
    } catch (RuntimeException e) {
      // Tool failures are already results; this is the protocol layer failing, so the cause is
      // logged and the client gets a bare JSON-RPC error.
      LOG.error("failed to answer {} (id {})", method, id, e);
      return errorReply(id, INTERNAL_ERROR, "Internal error");
    }
  }

  private String initialize(Object id, @Nullable Object params, Session session) {
    // Only the two strings provenance and negotiation need are read; a client whose capabilities
    // or other fields have an unexpected shape still gets a session.
    Map<?, ?> p = params instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> info = p.get("clientInfo") instanceof Map<?, ?> m ? m : Map.of();
    session.client =
        ClientIdentity.of(
            given(stringOrNull(info.get("name"))), given(stringOrNull(info.get("version"))));
    String requested = p.get("protocolVersion") instanceof String v ? v : "";
    String negotiated =
        PROTOCOL_VERSIONS.contains(requested)
            ? requested
            : PROTOCOL_VERSIONS.get(PROTOCOL_VERSIONS.size() - 1);
    if (!negotiated.equals(requested)) {
      LOG.info("client asked for protocol {}; offering {}", abbreviate(requested, 40), negotiated);
    }
    LOG.info(
        "initialized by {} {} (protocol {})",
        abbreviate(session.client.name(), 80),
        session.client.version() == null ? "" : abbreviate(session.client.version(), 40),
        negotiated);
    Map<String, Object> serverInfo = new LinkedHashMap<>(4);
    serverInfo.put("name", SERVER_NAME);
    serverInfo.put("version", version);
    Map<String, Object> result = new LinkedHashMap<>(4);
    result.put("protocolVersion", negotiated);
    result.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
    result.put("serverInfo", serverInfo);
    return resultReply(id, result);
  }

  private String callTool(Object id, @Nullable Object params, Session session) {
    Map<?, ?> p = params instanceof Map<?, ?> m ? m : null;
    Object rawArgs = p == null ? null : p.get("arguments");
    if (p == null
        || !(p.get("name") instanceof String name)
        || (rawArgs != null && !(rawArgs instanceof Map<?, ?>))) {
      LOG.warn("answering -32602 to a malformed tools/call");
      return errorReply(
          id,
          INVALID_PARAMS,
          "Invalid params: tools/call expects a tool name and an arguments object");
    }
    boolean mailbox = mailboxTools != null && mailboxTools.has(name);
    if (!tools.has(name) && !mailbox) {
      LOG.warn("answering -32602 to a call of unknown tool {}", abbreviate(name, 100));
      return errorReply(id, INVALID_PARAMS, "Unknown tool: " + abbreviate(name, 100));
    }
    Map<String, Object> args = new LinkedHashMap<>();
    if (rawArgs instanceof Map<?, ?> given) {
      given.forEach((k, v) -> args.put(String.valueOf(k), v));
    }
    long started = System.nanoTime();
    ToolResult result =
        mailbox
            ? Objects.requireNonNull(mailboxTools).call(name, args, session.client)
            : tools.call(name, args, session.client);
    LOG.debug(
        "{} answered in {} us{}",
        name,
        (System.nanoTime() - started) / 1000,
        result.isError() ? " (isError)" : "");
    return resultReply(id, result.toWire());
  }

  private String resultReply(Object id, Object result) {
    Map<String, @Nullable Object> reply = new LinkedHashMap<>(4);
    reply.put("jsonrpc", McpSchema.JSONRPC_VERSION);
    reply.put("id", id);
    reply.put("result", result);
    return Json.compact(reply);
  }

  /** An error reply; {@code id} is null when the request's id could not be read. */
  private String errorReply(@Nullable Object id, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>(4);
    error.put("code", code);
    error.put("message", message);
    Map<String, @Nullable Object> reply = new LinkedHashMap<>(4);
    reply.put("jsonrpc", McpSchema.JSONRPC_VERSION);
    reply.put("id", id);
    reply.put("error", error);
    return Json.compact(reply);
  }

  /**
   * The id to answer with: a string, or an integer that fits a long, as MCP allows. Anything else,
   * {@code null} included, gives {@code null}.
   */
  private static @Nullable Object requestId(@Nullable Object raw) {
    if (raw instanceof String || raw instanceof Long) {
      return raw;
    }
    return null;
  }

  private static @Nullable String stringOrNull(@Nullable Object value) {
    return value instanceof String s ? s : null;
  }

  private static @Nullable String given(@Nullable String value) {
    return value == null || value.isEmpty() ? null : wellFormed(value);
  }

  /**
   * Replaces unpaired surrogates by U+FFFD, so that a client name that is not valid Unicode cannot
   * make later replies unencodable.
   */
  private static String wellFormed(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1));
      if (paired) {
        if (out != null) {
          out.append(c).append(value.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(value.length()).append(value, 0, i);
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? value : out.toString();
  }

  private static String abbreviate(String text) {
    return abbreviate(text, 500);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return abbreviate(nl < 0 ? message : message.substring(0, nl), 200);
  }
}
