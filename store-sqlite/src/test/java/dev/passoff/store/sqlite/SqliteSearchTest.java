package dev.passoff.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHit;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search results against a plain reference query that ranks every match: {@code ORDER BY
 * round(rank, 3), created_at DESC, rowid DESC} with a snippet per row. The store must return the
 * same rows, in the same order, with the same snippets, whichever way it finds them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteSearchTest {
  private static final List<String> PROJECTS =
      List.of("alpha-111111", "beta-222222", "gamma-333333");
  private static final String[] COMMON = {"next", "steps", "state"};
  private static final String[] MEDIUM = {"parser", "cache", "login", "deploy", "schema"};

  private SqliteHandoffStore store;
  private RawSql raw;

  @BeforeAll
  void fillStore(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("db.sqlite");
    store = SqliteHandoffStore.open(db, n -> {});
    SplittableRandom random = new SplittableRandom(20251121);
    List<ExportedHandoff> rows = new ArrayList<>();
    long time = 1_763_762_400_000L;
    for (int i = 0; i < 400; i++) {
      // Mostly increasing times, with ties and a few clocks that jumped backwards.
      time += random.nextInt(10) < 2 ? 0 : random.nextInt(10) < 1 ? -5_000 : 1_000;
      StringBuilder body = new StringBuilder("## Current State\n");
      for (int w = 0; w < 20 + random.nextInt(60); w++) {
        int pick = random.nextInt(100);
        body.append(
                pick < 3
                    ? MEDIUM[random.nextInt(MEDIUM.length)]
                    : pick < 6 ? "rare" + random.nextInt(200) : "word" + random.nextInt(40))
            .append(' ');
      }
      if (random.nextInt(10) < 8) {
        body.append("\n## Next Steps\nkeep going");
      }
      // The newest rows of gamma lack the common words, so the newest-first search must look
      // beyond its first window there.
      if (i > 340 && i % 3 == 2) {
        body = new StringBuilder("nothing in common " + i);
      }
      Handoff h =
          new Handoff(
              HandoffId.of(String.format("ph_%08d", i)),
              PROJECTS.get(i % 3),
              "Title " + i + (random.nextInt(20) == 0 ? " parser" : ""),
              body.toString(),
              random.nextInt(5) == 0 ? List.of("cache", "bug-fix") : List.of("state"),
              "claude-code",
              null,
              null,
              null,
              null,
              null,
              null,
              Instant.ofEpochMilli(time),
              null,
              HandoffStatus.OPEN);
      rows.add(new ExportedHandoff(h, List.of()));
    }
    store.importAll(rows);
    raw = RawSql.open(db);
  }

  @AfterAll
  void closeStore() throws Exception {
    raw.close();
    store.close();
  }

  @Test
  void givenQueriesOfEveryKind_search_equalsTheReferenceOrderAndSnippets() throws Exception {
    List<List<String>> queries = new ArrayList<>();
    for (String c : COMMON) {
      queries.add(List.of(c));
    }
    for (String m : MEDIUM) {
      queries.add(List.of(m));
      queries.add(List.of(m, "next"));
    }
    queries.add(List.of("next", "steps"));
    queries.add(List.of("current", "state", "next"));
    queries.add(List.of("Next", "STEPS", "state"));
    queries.add(List.of("rare7"));
    queries.add(List.of("rare7", "rare8"));
    queries.add(List.of("word3", "next"));
    queries.add(List.of("bug-fix"));
    queries.add(List.of("next", "-"));
    queries.add(List.of("nothing", "in", "common"));
    int checked = 0;
    for (List<String> terms : queries) {
      for (int limit : new int[] {1, 3, 10, 50}) {
        for (ProjectScope scope :
            List.of(
                ProjectScope.all(),
                ProjectScope.of(PROJECTS.get(0)),
                ProjectScope.of(PROJECTS.get(2)))) {
          List<String> expected = reference(terms, scope, limit);
          List<String> actual =
              store.search(terms, scope, limit).stream().map(SqliteSearchTest::describe).toList();
          assertThat(actual)
              .as("%s in %s, limit %d", terms, scope.label(), limit)
              .isEqualTo(expected);
          checked += expected.size();
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void givenCommonWords_search_isNewestFirstWithSnippetsOfReturnedRows() {
    List<SearchHit> hits =
        store.search(List.of("next", "steps"), ProjectScope.of(PROJECTS.get(1)), 3);

    assertThat(hits).hasSize(3);
    assertThat(hits.get(0).createdAt()).isAfterOrEqualTo(hits.get(1).createdAt());
    assertThat(hits.get(1).createdAt()).isAfterOrEqualTo(hits.get(2).createdAt());
    assertThat(hits).allSatisfy(h -> assertThat(h.snippet()).contains("[Next] [Steps]"));
  }

  @Test
  void givenOnlyCommonWords_search_skipsScoringAndReadsOnlyTheNewestRows() {
    long before = store.statementsExecuted();
    store.search(List.of("next", "steps"), ProjectScope.of(PROJECTS.get(1)), 3);
    long common = store.statementsExecuted() - before;

    before = store.statementsExecuted();
    store.search(List.of("rare7", "next"), ProjectScope.of(PROJECTS.get(1)), 3);
    long ranked = store.statementsExecuted() - before;

    // Row count, two term counts, newest rows, which of them match, their snippets.
    assertThat(common).isEqualTo(6);
    // Row count, one term count (rare7 is rare, so the check stops), the ranked rows, and the
    // snippets of the rows returned (computed apart, so that tied rows read past the limit cost
    // no snippet).
    assertThat(ranked).isEqualTo(4);
  }

  private List<String> reference(List<String> terms, ProjectScope scope, int limit)
      throws Exception {
    String sql =
        "SELECT h.id, h.title, snippet(handoffs_fts, 2, '[', ']', '…', 12), h.created_at"
            + " FROM handoffs_fts JOIN handoffs h ON h.rowid = handoffs_fts.rowid"
            + " WHERE handoffs_fts MATCH ?"
            + (scope instanceof ProjectScope.One ? " AND h.project = ?" : "")
            + " ORDER BY round(rank, 3), h.created_at DESC, h.rowid DESC LIMIT ?";
    List<String> rows = new ArrayList<>();
    try (PreparedStatement ps = raw.connection.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, FullTextSearch.matchExpression(terms));
      if (scope instanceof ProjectScope.One one) {
        ps.setString(i++, one.project());
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              rs.getString(1)
                  + " | "
                  + rs.getString(2)
                  + " | "
                  + rs.getLong(4)
                  + " | "
                  + rs.getString(3));
        }
      }
    }
    return rows;
  }

  private static String describe(SearchHit hit) {
    return hit.id().value()
        + " | "
        + hit.title()
        + " | "
        + hit.createdAt().toEpochMilli()
        + " | "
        + hit.snippet();
  }
}
