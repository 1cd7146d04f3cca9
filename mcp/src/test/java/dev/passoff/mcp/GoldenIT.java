package dev.passoff.mcp;

import static dev.passoff.mcp.Results.items;
import static dev.passoff.mcp.Results.structured;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A server whose clock stands still and which is never sent {@code initialize}: every call runs as
 * client {@code unknown}, and every handoff has the same {@code created_at}, so whole texts can be
 * compared with golden files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GoldenIT {
  private static final long NOW = 1763763890123L;

  private Path scratch;
  private ServerProcess server;

  @BeforeAll
  void start() throws Exception {
    scratch = Files.createTempDirectory("passoff-mcp-golden");
    server = ServerProcess.start(scratch, Map.of("PASSOFF_TEST_FIXED_CLOCK", Long.toString(NOW)));
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
    TestFiles.deleteTree(scratch);
  }

  @Test
  void givenNoInitialize_createAndLoad_runAsUnknownClient() throws Exception {
    String id = create("Before initialize", "p40");

    Map<String, @Nullable Object> loaded =
        structured(server.callTool("passoff_load", Map.of("id", id)));

    assertThat(loaded)
        .containsEntry("from_client", "unknown")
        .containsEntry("from_client_ver", null)
        .containsEntry("to_client", "unknown")
        .containsEntry("to_client_ver", null);
  }

  @Test
  void givenHandoff_getText_matchesTheJsonStringifyLayoutGolden() throws Exception {
    Map<String, Object> args =
        Map.of(
            "title", "Ünïcode \"quoted\" title — 😀",
            "content", "## Current State\nline\twith tab, back\\slash, \u0001 and </script>\n- é",
            "tags", List.of("auth", "bug-fix", "ö"),
            "from_model", "claude-opus-4-1",
            "project", "p38");
    String id = (String) structured(server.callTool("passoff_create", args)).get("id");

    Map<String, @Nullable Object> result = server.callTool("passoff_get", Map.of("id", id));

    String expected = golden("handoff-text.golden.txt").replace("${ID}", id);
    assertThat(Results.text(result)).isEqualTo(expected);
    assertThat(Json.parse(Results.text(result))).isEqualTo(structured(result));
  }

  @Test
  void givenHandoffs_listText_matchesTheArrayLayoutGolden() throws Exception {
    String a = create("First", "p38-list");
    String b = create("Second", "p38-list");

    Map<String, @Nullable Object> result =
        server.callTool("passoff_list", Map.of("project", "p38-list"));

    String expected = golden("list-text.golden.txt").replace("${A}", a).replace("${B}", b);
    assertThat(Results.text(result)).isEqualTo(expected);
    assertThat(structured(result)).isEqualTo(Map.of("items", Json.parse(expected)));
  }

  @Test
  void givenTwoRowsInTheSameMillisecond_list_showsTheLaterInsertFirst() throws Exception {
    String first = create("first", "p19");
    String second = create("second", "p19");

    List<Map<String, @Nullable Object>> listed =
        items(server.callTool("passoff_list", Map.of("project", "p19")));

    assertThat(listed).extracting(m -> m.get("created_at")).containsOnly(NOW);
    assertThat(listed).extracting(m -> m.get("id")).containsExactly(second, first);
  }

  private String create(String title, String project) throws Exception {
    return (String)
        structured(
                server.callTool(
                    "passoff_create",
                    Map.of("title", title, "content", "body of " + title, "project", project)))
            .get("id");
  }

  private static String golden(String name) throws IOException {
    String path = "/dev/passoff/mcp/" + name;
    try (InputStream in = GoldenIT.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    }
  }
}
