package dev.passoff.core.testing;

import static dev.passoff.core.testing.TestHandoffs.T0;
import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static dev.passoff.core.testing.TestHandoffs.childOf;
import static dev.passoff.core.testing.TestHandoffs.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.ImportReport;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.NewHandoff;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHit;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.ThreadDirection;
import dev.passoff.core.port.out.HandoffStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link HandoffStore} honours. An implementation's test extends this class and
 * supplies {@link #createStore()}; each test gets a fresh, empty store.
 */
public abstract class AbstractHandoffStoreTest {
  protected static final ProjectScope PROJ = ProjectScope.of("proj-abc123");
  protected static final ClientIdentity CURSOR = new ClientIdentity("cursor", "0.50");

  protected HandoffStore store;
  protected TestIds ids;

  /** A fresh, empty store. */
  protected abstract HandoffStore createStore() throws Exception;

  /** Runs before each test, before {@link #createStore()}. */
  protected void onStart() throws Exception {}

  /** Runs after each test, after the store is closed. */
  protected void onClose() throws Exception {}

  @BeforeEach
  void openStore() throws Exception {
    onStart();
    ids = new TestIds(7);
    store = createStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
    onClose();
  }

  protected Handoff create(NewHandoff draft) {
    return store.create(draft, ids);
  }

  protected static LoadStamp stamp(long offsetMillis) {
    return new LoadStamp(CURSOR, "gpt-5", T0.plusSeconds(3600).plusMillis(offsetMillis));
  }

  private static List<String> ids(List<? extends Object> items) {
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof Handoff h) {
        out.add(h.title());
      } else if (o instanceof HandoffSummary s) {
        out.add(s.title());
      } else if (o instanceof SearchHit hit) {
        out.add(hit.title());
      }
    }
    return out;
  }

  // --- create and find ---

  @Test
  void givenDraft_create_storesOpenHandoffWithProvenance() {
    Handoff created = create(aHandoff("first", 0));

    Handoff found = store.find(created.id()).orElseThrow();
    assertThat(found).isEqualTo(created);
    assertThat(found.id().value()).matches(HandoffId.GENERATED);
    assertThat(found.status()).isEqualTo(HandoffStatus.OPEN);
    assertThat(found.fromClient()).isEqualTo("claude-code");
    assertThat(found.fromClientVersion()).isEqualTo("1.0.0");
    assertThat(found.fromModel()).isEqualTo("claude-opus-4-1");
    assertThat(found.toClient()).isNull();
    assertThat(found.loadedAt()).isNull();
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(found.tags()).containsExactly("test");
  }

  @Test
  void givenNoTagsOrEmptyTags_create_bothReadBackEmpty() {
    Handoff none = create(withTags(null, aHandoff("none", 0)));
    Handoff empty = create(withTags(List.of(), aHandoff("empty", 1)));

    assertThat(store.find(none.id()).orElseThrow().tags()).isEmpty();
    assertThat(store.find(empty.id()).orElseThrow().tags()).isEmpty();
  }

  @Test
  void givenTagsWithDuplicatesAndUnicode_create_keepsThemInOrder() {
    List<String> tags = List.of("b", "a", "b", "café", "quote\"back\\slash");
    Handoff h = create(withTags(tags, aHandoff("tags", 0)));

    assertThat(store.find(h.id()).orElseThrow().tags()).containsExactlyElementsOf(tags);
  }

  @Test
  void givenUnknownParent_create_throwsNotFoundAndStoresNothing() {
    assertThatThrownBy(() -> create(childOf(HandoffId.of("ph_missing0"), aHandoff("x", 0))))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("parent_id not found: ph_missing0");

    assertThat(store.list(ProjectScope.all(), StatusFilter.ALL, 50)).isEmpty();
  }

  @Test
  void givenParentInOtherProject_create_succeeds() {
    Handoff parent = create(aHandoff("other-proj", "parent", "body", 0));
    Handoff child = create(childOf(parent.id(), aHandoff("child", 1)));

    assertThat(store.find(child.id()).orElseThrow().parentId()).isEqualTo(parent.id());
  }

  @Test
  void givenIdCollision_create_retriesWithNewId() {
    ids.thenRandom(List.of("ph_AAAAAAAA", "ph_AAAAAAAA", "ph_AAAAAAAA", "ph_BBBBBBBB"));
    create(aHandoff("first", 0));

    Handoff second = create(aHandoff("second", 1));

    assertThat(second.id().value()).isEqualTo("ph_BBBBBBBB");
    assertThat(store.list(PROJ, StatusFilter.ALL, 50)).hasSize(2);
  }

  @Test
  void givenUnknownId_find_isEmpty() {
    assertThat(store.find(HandoffId.of("ph_nothere0"))).isEmpty();
    assertThat(store.find(HandoffId.of("not even an id"))).isEmpty();
  }

  // --- load ---

  @Test
  void givenOpenHandoff_loadById_stampsReceiverAndRecordsHistory() {
    Handoff h = create(aHandoff("a", 0));

    Handoff loaded = store.loadById(h.id(), stamp(5)).orElseThrow();

    assertThat(loaded.status()).isEqualTo(HandoffStatus.LOADED);
    assertThat(loaded.toClient()).isEqualTo("cursor");
    assertThat(loaded.toClientVersion()).isEqualTo("0.50");
    assertThat(loaded.toModel()).isEqualTo("gpt-5");
    assertThat(loaded.loadedAt()).isEqualTo(stamp(5).at());
    assertThat(store.find(h.id())).contains(loaded);
    assertThat(store.loads(h.id()))
        .containsExactly(new LoadRecord(h.id(), "cursor", "0.50", "gpt-5", stamp(5).at()));
  }

  @Test
  void givenSecondLoad_loadById_overwritesStampAndAppendsHistory() {
    Handoff h = create(aHandoff("a", 0));
    store.loadById(h.id(), stamp(1));
    LoadStamp codex = new LoadStamp(new ClientIdentity("codex", null), null, T0.plusSeconds(9000));

    Handoff loaded = store.loadById(h.id(), codex).orElseThrow();

    assertThat(loaded.toClient()).isEqualTo("codex");
    assertThat(loaded.toClientVersion()).isNull();
    assertThat(loaded.toModel()).isNull();
    assertThat(store.loads(h.id()))
        .extracting(LoadRecord::client)
        .containsExactly("cursor", "codex");
  }

  @Test
  void givenArchivedHandoff_loadById_stampsButStaysArchived() {
    Handoff h = create(aHandoff("a", 0));
    store.setStatus(h.id(), HandoffStatus.ARCHIVED);

    Handoff loaded = store.loadById(h.id(), stamp(1)).orElseThrow();

    assertThat(loaded.status()).isEqualTo(HandoffStatus.ARCHIVED);
    assertThat(loaded.toClient()).isEqualTo("cursor");
    assertThat(store.loads(h.id())).hasSize(1);
  }

  @Test
  void givenUnknownId_loadById_isEmptyAndRecordsNothing() {
    assertThat(store.loadById(HandoffId.of("ph_nothere0"), stamp(0))).isEmpty();
    assertThat(store.loads(HandoffId.of("ph_nothere0"))).isEmpty();
  }

  @Test
  void givenProjects_loadLatest_picksNewestActiveInScope() {
    create(aHandoff("proj-abc123", "old", "x", 0));
    create(aHandoff("elsewhere-000000", "newest elsewhere", "x", 50));
    Handoff mine = create(aHandoff("proj-abc123", "newest here", "x", 10));

    assertThat(store.loadLatest(PROJ, stamp(0)).orElseThrow().id()).isEqualTo(mine.id());
    assertThat(store.loadLatest(ProjectScope.all(), stamp(1)).orElseThrow().title())
        .isEqualTo("newest elsewhere");
    assertThat(store.loadLatest(ProjectScope.of("nobody-000000"), stamp(2))).isEmpty();
  }

  @Test
  void givenLoadedThenArchived_loadLatest_movesOn() {
    Handoff older = create(aHandoff("older", 0));
    Handoff newer = create(aHandoff("newer", 1));

    assertThat(store.loadLatest(PROJ, stamp(0)).orElseThrow().id()).isEqualTo(newer.id());
    assertThat(store.loadLatest(PROJ, stamp(1)).orElseThrow().id()).isEqualTo(newer.id());
    store.setStatus(newer.id(), HandoffStatus.ARCHIVED);
    assertThat(store.loadLatest(PROJ, stamp(2)).orElseThrow().id()).isEqualTo(older.id());
    store.setStatus(older.id(), HandoffStatus.ARCHIVED);
    assertThat(store.loadLatest(PROJ, stamp(3))).isEmpty();
  }

  @Test
  void givenSameMillisecond_loadLatestAndList_preferLaterInsert() {
    create(aHandoff("first", 0));
    create(aHandoff("second", 0));
    create(aHandoff("third", 0));

    assertThat(ids(store.list(PROJ, StatusFilter.ALL, 10)))
        .containsExactly("third", "second", "first");
    assertThat(store.loadLatest(PROJ, stamp(0)).orElseThrow().title()).isEqualTo("third");
  }

  // --- list ---

  @Test
  void givenMixedStatuses_list_filtersScopesAndLimitsNewestFirst() {
    Handoff a = create(aHandoff("a", 0));
    create(aHandoff("b", 1));
    create(aHandoff("c", 2));
    Handoff d = create(aHandoff("d", 3));
    create(aHandoff("other-111111", "e", "x", 4));
    store.loadById(a.id(), stamp(0));
    store.setStatus(d.id(), HandoffStatus.ARCHIVED);

    assertThat(ids(store.list(PROJ, StatusFilter.ALL, 10))).containsExactly("d", "c", "b", "a");
    assertThat(ids(store.list(PROJ, StatusFilter.OPEN, 10))).containsExactly("c", "b");
    assertThat(ids(store.list(PROJ, StatusFilter.LOADED, 10))).containsExactly("a");
    assertThat(ids(store.list(PROJ, StatusFilter.ARCHIVED, 10))).containsExactly("d");
    assertThat(ids(store.list(PROJ, StatusFilter.ALL, 2))).containsExactly("d", "c");
    assertThat(ids(store.list(ProjectScope.all(), StatusFilter.ALL, 10)))
        .containsExactly("e", "d", "c", "b", "a");
  }

  @Test
  void givenLoadedHandoff_list_showsReceiver() {
    Handoff a = create(aHandoff("a", 0));
    store.loadById(a.id(), stamp(0));

    HandoffSummary s = store.list(PROJ, StatusFilter.ALL, 1).get(0);
    assertThat(s).isEqualTo(store.find(a.id()).orElseThrow().summary());
    assertThat(s.toClient()).isEqualTo("cursor");
  }

  // --- search ---

  private void givenSearchCorpus() {
    create(aHandoff("proj-abc123", "Auth work", "Fix the login flow before release", 0));
    create(aHandoff("proj-abc123", "Fox note", "The quick brown fox jumps", 1));
    create(aHandoff("proj-abc123", "Dog note", "A quick dog and a brown cat", 2));
    create(aHandoff("proj-abc123", "Cafe", "Meet at the café tomorrow", 3));
    create(aHandoff("proj-abc123", "Title only zebra", "Nothing relevant in this body", 4));
    create(aHandoff("other-111111", "Elsewhere", "login elsewhere too", 5));
  }

  @Test
  void givenWord_search_findsOnlyMatchingDocumentInProjectWithSnippet() {
    givenSearchCorpus();

    List<SearchHit> hits = store.search(List.of("login"), PROJ, 10);

    assertThat(ids(hits)).containsExactly("Auth work");
    assertThat(hits.get(0).snippet()).contains("[login]");
    assertThat(ids(store.search(List.of("login"), ProjectScope.all(), 10)))
        .containsExactlyInAnyOrder("Auth work", "Elsewhere");
  }

  @Test
  void givenTwoWords_search_requiresBoth() {
    givenSearchCorpus();

    assertThat(ids(store.search(List.of("quick", "brown"), PROJ, 10)))
        .containsExactlyInAnyOrder("Fox note", "Dog note");
    assertThat(ids(store.search(List.of("quick", "fox"), PROJ, 10))).containsExactly("Fox note");
    assertThat(store.search(List.of("quick", "zebra"), PROJ, 10)).isEmpty();
  }

  @Test
  void givenOperatorsAndPunctuation_search_matchesLiterallyWithoutError() {
    givenSearchCorpus();

    // Each term is a literal token sequence: operators mean nothing and punctuation alone matches
    // nothing. "AND" is the word "and", which one body holds; "OR" and "near" appear nowhere.
    for (String term : List.of("OR", "NEAR(", "*", "-", "\"", ":")) {
      assertThat(store.search(List.of(term), PROJ, 10)).as(term).isEmpty();
    }
    assertThat(ids(store.search(List.of("AND"), PROJ, 10))).containsExactly("Dog note");
    assertThat(ids(store.search(List.of("login*"), PROJ, 10))).containsExactly("Auth work");
    assertThat(ids(store.search(List.of("\"login\""), PROJ, 10))).containsExactly("Auth work");
    assertThat(store.search(List.of("quick", "OR", "zebra"), PROJ, 10)).isEmpty();
    assertThat(ids(store.search(List.of("quick", "AND", "brown"), PROJ, 10)))
        .containsExactly("Dog note");
  }

  @Test
  void givenAccentedText_search_ignoresCaseAndDiacritics() {
    givenSearchCorpus();

    assertThat(ids(store.search(List.of("CAFE"), PROJ, 10))).containsExactly("Cafe");
  }

  @Test
  void givenTitleOnlyMatch_search_snippetIsStartOfContentWithoutBrackets() {
    givenSearchCorpus();

    List<SearchHit> hits = store.search(List.of("zebra"), PROJ, 10);

    assertThat(ids(hits)).containsExactly("Title only zebra");
    assertThat(hits.get(0).snippet()).startsWith("Nothing").doesNotContain("[");
  }

  @Test
  void givenTags_search_matchesTagTokens() {
    create(withTags(List.of("auth", "bug-fix"), aHandoff("tagged", 0)));

    assertThat(ids(store.search(List.of("fix"), PROJ, 10))).containsExactly("tagged");
    assertThat(ids(store.search(List.of("bug-fix"), PROJ, 10))).containsExactly("tagged");
  }

  @Test
  void givenArchivedMatch_search_includesItAndRespectsLimit() {
    for (int i = 0; i < 5; i++) {
      Handoff h = create(aHandoff("proj-abc123", "n" + i, "next steps here", i));
      if (i == 0) {
        store.setStatus(h.id(), HandoffStatus.ARCHIVED);
      }
    }

    assertThat(store.search(List.of("next", "steps"), PROJ, 10)).hasSize(5);
    assertThat(store.search(List.of("next", "steps"), PROJ, 2)).hasSize(2);
  }

  @Test
  void givenNoMatch_search_isEmpty() {
    givenSearchCorpus();

    assertThat(store.search(List.of("nonexistentword"), PROJ, 10)).isEmpty();
  }

  // --- thread ---

  @Test
  void givenChain_thread_walksBothWays() {
    Handoff a = create(aHandoff("a", 0));
    Handoff b = create(childOf(a.id(), aHandoff("b", 1)));
    create(childOf(b.id(), aHandoff("c", 2)));

    assertThat(ids(store.thread(b.id(), ThreadDirection.BOTH).orElseThrow()))
        .containsExactly("a", "b", "c");
    assertThat(ids(store.thread(b.id(), ThreadDirection.ANCESTORS).orElseThrow()))
        .containsExactly("a", "b");
    assertThat(ids(store.thread(a.id(), ThreadDirection.DESCENDANTS).orElseThrow()))
        .containsExactly("a", "b", "c");
    assertThat(ids(store.thread(a.id(), ThreadDirection.ANCESTORS).orElseThrow()))
        .containsExactly("a");
  }

  @Test
  void givenTreeWithInterleavedTimes_thread_listsLevelByLevel() {
    Handoff root = create(aHandoff("root", 0));
    Handoff x = create(childOf(root.id(), aHandoff("x", 30)));
    Handoff y = create(childOf(root.id(), aHandoff("y", 10)));
    create(childOf(x.id(), aHandoff("x1", 15)));
    create(childOf(y.id(), aHandoff("y1", 40)));
    create(childOf(y.id(), aHandoff("y2", 20)));
    create(childOf(x.id(), aHandoff("x2", 5)));

    assertThat(ids(store.thread(root.id(), ThreadDirection.DESCENDANTS).orElseThrow()))
        .containsExactly("root", "y", "x", "y2", "y1", "x2", "x1");
  }

  @Test
  void givenSiblingsInSameMillisecond_thread_keepsInsertionOrder() {
    Handoff root = create(aHandoff("root", 0));
    create(childOf(root.id(), aHandoff("s1", 5)));
    create(childOf(root.id(), aHandoff("s2", 5)));
    create(childOf(root.id(), aHandoff("s3", 5)));

    assertThat(ids(store.thread(root.id(), ThreadDirection.BOTH).orElseThrow()))
        .containsExactly("root", "s1", "s2", "s3");
  }

  @Test
  void givenUnknownAnchor_thread_isEmpty() {
    assertThat(store.thread(HandoffId.of("ph_nothere0"), ThreadDirection.BOTH)).isEmpty();
  }

  // --- status changes ---

  @Test
  void givenAnyStatus_setStatus_isIdempotentAndKeepsStamps() {
    Handoff h = create(aHandoff("a", 0));
    Handoff loaded = store.loadById(h.id(), stamp(0)).orElseThrow();

    HandoffSummary archived = store.setStatus(h.id(), HandoffStatus.ARCHIVED).orElseThrow();
    HandoffSummary again = store.setStatus(h.id(), HandoffStatus.ARCHIVED).orElseThrow();
    HandoffSummary reopened = store.setStatus(h.id(), HandoffStatus.OPEN).orElseThrow();

    assertThat(archived.status()).isEqualTo(HandoffStatus.ARCHIVED);
    assertThat(again).isEqualTo(archived);
    assertThat(reopened.status()).isEqualTo(HandoffStatus.OPEN);
    Handoff after = store.find(h.id()).orElseThrow();
    assertThat(after.loadedAt()).isEqualTo(loaded.loadedAt());
    assertThat(after.toClient()).isEqualTo("cursor");
    assertThat(store.setStatus(HandoffId.of("ph_nothere0"), HandoffStatus.ARCHIVED)).isEmpty();
  }

  @Test
  void givenOpenAndLoaded_archiveOpen_archivesOnlyOpenInProject() {
    create(aHandoff("a", 0));
    Handoff b = create(aHandoff("b", 1));
    create(aHandoff("other-111111", "c", "x", 2));
    store.loadById(b.id(), stamp(0));

    assertThat(store.countOpen("proj-abc123")).isEqualTo(1);
    assertThat(store.archiveOpen("proj-abc123")).isEqualTo(1);
    assertThat(store.countOpen("proj-abc123")).isZero();
    assertThat(ids(store.list(PROJ, StatusFilter.LOADED, 10))).containsExactly("b");
    assertThat(store.countOpen("other-111111")).isEqualTo(1);
  }

  // --- delete ---

  @Test
  void givenLeaf_delete_removesItAndItsHistory() {
    Handoff h = create(aHandoff("a", 0));
    store.loadById(h.id(), stamp(0));

    store.delete(h.id(), false);

    assertThat(store.find(h.id())).isEmpty();
    assertThat(store.loads(h.id())).isEmpty();
    assertThat(store.search(List.of("working"), PROJ, 10)).isEmpty();
  }

  @Test
  void givenParent_delete_refusesAndChangesNothing() {
    Handoff a = create(aHandoff("a", 0));
    create(childOf(a.id(), aHandoff("b", 1)));
    create(childOf(a.id(), aHandoff("c", 2)));

    assertThatThrownBy(() -> store.delete(a.id(), false))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("has 2 child handoff(s)");
    assertThat(store.find(a.id())).isPresent();
  }

  @Test
  void givenMiddleOfChain_deleteWithReparent_attachesChildrenToGrandparent() {
    Handoff a = create(aHandoff("a", 0));
    Handoff b = create(childOf(a.id(), aHandoff("b", 1)));
    Handoff c = create(childOf(b.id(), aHandoff("c", 2)));
    Handoff root = create(aHandoff("root", 3));
    Handoff leaf = create(childOf(root.id(), aHandoff("leaf", 4)));

    store.delete(b.id(), true);
    store.delete(root.id(), true);

    assertThat(store.find(c.id()).orElseThrow().parentId()).isEqualTo(a.id());
    assertThat(store.find(leaf.id()).orElseThrow().parentId()).isNull();
    assertThat(store.find(b.id())).isEmpty();
  }

  @Test
  void givenUnknownId_delete_throwsNotFound() {
    assertThatThrownBy(() -> store.delete(HandoffId.of("ph_nothere0"), false))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Handoff not found: ph_nothere0");
  }

  // --- export and import ---

  @Test
  void givenHandoffsWithHistory_exportThenImport_reproducesThemInAnotherStore() throws Exception {
    Handoff a = create(aHandoff("a", 0));
    Handoff b = create(childOf(a.id(), withTags(List.of("x", "y"), aHandoff("b", 1))));
    store.loadById(a.id(), stamp(0));
    store.setStatus(b.id(), HandoffStatus.ARCHIVED);
    List<ExportedHandoff> exported = new ArrayList<>();
    store.exportAll(exported::add);

    assertThat(exported).extracting(e -> e.handoff().title()).containsExactly("a", "b");
    store.close();
    store = createStore();
    ImportReport report = store.importAll(exported);

    assertThat(report).isEqualTo(new ImportReport(2, 0));
    assertThat(store.find(a.id())).contains(exported.get(0).handoff());
    assertThat(store.find(b.id())).contains(exported.get(1).handoff());
    assertThat(store.loads(a.id())).isEqualTo(exported.get(0).loads());
    assertThat(ids(store.search(List.of("working"), PROJ, 10))).containsExactly("b", "a");
    assertThat(store.importAll(exported)).isEqualTo(new ImportReport(0, 2));
  }

  @Test
  void givenOrphan_importAll_rejectsEverything() {
    Handoff ok = aHandoff("ok", 0).toHandoff(HandoffId.of("ph_okokokok"));
    Handoff orphan =
        childOf(HandoffId.of("ph_missing0"), aHandoff("orphan", 1))
            .toHandoff(HandoffId.of("ph_orphan00"));

    assertThatThrownBy(
            () ->
                store.importAll(
                    List.of(
                        new ExportedHandoff(ok, List.of()),
                        new ExportedHandoff(orphan, List.of()))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("ph_missing0");
    assertThat(store.find(HandoffId.of("ph_okokokok"))).isEmpty();
  }

  // --- maintenance ---

  @Test
  void givenHandoffs_inspectAndRebuild_reportCounts() {
    create(aHandoff("a", 0));
    Handoff b = create(aHandoff("b", 1));
    store.setStatus(b.id(), HandoffStatus.ARCHIVED);

    assertThat(store.inspect().statusCounts())
        .containsEntry("open", 1L)
        .containsEntry("archived", 1L);
    assertThat(store.inspect().total()).isEqualTo(2);
    assertThat(store.rebuildIndex()).isEqualTo(2);
    assertThat(ids(store.search(List.of("working"), PROJ, 10))).containsExactly("b", "a");
  }

  @Test
  void givenStoredTimes_roundTrip_keepsMillisecondPrecision() {
    Handoff h = create(aHandoff("a", 123));

    assertThat(store.find(h.id()).orElseThrow().createdAt())
        .isEqualTo(Instant.parse("2025-11-21T22:00:00.123Z"));
  }
}
