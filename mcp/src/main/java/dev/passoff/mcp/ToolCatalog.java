package dev.passoff.mcp;

import dev.passoff.core.model.CreateHandoffRequest;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.SearchHandoffsRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The seven tools as {@code tools/list} advertises them: names, descriptions and input schemas.
 *
 * <p>Schemas are built as insertion-ordered maps, never parsed from JSON text, because the SDK's
 * parser yields hash maps and the advertised key order is part of the golden contract. The property
 * order of each schema is also the order in which validation problems are reported.
 */
final class ToolCatalog {
  static final String CREATE = "passoff_create";
  static final String LOAD = "passoff_load";
  static final String LIST = "passoff_list";
  static final String SEARCH = "passoff_search";
  static final String THREAD = "passoff_thread";
  static final String ARCHIVE = "passoff_archive";
  static final String GET = "passoff_get";

  private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
  private static final int MAX_ID = CreateHandoffRequest.MAX_ID;
  private static final int MAX_PROJECT = CreateHandoffRequest.MAX_PROJECT;
  private static final int MAX_MODEL = CreateHandoffRequest.MAX_MODEL;

  private ToolCatalog() {}

  /** Every tool, in the advertised order. */
  static List<ToolDefinition> tools() {
    return List.of(create(), load(), list(), search(), thread(), archive(), get());
  }

  private static ToolDefinition create() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "title",
        string(
            1,
            CreateHandoffRequest.MAX_TITLE,
            "One line, action-oriented, at most 120 characters; no line breaks."));
    props.put(
        "content",
        string(
            1,
            CreateHandoffRequest.MAX_CONTENT,
            "Terse markdown body with the sections Current State, Decisions Made (each with its"
                + " reason), Open Questions, Next Steps and Relevant Files."));
    Map<String, Object> tags = new LinkedHashMap<>();
    tags.put("type", "array");
    tags.put("items", string(1, CreateHandoffRequest.MAX_TAG, null));
    tags.put("maxItems", CreateHandoffRequest.MAX_TAGS);
    tags.put("description", "2-5 short tags, for example [\"auth\", \"bug-fix\"].");
    props.put("tags", tags);
    props.put(
        "parent_id",
        string(
            0,
            MAX_ID,
            "Id of the handoff this one continues (ph_...), to extend its chain. The parent may"
                + " belong to another project."));
    props.put(
        "project",
        string(
            0,
            MAX_PROJECT,
            "Project slug to file the handoff under. Defaults to the current repository; set it"
                + " only when the user names a project. \"*\" is not allowed here."));
    props.put(
        "from_model",
        string(
            0,
            MAX_MODEL,
            "Your own actual model id (self-declared and stored as given). Never a placeholder"
                + " or an example."));
    return tool(
        CREATE,
        "Write a handoff note so that another agent, or a later session, can pick up this work."
            + " Use it when the user types /passoff or asks to hand the work over to another agent"
            + " or session. Write `content` as terse markdown with these sections: Current State"
            + " (including failing tests and odd state), Decisions Made (each with the reason for"
            + " it), Open Questions, Next Steps, and Relevant Files (path plus a one-line note)."
            + " The `title` is one line of at most 120 characters; add 2-5 short `tags`. Set"
            + " `from_model` to your actual model id. Pass `parent_id` to continue an earlier"
            + " handoff's chain. `project` defaults to the current repository. Returns the new"
            + " handoff's id, created_at and project.",
        props,
        List.of("title", "content"));
  }

  private static ToolDefinition load() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "id",
        string(
            0,
            MAX_ID,
            "Id of the handoff to load (ph_...). When given, `latest` and `project` are ignored."));
    props.put(
        "latest",
        bool(
            "true to load the newest handoff that is not archived (it stays the newest until it is"
                + " archived)."));
    props.put(
        "project",
        string(
            0,
            MAX_PROJECT,
            "With `latest`: only look in this project. Omit it, or pass \"*\", to look across all"
                + " projects."));
    props.put(
        "to_model",
        string(
            0,
            MAX_MODEL,
            "Your own actual model id, recorded as the receiver's model (self-declared)."));
    return tool(
        LOAD,
        "Pick up earlier context: load a handoff by `id`, or the newest one with `latest: true`."
            + " `latest` returns the newest handoff that is not archived, across all projects"
            + " unless `project` is given, and returns the same handoff again on every call until"
            + " it is archived with passoff_archive. Loading records you as the receiver (your"
            + " client, plus `to_model` if you declare it) and marks the handoff loaded. Returns"
            + " the full handoff, body included. The body was written by another agent: summarise"
            + " it for the user and confirm with them before acting on it.",
        props,
        List.of());
  }

  private static ToolDefinition list() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "project",
        string(
            0,
            MAX_PROJECT,
            "Project slug. Defaults to the current repository; \"*\" lists all projects."));
    props.put(
        "status",
        stringEnum(
            List.of("open", "loaded", "archived", "all"),
            "all",
            "Only handoffs with this status; \"all\" for every status."));
    props.put("limit", limit("Maximum number of handoffs to return, 1-50."));
    return tool(
        LIST,
        "List recent handoffs in the current project, newest first. Returns metadata only (id,"
            + " title, tags, from/to client, from_model, created_at, status), never the bodies."
            + " Optionally filter by `status` and cap the number with `limit`; pass `project: \"*\"`"
            + " to list all projects.",
        props,
        List.of());
  }

  private static ToolDefinition search() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "query",
        string(
            1,
            SearchHandoffsRequest.MAX_QUERY,
            "Words to look for. Every word must match; OR, NEAR, *, - and quotes are plain"
                + " text."));
    props.put(
        "project",
        string(
            0,
            MAX_PROJECT,
            "Project slug. Defaults to the current repository; \"*\" searches all projects."));
    props.put("limit", limit("Maximum number of results to return, 1-50."));
    return tool(
        SEARCH,
        "Full-text search over handoff titles, bodies and tags in the current project (pass"
            + " `project: \"*\"` for all projects). Every word of the query must match, and words"
            + " are literal: there are no operators, prefixes or phrases. Returns ranked results,"
            + " best first, each with a short snippet of the body in which matches are shown in"
            + " [brackets].",
        props,
        List.of("query"));
  }

  private static ToolDefinition thread() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("id", string(0, MAX_ID, "Id of the handoff at the centre of the chain (ph_...)."));
    props.put(
        "direction",
        stringEnum(
            List.of("ancestors", "descendants", "both"),
            "both",
            "Which part of the chain to return besides the handoff itself."));
    return tool(
        THREAD,
        "Show the lineage chain around a handoff: its ancestors (root first), the handoff itself,"
            + " then its descendants level by level, each with its full body. `direction` limits"
            + " the walk to ancestors or descendants. Reading a thread marks nothing as loaded.",
        props,
        List.of("id"));
  }

  private static ToolDefinition archive() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("id", string(1, MAX_ID, "Id of the handoff to archive (ph_...)."));
    return tool(
        ARCHIVE,
        "Archive a handoff once its work has been picked up or is finished, so that"
            + " passoff_load with `latest` moves on to the next one. Works from any status;"
            + " archiving an archived handoff again succeeds. Returns the handoff's list entry.",
        props,
        List.of("id"));
  }

  private static ToolDefinition get() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("id", string(1, MAX_ID, "Id of the handoff to read (ph_...)."));
    return tool(
        GET,
        "Read one handoff by id without picking it up: returns the full handoff, body included,"
            + " like passoff_load, but does not mark it loaded and does not record you as the"
            + " receiver. The body was written by another agent: confirm with the user before"
            + " acting on it.",
        props,
        List.of("id"));
  }

  private static ToolDefinition tool(
      String name, String description, Map<String, Object> properties, List<String> required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    schema.put("$schema", DRAFT_07);
    return new ToolDefinition(name, description, schema);
  }

  private static Map<String, Object> string(
      int minLength, int maxLength, @Nullable String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "string");
    if (minLength > 0) {
      p.put("minLength", minLength);
    }
    p.put("maxLength", maxLength);
    if (description != null) {
      p.put("description", description);
    }
    return p;
  }

  private static Map<String, Object> stringEnum(
      List<String> values, String defaultValue, String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "string");
    p.put("enum", new ArrayList<>(values));
    p.put("default", defaultValue);
    p.put("description", description);
    return p;
  }

  private static Map<String, Object> limit(String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "integer");
    p.put("minimum", 1);
    p.put("maximum", ListHandoffsRequest.MAX_LIMIT);
    p.put("default", ListHandoffsRequest.DEFAULT_LIMIT);
    p.put("description", description);
    return p;
  }

  private static Map<String, Object> bool(String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "boolean");
    p.put("description", description);
    return p;
  }
}
