package dev.passoff.mcp;

import static dev.passoff.mcp.Results.errorText;
import static dev.passoff.mcp.Results.items;
import static dev.passoff.mcp.Results.structured;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The seven tools over raw JSON-RPC against one server process, initialized as cursor 0.50, with
 * the current project fixed to {@code some-proj-ab000c}. Tests that depend on scoping use their own
 * project names, since they share one store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ToolCallsIT {
  private static final String CURRENT = "some-proj-ab000c";
  private static final String INVALID = "MCP error -32602: Input validation error: ";
  private static final List<String> HANDOFF_KEYS =
      List.of(
          "id",
          "project",
          "title",
          "content",
          "tags",
          "from_client",
          "from_client_ver",
          "from_model",
          "to_client",
          "to_client_ver",
          "to_model",
          "parent_id",
          "created_at",
          "loaded_at",
          "status");
  private static final List<String> ITEM_KEYS =
      List.of(
          "id", "title", "tags", "from_client", "from_model", "to_client", "created_at", "status");

  private Path scratch;
  private ServerProcess server;

  @BeforeAll
  void start() throws Exception {
    scratch = Files.createTempDirectory("passoff-mcp-tools");
    server = ServerProcess.start(scratch, Map.of());
    server.initialize("2025-06-18", Map.of("name", "cursor", "version", "0.50"));
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
    TestFiles.deleteTree(scratch);
  }

  // --- create (items 11-15) ---

  @Test
  void givenFullArguments_create_returnsIdCreatedAtProjectAndStoresEveryField() throws Exception {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("title", "Add port validation");
    args.put("content", "## Current State\nworks");
    args.put("tags", List.of("a", "b"));
    args.put("from_model", "claude-opus-4-1");
    args.put("from_client", "spoofed"); // undeclared: ignored, cannot override provenance
    args.put("to_client", "spoofed");

    Map<String, @Nullable Object> created = structured(server.callTool("passoff_create", args));

    assertThat(created.keySet()).containsExactly("id", "created_at", "project");
    assertThat((String) created.get("id")).matches("^ph_[0-9A-Za-z]{8}$");
    assertThat(created.get("created_at")).isInstanceOf(Long.class);
    assertThat(created.get("project")).isEqualTo(CURRENT);
    Map<String, @Nullable Object> h = get((String) created.get("id"));
    assertThat(h.keySet()).containsExactlyElementsOf(HANDOFF_KEYS);
    assertThat(h)
        .containsEntry("title", "Add port validation")
        .containsEntry("content", "## Current State\nworks")
        .containsEntry("tags", List.of("a", "b"))
        .containsEntry("from_client", "cursor")
        .containsEntry("from_client_ver", "0.50")
        .containsEntry("from_model", "claude-opus-4-1")
        .containsEntry("to_client", null)
        .containsEntry("parent_id", null)
        .containsEntry("loaded_at", null)
        .containsEntry("created_at", created.get("created_at"))
        .containsEntry("status", "open");
  }

  @Test
  void givenTagsAbsentOrEmpty_create_bothReadBackAsEmptyArray() throws Exception {
    String without = create(Map.of("title", "t", "content", "c"));
    String empty = create(Map.of("title", "t", "content", "c", "tags", List.of()));

    assertThat(get(without).get("tags")).isEqualTo(List.of());
    assertThat(get(empty).get("tags")).isEqualTo(List.of());
  }

  @Test
  void givenBadTitleOrContent_create_isRejectedWithPrefixAndNothingIsStored() throws Exception {
    List<Map<String, Object>> bad =
        List.of(
            Map.of("title", " \t ", "content", "c"),
            Map.of("title", "t", "content", "\n\t "),
            Map.of("title", "x".repeat(121), "content", "c"),
            Map.of("title", "two\nlines", "content", "c"),
            Map.of("content", "c"));
    List<String> fields = List.of("title", "content", "title", "title", "title");

    for (int i = 0; i < bad.size(); i++) {
      Map<String, Object> args = new HashMap<>(bad.get(i));
      args.put("project", "p13");
      String text = errorText(server.callTool("passoff_create", args));
      assertThat(text)
          .startsWith(
              INVALID + "Invalid arguments for tool passoff_create: " + fields.get(i) + ": ")
          .doesNotContain("\n");
    }
    assertThat(list(Map.of("project", "p13"))).isEmpty();
  }

  @Test
  void givenTitleOf61Emoji_create_acceptsIt() throws Exception {
    String title = "😀".repeat(61);
    assertThat(title.length()).isEqualTo(122);

    String id = create(Map.of("title", title, "content", "c"));

    assertThat(get(id).get("title")).isEqualTo(title);
  }

  @Test
  void givenParents_create_requiresAnExistingParentInAnyProject() throws Exception {
    String text =
        errorText(
            server.callTool(
                "passoff_create",
                Map.of("title", "t", "content", "c", "parent_id", "ph_zzzzzzzz")));
    assertThat(text).isEqualTo("Error: parent_id not found: ph_zzzzzzzz");

    String parent = create(Map.of("title", "p", "content", "c", "project", "p15-elsewhere"));
    String child = create(Map.of("title", "c", "content", "c", "parent_id", parent));
    assertThat(get(child)).containsEntry("parent_id", parent).containsEntry("project", CURRENT);

    String orphan = create(Map.of("title", "o", "content", "c", "parent_id", "  "));
    assertThat(get(orphan)).containsEntry("parent_id", null);
  }

  @Test
  void givenWildcardProject_create_isInvalid() throws Exception {
    String text =
        errorText(
            server.callTool(
                "passoff_create", Map.of("title", "t", "content", "c", "project", "*")));

    assertThat(text).startsWith(INVALID + "Invalid arguments for tool passoff_create: project: ");
  }

  @Test
  void givenOversizedOrMalformedFields_create_reportsEveryProblemInSchemaOrder() throws Exception {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      tags.add("t" + i);
    }
    tags.set(1, "y".repeat(65));
    tags.set(2, " ");
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("title", "t");
    args.put("content", "é".repeat(1_048_577));
    args.put("tags", tags);
    args.put("from_model", "m".repeat(201));
    args.put("project", "p".repeat(201));

    String text = errorText(server.callTool("passoff_create", args));

    assertThat(text)
        .isEqualTo(
            INVALID
                + "Invalid arguments for tool passoff_create: "
                + "content: must be at most 1048576 characters; "
                + "tags: must have at most 32 items; "
                + "tags[1]: must be at most 64 characters; "
                + "tags[2]: must contain at least one non-whitespace character; "
                + "project: must be at most 200 characters; "
                + "from_model: must be at most 200 characters");
  }

  @Test
  void givenWrongTypes_create_reportsTypesNotValues() throws Exception {
    Map<String, @Nullable Object> args = new LinkedHashMap<>();
    args.put("title", 5);
    args.put("content", null);
    args.put("tags", "a,b");
    args.put("parent_id", false);

    String text = errorText(server.callTool("passoff_create", args));

    assertThat(text)
        .isEqualTo(
            INVALID
                + "Invalid arguments for tool passoff_create: title: must be a string; content:"
                + " must be a string; tags: must be an array of strings; parent_id: must be a"
                + " string");
    String items =
        errorText(
            server.callTool(
                "passoff_create", Map.of("title", "t", "content", "c", "tags", List.of("a", 1))));
    assertThat(items).endsWith("passoff_create: tags[1]: must be a string");
  }

  @Test
  void givenNulCharacterOrUnpairedSurrogate_create_isInvalid() throws Exception {
    String nul =
        errorText(server.callTool("passoff_create", Map.of("title", "t", "content", "a\u0000b")));
    assertThat(nul).endsWith("content: must not contain U+0000");

    // The request goes out with the JSON escape \ud800 on the wire (see ServerProcess).
    server.send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"sur\",\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"passoff_create\",\"arguments\":{\"title\":\"a\\ud800b\",\"content\":\"c\","
            + "\"tags\":[\"\\udc00\"]}}}");
    Map<String, @Nullable Object> reply = server.nextMessage();
    assertThat(reply.get("id")).isEqualTo("sur");
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> result = (Map<String, @Nullable Object>) reply.get("result");
    assertThat(errorText(result))
        .isEqualTo(
            INVALID
                + "Invalid arguments for tool passoff_create: title: is not valid Unicode"
                + " (unpaired surrogate); tags[0]: is not valid Unicode (unpaired surrogate)");
  }

  // --- list (items 16-18, 31) ---

  @Test
  void givenHandoffsInSeveralProjects_list_isNewestFirstScopedAndWithoutBodies() throws Exception {
    String a = create(Map.of("title", "a", "content", "body a", "project", "p16"));
    String b = create(Map.of("title", "b", "content", "body b", "project", "p16"));
    String c = create(Map.of("title", "c", "content", "body c", "project", "p16"));
    String other = create(Map.of("title", "x", "content", "body x", "project", "p16-other"));
    String here = create(Map.of("title", "here", "content", "body"));

    List<Map<String, @Nullable Object>> listed = list(Map.of("project", "p16"));

    assertThat(listed).extracting(m -> m.get("id")).containsExactly(c, b, a);
    for (Map<String, @Nullable Object> item : listed) {
      assertThat(item.keySet()).containsExactlyElementsOf(ITEM_KEYS);
    }
    List<Map<String, @Nullable Object>> current = list(Map.of("limit", 50));
    assertThat(current).extracting(m -> m.get("id")).contains(here).doesNotContain(a, other);
    List<Map<String, @Nullable Object>> blank = list(Map.of("project", " "));
    assertThat(blank).extracting(m -> m.get("id")).contains(here).doesNotContain(a);
    List<Map<String, @Nullable Object>> all = list(Map.of("project", "*", "limit", 50));
    assertThat(all).extracting(m -> m.get("id")).contains(here, other, c);
  }

  @Test
  void givenLoadedAndOpenRows_listByStatus_filters() throws Exception {
    String a = create(Map.of("title", "a", "content", "c", "project", "p17"));
    String b = create(Map.of("title", "b", "content", "c", "project", "p17"));
    structured(server.callTool("passoff_load", Map.of("id", a)));

    assertThat(list(Map.of("project", "p17", "status", "open")))
        .extracting(m -> m.get("id"))
        .containsExactly(b);
    assertThat(list(Map.of("project", "p17", "status", "loaded")))
        .extracting(m -> m.get("id"))
        .containsExactly(a);
    assertThat(list(Map.of("project", "p17", "status", "all"))).hasSize(2);
    assertThat(list(Map.of("project", "p17", "status", "archived"))).isEmpty();
  }

  @Test
  void givenFiveRows_listWithLimit_returnsTheNewestAndRejectsBadLimits() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(create(Map.of("title", "r" + i, "content", "c", "project", "p18")));
    }

    assertThat(list(Map.of("project", "p18", "limit", 2)))
        .extracting(m -> m.get("id"))
        .containsExactly(ids.get(4), ids.get(3));
    List<Object> bad = new ArrayList<>(List.of(0, 51, "5", 2.5, true, -1));
    bad.add(null);
    for (Object limit : bad) {
      Map<String, @Nullable Object> args = new HashMap<>();
      args.put("project", "p18");
      args.put("limit", limit);
      assertThat(errorText(server.callTool("passoff_list", args)))
          .as("limit %s", limit)
          .startsWith(
              INVALID + "Invalid arguments for tool passoff_list: limit: must be an integer");
    }
  }

  @Test
  void givenBogusStatus_list_listsTheAllowedValues() throws Exception {
    assertThat(errorText(server.callTool("passoff_list", Map.of("status", "bogus"))))
        .isEqualTo(
            INVALID
                + "Invalid arguments for tool passoff_list: status: must be one of open, loaded,"
                + " archived, all");
  }

  @Test
  void givenUndeclaredArgument_list_ignoresItAndSucceeds() throws Exception {
    create(Map.of("title", "t", "content", "c", "project", "p42"));

    assertThat(list(Map.of("project", "p42", "foo", 1, "bar", Map.of("x", List.of())))).hasSize(1);
  }

  // --- load (items 20-25) ---

  @Test
  void givenOpenHandoff_loadById_stampsTheReceiverAndReturnsTheFullObject() throws Exception {
    String id = create(Map.of("title", "t", "content", "the body", "project", "p20"));

    Map<String, @Nullable Object> loaded =
        structured(server.callTool("passoff_load", Map.of("id", id, "to_model", "gpt-5")));

    assertThat(loaded.keySet()).containsExactlyElementsOf(HANDOFF_KEYS);
    assertThat(loaded)
        .containsEntry("id", id)
        .containsEntry("content", "the body")
        .containsEntry("to_client", "cursor")
        .containsEntry("to_client_ver", "0.50")
        .containsEntry("to_model", "gpt-5")
        .containsEntry("status", "loaded");
    assertThat(loaded.get("loaded_at")).isInstanceOf(Long.class);
    assertThat(get(id)).containsEntry("to_model", "gpt-5").containsEntry("status", "loaded");
  }

  @Test
  void givenReceiverArguments_load_ignoresThemAndStampsTheInitializeClient() throws Exception {
    String byId = create(Map.of("title", "t", "content", "c", "project", "p40"));
    String latest = create(Map.of("title", "t2", "content", "c", "project", "p40-latest"));
    Map<String, Object> spoof = new LinkedHashMap<>();
    spoof.put("to_client", "spoofed-client");
    spoof.put("to_client_ver", "9.9.9");
    spoof.put("from_client", "spoofed-creator");

    Map<String, Object> loadById = new LinkedHashMap<>(spoof);
    loadById.put("id", byId);
    Map<String, Object> loadLatest = new LinkedHashMap<>(spoof);
    loadLatest.put("latest", true);
    loadLatest.put("project", "p40-latest");

    for (Map<String, @Nullable Object> loaded : List.of(load(loadById), load(loadLatest))) {
      assertThat(loaded)
          .containsEntry("to_client", "cursor")
          .containsEntry("to_client_ver", "0.50")
          .containsEntry("from_client", "cursor")
          .containsEntry("status", "loaded");
    }
    for (String id : List.of(byId, latest)) {
      assertThat(get(id))
          .containsEntry("to_client", "cursor")
          .containsEntry("to_client_ver", "0.50")
          .containsEntry("from_client", "cursor");
    }
    assertThat(list(Map.of("project", "p40")))
        .singleElement()
        .satisfies(item -> assertThat(item).containsEntry("to_client", "cursor"));
  }

  @Test
  void givenProjects_loadLatest_isScopedOnlyWhenAProjectIsNamed() throws Exception {
    create(Map.of("title", "a", "content", "c", "project", "p21"));
    String b = create(Map.of("title", "b", "content", "c", "project", "p21"));
    String newest = create(Map.of("title", "n", "content", "c", "project", "p21-other"));

    assertThat(load(Map.of("latest", true, "project", "p21")).get("id")).isEqualTo(b);
    assertThat(load(Map.of("latest", true)).get("id")).isEqualTo(newest);
    assertThat(load(Map.of("latest", true, "project", "")).get("id")).isEqualTo(newest);
    assertThat(load(Map.of("latest", true, "project", "*")).get("id")).isEqualTo(newest);
  }

  @Test
  void givenLoadedHandoff_loadLatest_returnsItUntilArchived() throws Exception {
    String a = create(Map.of("title", "a", "content", "c", "project", "p22"));
    String b = create(Map.of("title", "b", "content", "c", "project", "p22"));

    assertThat(load(Map.of("latest", true, "project", "p22")).get("id")).isEqualTo(b);
    assertThat(load(Map.of("latest", true, "project", "p22")))
        .containsEntry("id", b)
        .containsEntry("status", "loaded");
    structured(server.callTool("passoff_archive", Map.of("id", b)));
    assertThat(load(Map.of("latest", true, "project", "p22")).get("id")).isEqualTo(a);
    structured(server.callTool("passoff_archive", Map.of("id", a)));

    String none =
        errorText(server.callTool("passoff_load", Map.of("latest", true, "project", "p22")));
    assertThat(none)
        .startsWith("Error: No active handoffs for project 'p22'")
        .contains("passoff_list")
        .contains("passoff_create");
  }

  @Test
  void givenNeitherIdNorLatest_load_failsAndUnknownIdIsNotFound() throws Exception {
    String message = "Error: Must provide either `id` or `latest: true`.";
    assertThat(errorText(server.callTool("passoff_load", Map.of()))).isEqualTo(message);
    assertThat(errorText(server.callTool("passoff_load", Map.of("latest", false))))
        .isEqualTo(message);
    assertThat(errorText(server.callTool("passoff_load", Map.of("id", " ")))).isEqualTo(message);
    assertThat(errorText(server.callTool("passoff_load", Map.of("id", "ph_unknown1"))))
        .isEqualTo("Error: Handoff not found: ph_unknown1");
  }

  @Test
  void givenStringLatest_load_isATypeError() throws Exception {
    assertThat(errorText(server.callTool("passoff_load", Map.of("latest", "true"))))
        .isEqualTo(
            INVALID
                + "Invalid arguments for tool passoff_load: latest: must be a boolean (true or"
                + " false)");
  }

  @Test
  void givenArchivedHandoff_loadById_returnsItAndKeepsItArchived() throws Exception {
    String id = create(Map.of("title", "t", "content", "c", "project", "p24"));
    structured(server.callTool("passoff_archive", Map.of("id", id)));

    Map<String, @Nullable Object> loaded = load(Map.of("id", id));

    assertThat(loaded).containsEntry("status", "archived").containsEntry("to_client", "cursor");
    assertThat(loaded.get("loaded_at")).isNotNull();
  }

  // --- search (items 26-32) ---

  @Test
  void givenDocuments_searchLogin_findsOnlyTheMatchInTheProject() throws Exception {
    String hit = create(Map.of("title", "Auth", "content", "fix the login flow", "project", "p26"));
    create(Map.of("title", "Other", "content", "nothing to see", "project", "p26"));
    create(Map.of("title", "Elsewhere", "content", "login elsewhere", "project", "p26-x"));

    List<Map<String, @Nullable Object>> hits = search(Map.of("query", "login", "project", "p26"));

    assertThat(hits).extracting(m -> m.get("id")).containsExactly(hit);
    assertThat(hits.get(0).keySet())
        .containsExactly("id", "title", "snippet", "created_at", "from_client", "status");
    assertThat((String) hits.get(0).get("snippet")).contains("[login]");
  }

  @Test
  void givenNoMatch_search_isEmptyArrayTextAndEmptyItems() throws Exception {
    Map<String, @Nullable Object> result =
        server.callTool("passoff_search", Map.of("query", "qwertyuiopasdf"));

    assertThat(Results.text(result)).isEqualTo("[]");
    assertThat(structured(result)).isEqualTo(Map.of("items", List.of()));
  }

  @Test
  void givenTwoWords_search_matchesOnlyDocumentsWithBoth() throws Exception {
    String both = create(Map.of("title", "t", "content", "the quick brown fox", "project", "p28"));
    create(Map.of("title", "t", "content", "quick red", "project", "p28"));
    create(Map.of("title", "t", "content", "brown bear", "project", "p28"));

    assertThat(search(Map.of("query", "quick brown", "project", "p28")))
        .extracting(m -> m.get("id"))
        .containsExactly(both);
  }

  @Test
  void givenOperatorCharacters_search_neverErrorsAndMatchesLiterally() throws Exception {
    String auth = create(Map.of("title", "t", "content", "auth module", "project", "p29"));

    for (String query :
        List.of("OR", "auth OR", "NEAR(", "auth*", "-auth", "\"", "\"auth\"", "*")) {
      search(Map.of("query", query, "project", "p29"));
    }
    assertThat(search(Map.of("query", "auth*", "project", "p29")))
        .extracting(m -> m.get("id"))
        .containsExactly(auth);
    assertThat(search(Map.of("query", "auth OR nothing", "project", "p29"))).isEmpty();
  }

  @Test
  void givenWhitespaceOnlyOrOverlongQuery_search_isAValidationError() throws Exception {
    String blank = errorText(server.callTool("passoff_search", Map.of("query", " \t\u3000 ")));
    assertThat(blank)
        .startsWith(INVALID + "Invalid arguments for tool passoff_search: query: ")
        .doesNotContainIgnoringCase("fts");
    assertThat(errorText(server.callTool("passoff_search", Map.of("query", "q".repeat(1001)))))
        .endsWith("query: must be at most 1000 characters");
    assertThat(errorText(server.callTool("passoff_search", Map.of())))
        .endsWith("passoff_search: query: is required");
  }

  @Test
  void givenWildcardProject_search_findsAcrossProjects() throws Exception {
    String one = create(Map.of("title", "t", "content", "xylophone one", "project", "p31-a"));
    String two = create(Map.of("title", "t", "content", "xylophone two", "project", "p31-b"));

    assertThat(search(Map.of("query", "xylophone", "project", "*")))
        .extracting(m -> m.get("id"))
        .containsExactlyInAnyOrder(one, two);
    assertThat(search(Map.of("query", "xylophone"))).isEmpty();
  }

  @Test
  void givenMatchOnlyInTitle_search_snippetIsTheStartOfTheContentWithoutBrackets()
      throws Exception {
    create(
        Map.of(
            "title",
            "zebra crossing",
            "content",
            "Nothing relevant here at all",
            "project",
            "p32"));

    List<Map<String, @Nullable Object>> hits = search(Map.of("query", "zebra", "project", "p32"));

    assertThat(hits).hasSize(1);
    assertThat((String) hits.get(0).get("snippet"))
        .startsWith("Nothing relevant")
        .doesNotContain("[")
        .doesNotContain("]");
  }

  // --- thread, archive, get (items 33, 37, 39) ---

  @Test
  void givenChain_thread_returnsTheWholeLineageWrappedAsItems() throws Exception {
    String a = create(Map.of("title", "a", "content", "c", "project", "p33"));
    String b = create(Map.of("title", "b", "content", "c", "project", "p33", "parent_id", a));
    String c = create(Map.of("title", "c", "content", "c", "project", "p33", "parent_id", b));

    List<Map<String, @Nullable Object>> both = thread(Map.of("id", b));
    assertThat(both).extracting(m -> m.get("id")).containsExactly(a, b, c);
    assertThat(both.get(0).keySet()).containsExactlyElementsOf(HANDOFF_KEYS);
    assertThat(thread(Map.of("id", b, "direction", "ancestors")))
        .extracting(m -> m.get("id"))
        .containsExactly(a, b);
    assertThat(thread(Map.of("id", a, "direction", "descendants")))
        .extracting(m -> m.get("id"))
        .containsExactly(a, b, c);
    assertThat(get(b)).containsEntry("status", "open");
  }

  @Test
  void givenBadArguments_thread_reportsThemAndUnknownIdIsNotFound() throws Exception {
    assertThat(errorText(server.callTool("passoff_thread", Map.of("direction", "sideways"))))
        .isEqualTo(
            INVALID
                + "Invalid arguments for tool passoff_thread: id: is required; direction: must be"
                + " one of ancestors, descendants, both");
    assertThat(errorText(server.callTool("passoff_thread", Map.of("id", "ph_nothere"))))
        .isEqualTo("Error: Handoff not found: ph_nothere");
  }

  @Test
  void givenHandoff_archive_archivesIsIdempotentAndUnknownIdIsNotFound() throws Exception {
    String id = create(Map.of("title", "t", "content", "c", "project", "p37"));

    Map<String, @Nullable Object> first =
        structured(server.callTool("passoff_archive", Map.of("id", id)));
    Map<String, @Nullable Object> second =
        structured(server.callTool("passoff_archive", Map.of("id", id)));

    assertThat(first.keySet()).containsExactlyElementsOf(ITEM_KEYS);
    assertThat(first).containsEntry("id", id).containsEntry("status", "archived");
    assertThat(second).isEqualTo(first);
    assertThat(errorText(server.callTool("passoff_archive", Map.of("id", "ph_gone0000"))))
        .isEqualTo("Error: Handoff not found: ph_gone0000");
    assertThat(errorText(server.callTool("passoff_archive", Map.of("id", ""))))
        .endsWith("passoff_archive: id: is required");
  }

  @Test
  void givenHandoff_get_returnsItWithoutStampingALoad() throws Exception {
    String id = create(Map.of("title", "t", "content", "c", "project", "pget"));

    Map<String, @Nullable Object> first = get(id);
    Map<String, @Nullable Object> second = get(id);

    assertThat(first.keySet()).containsExactlyElementsOf(HANDOFF_KEYS);
    assertThat(first)
        .containsEntry("status", "open")
        .containsEntry("to_client", null)
        .containsEntry("loaded_at", null);
    assertThat(second).isEqualTo(first);
    assertThat(list(Map.of("project", "pget", "status", "open"))).hasSize(1);
    assertThat(errorText(server.callTool("passoff_get", Map.of("id", "ph_missing1"))))
        .isEqualTo("Error: Handoff not found: ph_missing1");
    assertThat(errorText(server.callTool("passoff_get", Map.of())))
        .endsWith("passoff_get: id: is required");
  }

  // --- helpers ---

  private String create(Map<String, ?> args) throws Exception {
    return (String) structured(server.callTool("passoff_create", args)).get("id");
  }

  private Map<String, @Nullable Object> get(String id) throws Exception {
    return structured(server.callTool("passoff_get", Map.of("id", id)));
  }

  private Map<String, @Nullable Object> load(Map<String, ?> args) throws Exception {
    return structured(server.callTool("passoff_load", args));
  }

  private List<Map<String, @Nullable Object>> list(Map<String, ?> args) throws Exception {
    return items(server.callTool("passoff_list", args));
  }

  private List<Map<String, @Nullable Object>> search(Map<String, ?> args) throws Exception {
    return items(server.callTool("passoff_search", args));
  }

  private List<Map<String, @Nullable Object>> thread(Map<String, ?> args) throws Exception {
    return items(server.callTool("passoff_thread", args));
  }
}
