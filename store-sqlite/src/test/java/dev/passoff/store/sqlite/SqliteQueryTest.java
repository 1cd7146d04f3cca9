package dev.passoff.store.sqlite;

import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static dev.passoff.core.testing.TestHandoffs.childOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.testing.TestIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SQLite-specific query behaviour: plans, statement counts, ids, odd rows written by others. */
class SqliteQueryTest {
  private static final ProjectScope PROJ = ProjectScope.of("proj-abc123");

  @TempDir Path dir;
  private SqliteHandoffStore store;
  private RawSql raw;
  private final TestIds ids = new TestIds(11);

  @BeforeEach
  void openStore() throws Exception {
    store = SqliteHandoffStore.open(dir.resolve("db.sqlite"), n -> {});
    store.list(ProjectScope.all(), StatusFilter.ALL, 1);
    raw = RawSql.open(dir.resolve("db.sqlite"));
  }

  @AfterEach
  void closeStore() throws Exception {
    raw.close();
    store.close();
  }

  private static List<String> titles(List<Handoff> chain) {
    return chain.stream().map(Handoff::title).toList();
  }

  // --- item 35 ---

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 50})
  void givenTreeOfAnySize_thread_runsOneStatementPerDirection(int depth) {
    Handoff root = store.create(aHandoff("n0", 0), ids);
    Handoff node = root;
    Handoff middle = root;
    for (int i = 1; i < depth; i++) {
      node = store.create(childOf(node.id(), aHandoff("n" + i, i)), ids);
      store.create(childOf(node.id(), aHandoff("side" + i, i)), ids);
      if (i == depth / 2) {
        middle = node;
      }
    }

    long before = store.statementsExecuted();
    List<Handoff> both = store.thread(middle.id(), ThreadDirection.BOTH).orElseThrow();
    long afterBoth = store.statementsExecuted();
    store.thread(middle.id(), ThreadDirection.ANCESTORS).orElseThrow();
    long afterUp = store.statementsExecuted();
    List<Handoff> down = store.thread(root.id(), ThreadDirection.DESCENDANTS).orElseThrow();
    long afterDown = store.statementsExecuted();

    assertThat(afterBoth - before).isEqualTo(2);
    assertThat(afterUp - afterBoth).isEqualTo(1);
    assertThat(afterDown - afterUp).isEqualTo(1);
    assertThat(down).hasSize(1 + 2 * (depth - 1));
    assertThat(both).contains(root, middle);
  }

  @Test
  void givenStore_statementCounter_countsEveryStatementOfAWrite() {
    long before = store.statementsExecuted();

    store.create(aHandoff("counted", 0), ids);

    // BEGIN IMMEDIATE, INSERT, COMMIT.
    assertThat(store.statementsExecuted() - before).isEqualTo(3);
  }

  // --- item 36 ---

  @Test
  void givenParentCycleEditedByHand_thread_endsAndListsEachHandoffOnce() throws Exception {
    Handoff a = store.create(aHandoff("a", 0), ids);
    Handoff b = store.create(childOf(a.id(), aHandoff("b", 1)), ids);
    Handoff c = store.create(childOf(b.id(), aHandoff("c", 2)), ids);
    Handoff loop = store.create(aHandoff("loop", 3), ids);
    raw.update("UPDATE handoffs SET parent_id = ? WHERE id = ?", c.id().value(), a.id().value());
    raw.update(
        "UPDATE handoffs SET parent_id = ? WHERE id = ?", loop.id().value(), loop.id().value());

    assertThat(titles(store.thread(b.id(), ThreadDirection.BOTH).orElseThrow()))
        .containsExactly("c", "a", "b");
    assertThat(titles(store.thread(a.id(), ThreadDirection.DESCENDANTS).orElseThrow()))
        .containsExactly("a", "b", "c");
    assertThat(titles(store.thread(a.id(), ThreadDirection.ANCESTORS).orElseThrow()))
        .containsExactly("b", "c", "a");
    assertThat(titles(store.thread(loop.id(), ThreadDirection.BOTH).orElseThrow()))
        .containsExactly("loop");
  }

  @Test
  void givenMissingParentEditedByHand_thread_endsTheWalkThere() throws Exception {
    Handoff a = store.create(aHandoff("a", 0), ids);
    Handoff b = store.create(childOf(a.id(), aHandoff("b", 1)), ids);
    raw.exec("PRAGMA foreign_keys = OFF");
    raw.update("UPDATE handoffs SET parent_id = 'ph_gone0000' WHERE id = ?", a.id().value());

    assertThat(titles(store.thread(b.id(), ThreadDirection.BOTH).orElseThrow()))
        .containsExactly("a", "b");
  }

  // --- item 52 ---

  @Test
  void givenPassoffIndexes_loadLatestAndList_useIndexesWithoutSorting() throws Exception {
    seedTwoProjects();

    assertPlan(SqliteHandoffStore.LATEST_IN_PROJECT, "INDEX idx_handoffs_project_status_created");
    assertPlan(SqliteHandoffStore.LIST_PROJECT, "INDEX idx_handoffs_project_created");
    assertPlan(SqliteHandoffStore.LIST_PROJECT_STATUS, "INDEX idx_handoffs_project_status_created");
    assertPlan(SqliteHandoffStore.LIST_STATUS, "INDEX idx_handoffs_status_created");
  }

  @Test
  void givenNoProjectAndNoSearch_globalLoadLatest_searchesTheStatusIndexInBothArms()
      throws Exception {
    seedTwoProjects();

    List<String> plan = raw.plan(SqliteHandoffStore.LATEST_ALL_PROJECTS);

    assertPlan(SqliteHandoffStore.LATEST_ALL_PROJECTS, "INDEX idx_handoffs_status_created");
    // One backward index search per status arm (open, loaded), each stopping after one row.
    assertThat(plan)
        .filteredOn(
            step -> step.startsWith("SEARCH handoffs USING INDEX idx_handoffs_status_created"))
        .as(String.join("\n", plan))
        .hasSize(2);
  }

  @Test
  void givenAllProjectsAndAllStatuses_list_scansTheCreatedIndexBackwardWithoutSorting()
      throws Exception {
    seedTwoProjects();

    List<String> plan = raw.plan(SqliteHandoffStore.LIST_ALL);

    // No filter, so the plan is a scan; it must walk the created_at index, which LIMIT stops
    // early, and never sort the table.
    assertThat(plan)
        .as(String.join("\n", plan))
        .containsExactly("SCAN handoffs USING INDEX idx_handoffs_created");
    assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"));
  }

  @Test
  void givenSameMillisecondRows_listAll_comesOutNewestInsertFirstThroughTheIndex() {
    Handoff a = store.create(aHandoff("proj-abc123", "a", "x", 7), ids);
    Handoff b = store.create(aHandoff("other-000000", "b", "x", 7), ids);
    Handoff c = store.create(aHandoff("proj-abc123", "c", "x", 3), ids);

    assertThat(store.list(ProjectScope.all(), StatusFilter.ALL, 10))
        .extracting(s -> s.id())
        .containsExactly(b.id(), a.id(), c.id());
  }

  private void seedTwoProjects() {
    for (int i = 0; i < 30; i++) {
      store.create(aHandoff(i % 2 == 0 ? "proj-abc123" : "other-000000", "t" + i, "x", i), ids);
    }
  }

  private void assertPlan(String sql, String index) throws Exception {
    List<String> plan = raw.plan(sql);
    assertThat(plan).as(sql).anySatisfy(step -> assertThat(step).contains(index));
    assertThat(plan).as(sql).noneMatch(step -> step.contains("TEMP B-TREE"));
    assertThat(plan).as(sql).noneMatch(step -> step.startsWith("SCAN handoffs"));
  }

  // --- item 6 (item 5 is core's HandoffIdTest) ---

  @Test
  void givenIdTakenByAnotherWriter_create_retriesInsideItsTransaction() throws Exception {
    LegacyDatabase.insertMinimal(raw, "ph_TAKEN000", "proj-abc123", "theirs", "x", 0);
    LegacyDatabase.insertMinimal(raw, "ph_TAKEN001", "proj-abc123", "theirs too", "x", 1);
    ids.thenRandom(List.of("ph_TAKEN000", "ph_TAKEN001", "ph_TAKEN000", "ph_FREE0000"));
    long before = store.statementsExecuted();

    Handoff created = store.create(aHandoff("mine", 2), ids);

    assertThat(created.id().value()).isEqualTo("ph_FREE0000");
    // One transaction: BEGIN, four INSERT attempts, COMMIT.
    assertThat(store.statementsExecuted() - before).isEqualTo(6);
    assertThat(raw.one("SELECT count(*) FROM handoffs")).isEqualTo("3");
  }

  @Test
  void givenEveryDrawTaken_create_failsAndStoresNothing() throws Exception {
    LegacyDatabase.insertMinimal(raw, "ph_TAKEN000", "proj-abc123", "theirs", "x", 0);
    TestIds unlucky =
        new TestIds()
            .thenRandom(List.of("ph_TAKEN000", "ph_TAKEN000", "ph_TAKEN000", "ph_TAKEN000"));

    assertThatThrownBy(() -> store.create(aHandoff("mine", 2), unlucky))
        .isInstanceOf(ConflictException.class);
    assertThat(raw.one("SELECT count(*) FROM handoffs")).isEqualTo("1");
  }

  // --- values written by other tools ---

  @ParameterizedTest
  @ValueSource(
      strings = {"not json", "{\"a\":1}", "[1,2]", "[\"a\",null]", "", "\"tag\"", "[\"a\""})
  void givenTagsColumnThatIsNotAnArrayOfStrings_read_givesNoTags(String column) throws Exception {
    Handoff h = store.create(aHandoff("odd tags", 0), ids);
    raw.update("UPDATE handoffs SET tags = ? WHERE id = ?", column, h.id().value());

    assertThat(store.find(h.id()).orElseThrow().tags()).isEmpty();
    assertThat(store.list(PROJ, StatusFilter.ALL, 1).get(0).tags()).isEmpty();
    assertThat(raw.one("SELECT tags FROM handoffs")).isEqualTo(column);
  }

  @Test
  void givenTags_create_writesCompactJsonLikeTheExistingTool() throws Exception {
    store.create(
        new dev.passoff.core.model.NewHandoff(
            "proj-abc123",
            "t",
            "c",
            List.of("auth", "bug-fix", "café", "q\"b\\s", "tab\t"),
            dev.passoff.core.testing.TestHandoffs.CLAUDE,
            null,
            null,
            java.time.Instant.EPOCH),
        ids);
    store.create(dev.passoff.core.testing.TestHandoffs.withTags(null, aHandoff("none", 1)), ids);
    store.create(
        dev.passoff.core.testing.TestHandoffs.withTags(List.of(), aHandoff("empty", 2)), ids);

    assertThat(raw.column("SELECT tags FROM handoffs ORDER BY rowid"))
        .containsExactly("[\"auth\",\"bug-fix\",\"café\",\"q\\\"b\\\\s\",\"tab\\t\"]", null, "[]");
  }

  @Test
  void givenUnknownStatusWrittenByAnotherTool_readAndList_showItAsStored() throws Exception {
    Handoff h = store.create(aHandoff("odd status", 0), ids);
    raw.update("UPDATE handoffs SET status = 'snoozed' WHERE id = ?", h.id().value());

    assertThat(store.find(h.id()).orElseThrow().status()).isEqualTo(new HandoffStatus("snoozed"));
    assertThat(store.list(PROJ, StatusFilter.ALL, 10)).hasSize(1);
    assertThat(store.list(PROJ, StatusFilter.OPEN, 10)).isEmpty();
    assertThat(store.list(PROJ, StatusFilter.LOADED, 10)).isEmpty();
    assertThat(store.list(PROJ, StatusFilter.ARCHIVED, 10)).isEmpty();
    assertThat(store.loadLatest(PROJ, stamp())).isEmpty();
    assertThat(store.search(List.of("odd"), PROJ, 10).get(0).status().value()).isEqualTo("snoozed");
    assertThat(store.inspect().statusCounts()).containsEntry("snoozed", 1L);
  }

  private static dev.passoff.core.model.LoadStamp stamp() {
    return new dev.passoff.core.model.LoadStamp(
        dev.passoff.core.model.ClientIdentity.UNKNOWN, null, java.time.Instant.EPOCH);
  }

  // --- search expressions ---

  @Test
  void givenTermWithoutLettersOrDigits_search_matchesNothingEvenWithOtherTerms() {
    store.create(aHandoff("proj-abc123", "Fox", "the quick brown fox", 0), ids);

    assertThat(store.search(List.of("quick"), PROJ, 10)).hasSize(1);
    assertThat(store.search(List.of("quick", "-"), PROJ, 10)).isEmpty();
    assertThat(store.search(List.of("\"", "quick"), PROJ, 10)).isEmpty();
    assertThat(store.search(List.of("quick", "NEAR(", "brown"), PROJ, 10)).isEmpty();
    assertThat(store.search(List.of("quick\"brown"), PROJ, 10)).hasSize(1);
    assertThat(store.search(List.of("brown-fox", "QUICK"), PROJ, 10)).hasSize(1);
  }

  @Test
  void givenTerms_matchExpression_quotesEachAndRequiresAll() {
    assertThat(FullTextSearch.matchExpression(List.of("a", "say \"hi\"", "OR")))
        .isEqualTo("\"a\" AND \"say \"\"hi\"\"\" AND \"OR\"");
  }

  @Test
  void givenManyMatches_search_ranksThenNewestFirstWithSnippets() {
    for (int i = 0; i < 20; i++) {
      store.create(aHandoff("proj-abc123", "n" + i, "## Next Steps\nnext steps " + i, i), ids);
    }
    store.create(aHandoff("proj-abc123", "rare", "zanzibar next steps", 100), ids);

    var hits = store.search(List.of("next", "steps"), PROJ, 3);

    assertThat(hits).extracting(h -> h.title()).containsExactly("rare", "n19", "n18");
    assertThat(hits.get(1).snippet()).contains("[Next] [Steps]");
    assertThat(store.search(List.of("zanzibar"), PROJ, 3).get(0).snippet())
        .isEqualTo("[zanzibar] next steps");
  }

  @Test
  void givenEmptyTermsOrBadLimit_queries_rejectAsProgrammingErrors() {
    assertThatThrownBy(() -> store.search(List.of(), PROJ, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list(PROJ, StatusFilter.ALL, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenLoadHistory_delete_cascadesIntoHandoffLoads() throws Exception {
    Handoff h = store.create(aHandoff("loaded", 0), ids);
    store.loadById(h.id(), stamp());
    store.loadById(h.id(), stamp());
    assertThat(raw.one("SELECT count(*) FROM handoff_loads")).isEqualTo("2");

    store.delete(h.id(), false);

    assertThat(raw.one("SELECT count(*) FROM handoff_loads")).isEqualTo("0");
    List<String> names = new ArrayList<>(raw.column("SELECT name FROM sqlite_master"));
    assertThat(names).contains("handoff_loads");
  }
}
