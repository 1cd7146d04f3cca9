package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged jar writes into and reads from a real SQLite file, checked in the file itself:
 * tag and parent encodings (acceptance 12, section 10), a file from a newer Passoff (51), and a
 * search index out of step with its table (66).
 */
@Timeout(60)
class SqliteFileIT {
  @TempDir Path home;

  private Path db() {
    return home.resolve("db.sqlite");
  }

  private Map<String, String> env() {
    return PassoffProcess.environment(
        home,
        Map.of("PASSOFF_DB_PATH", db().toString(), "PASSOFF_PROJECT_ROOT", "/projects/filed"));
  }

  private PassoffProcess.Result run(String stdin, String... args) throws Exception {
    return PassoffProcess.run(home, env(), stdin, PassoffProcess.command(List.of(), args));
  }

  private String createWithCli(String title, String body) throws Exception {
    PassoffProcess.Result r = run(body, "create", "-t", title);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().strip();
  }

  private static Map<String, Object> ok(Map<?, ?> result) {
    assertThat(PassoffProcess.isError(result)).as(PassoffProcess.text(result)).isFalse();
    return PassoffProcess.object(result.get("structuredContent"));
  }

  private static List<?> items(Map<?, ?> result) {
    return (List<?>) ok(result).get("items");
  }

  // --- acceptance 12 and section 10 (parent_id "") ---

  @Test
  void givenTagsAbsentEmptyOrGiven_create_storesNullEmptyOrJsonAndReadsAbsentAsEmpty()
      throws Exception {
    String none;
    String empty;
    String tagged;
    String blankParent;
    try (PassoffProcess.Server server = new PassoffProcess.Server(home, env(), List.of())) {
      server.initialize("claude-code");
      none =
          (String)
              ok(server.call(1, "passoff_create", Map.of("title", "t", "content", "c"))).get("id");
      empty =
          (String)
              ok(server.call(
                      2, "passoff_create", Map.of("title", "t", "content", "c", "tags", List.of())))
                  .get("id");
      tagged =
          (String)
              ok(server.call(
                      3,
                      "passoff_create",
                      Map.of("title", "t", "content", "c", "tags", List.of("auth", "bug-fix"))))
                  .get("id");
      blankParent =
          (String)
              ok(server.call(
                      4, "passoff_create", Map.of("title", "t", "content", "c", "parent_id", "")))
                  .get("id");

      for (String id : List.of(none, empty)) {
        assertThat(ok(server.call(5, "passoff_get", Map.of("id", id))))
            .containsEntry("tags", List.of());
      }
      assertThat(ok(server.call(6, "passoff_get", Map.of("id", tagged))))
          .containsEntry("tags", List.of("auth", "bug-fix"));
      Map<String, Object> orphan = ok(server.call(7, "passoff_get", Map.of("id", blankParent)));
      assertThat(orphan).containsKey("parent_id");
      assertThat(orphan.get("parent_id")).isNull();
      assertThat(items(server.call(8, "passoff_list", Map.of())))
          .allSatisfy(item -> assertThat(((Map<?, ?>) item).get("tags")).isInstanceOf(List.class));
    }

    try (SqliteFile file = SqliteFile.open(db())) {
      assertThat(file.rows("SELECT tags, parent_id FROM handoffs WHERE id = ?", none))
          .containsExactly(Arrays.asList(null, null));
      assertThat(file.one("SELECT tags FROM handoffs WHERE id = ?", empty)).isEqualTo("[]");
      assertThat(file.one("SELECT tags FROM handoffs WHERE id = ?", tagged))
          .isEqualTo("[\"auth\",\"bug-fix\"]");
      assertThat(file.one("SELECT typeof(parent_id) FROM handoffs WHERE id = ?", blankParent))
          .isEqualTo("null");
    }
  }

  // --- acceptance 51 ---

  @Test
  void givenNewerSchemaVersion_serve_answersReadsAndRefusesWritesNamingBothVersions()
      throws Exception {
    String id = createWithCli("Kept from a newer Passoff", "the wombat body");
    try (SqliteFile file = SqliteFile.open(db())) {
      file.exec("PRAGMA user_version = 2");
    }

    try (PassoffProcess.Server server = new PassoffProcess.Server(home, env(), List.of())) {
      server.initialize("cursor");
      assertThat(items(server.call(1, "passoff_list", Map.of("project", "*"))))
          .singleElement()
          .satisfies(item -> assertThat(PassoffProcess.object(item)).containsEntry("id", id));
      assertThat(items(server.call(2, "passoff_search", Map.of("query", "wombat"))))
          .singleElement()
          .satisfies(item -> assertThat(PassoffProcess.object(item)).containsEntry("id", id));
      assertThat(ok(server.call(3, "passoff_get", Map.of("id", id))))
          .containsEntry("status", "open");

      Map<String, Object> create =
          server.call(4, "passoff_create", Map.of("title", "refused", "content", "c"));
      Map<String, Object> load = server.call(5, "passoff_load", Map.of("id", id));
      Map<String, Object> archive = server.call(6, "passoff_archive", Map.of("id", id));
      for (Map<String, Object> refused : List.of(create, load, archive)) {
        assertThat(PassoffProcess.isError(refused)).isTrue();
        assertThat(PassoffProcess.text(refused))
            .startsWith("Error: ")
            .contains("schema version 2")
            .contains("(version 1)")
            .contains("newer Passoff")
            .contains(db().toString());
      }
    }
    try (SqliteFile file = SqliteFile.open(db())) {
      assertThat(file.one("PRAGMA user_version")).isEqualTo("2");
      assertThat(file.rows("SELECT id, status, to_client FROM handoffs"))
          .containsExactly(Arrays.asList(id, "open", null));
    }
  }

  // --- acceptance 66 ---

  @Test
  void givenRenumberedRowids_doctorFailsTheSearchCheckUntilRebuildIndex() throws Exception {
    for (String title : List.of("alpha", "bravo", "charlie")) {
      createWithCli(title, "body of " + title);
    }
    try (SqliteFile file = SqliteFile.open(db())) {
      // What copying rows into another file without their rowids does to the external index.
      file.exec("UPDATE handoffs SET rowid = rowid + 100");
      assertThat(file.searchIndexIntact()).isFalse();
    }

    PassoffProcess.Result broken = run("", "doctor");
    assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
    assertThat(searchLine(broken)).startsWith("fail  search index: ").contains("rebuild-index");

    PassoffProcess.Result rebuilt = run("", "rebuild-index");
    assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
    assertThat(rebuilt.out().strip()).isEqualTo("Rebuilt search index (3 handoffs)");

    PassoffProcess.Result healthy = run("", "doctor");
    assertThat(searchLine(healthy)).startsWith("ok  search index: ");
    // Only the client-setup checks remain, and they warn; nothing fails.
    assertThat(healthy.out()).doesNotContain("\nfail  ");
    assertThat(healthy.exit()).as(healthy.out()).isZero();
    PassoffProcess.Result found = run("", "search", "bravo", "--json");
    assertThat(found.exit()).as(found.err()).isZero();
    assertThat(found.out()).contains("\"title\": \"bravo\"").doesNotContain("alpha");
    try (SqliteFile file = SqliteFile.open(db())) {
      assertThat(file.searchIndexIntact()).isTrue();
    }
  }

  private static String searchLine(PassoffProcess.Result doctor) {
    return doctor
        .out()
        .lines()
        .filter(line -> line.contains(" search index: "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no search index line in:\n" + doctor.out()));
  }
}
