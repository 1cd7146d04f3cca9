package dev.passoff.store.jsonl.log;

import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHit;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.testing.TestIds;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking and snippets of the log's search, beyond what the contract pins down. */
class JsonlSearchTest {
  private static final ProjectScope PROJ = ProjectScope.of("proj-abc123");

  @TempDir Path dir;
  private JsonlHandoffStore store;
  private final TestIds ids = new TestIds(3);

  @BeforeEach
  void openStore() {
    store = JsonlHandoffStore.open(dir.resolve("handoffs.jsonl"));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private void given(String title, String content, long offset) {
    store.create(aHandoff("proj-abc123", title, content, offset), ids);
  }

  private static List<List<String>> phrases(String... terms) {
    return Arrays.stream(terms).map(Tokens::keysOf).toList();
  }

  @Test
  void givenRareTermDenserInOlderHandoff_search_ranksItFirst() {
    given("dense", "login login login", 0);
    given("sparse", "login once among many other words in a much longer body of text here", 1);
    given("x", "unrelated", 2);
    given("y", "unrelated", 3);
    given("z", "unrelated", 4);

    assertThat(store.search(List.of("login"), PROJ, 10))
        .extracting(SearchHit::title)
        .containsExactly("dense", "sparse");
  }

  @Test
  void givenIndexRebuilt_search_findsTheSame() {
    given("a", "alpha beta", 0);
    given("b", "beta gamma", 1);
    List<SearchHit> before = store.search(List.of("beta"), PROJ, 10);

    assertThat(store.rebuildIndex()).isEqualTo(2);

    assertThat(store.search(List.of("beta"), PROJ, 10)).isEqualTo(before);
  }

  @Test
  void givenRandomCorpora_search_ranksAsFullBm25ThenNewestFirst() {
    Random random = new Random(5);
    String[] words = {"next", "steps", "login", "auth", "fix", "cache", "merge", "zebra"};
    for (int round = 0; round < 20; round++) {
      HandoffIndex index = new HandoffIndex();
      int size = 1 + random.nextInt(40);
      for (int i = 0; i < size; i++) {
        StringBuilder content = new StringBuilder();
        for (int w = random.nextInt(30); w >= 0; w--) {
          // Skewed draws, so that some words are in most handoffs and some in few.
          content
              .append(words[(int) (words.length * Math.pow(random.nextDouble(), 2))])
              .append(' ');
        }
        String project = random.nextBoolean() ? "proj-abc123" : "other";
        index.apply(
            new LogEntry.Create(
                HandoffId.of("ph_" + round + "x" + i),
                aHandoff(project, "t" + i, content.toString(), random.nextInt(5))));
      }
      for (String query :
          List.of("next", "steps", "next steps", "login", "zebra", "fix cache", "next fix")) {
        List<String> terms = List.of(query.split(" "));
        for (ProjectScope scope : List.of(ProjectScope.all(), PROJ)) {
          for (int limit : List.of(1, 3, 100)) {
            assertThat(index.search(terms, scope, limit))
                .extracting(SearchHit::id)
                .as("round %d, %s in %s, limit %d", round, query, scope, limit)
                .containsExactlyElementsOf(fullRanking(index, terms, scope, limit));
          }
        }
      }
    }
  }

  /** Every match scored, ordered by score, then creation time and order, newest first. */
  private static List<HandoffId> fullRanking(
      HandoffIndex index, List<String> terms, ProjectScope scope, int limit) {
    SearchIndex all = new SearchIndex();
    for (ExportedHandoff e : index.export()) {
      all.add(e.handoff());
    }
    List<List<String>> phrases = terms.stream().map(Tokens::keysOf).toList();
    List<HandoffSummary> newestFirst = index.list(scope, StatusFilter.ALL, Integer.MAX_VALUE);
    Map<HandoffId, Integer> age = new HashMap<>();
    for (int i = 0; i < newestFirst.size(); i++) {
      age.put(newestFirst.get(i).id(), i);
    }
    return all.search(phrases, age::containsKey).stream()
        .sorted(
            Comparator.comparingLong((SearchIndex.Match m) -> -m.score())
                .thenComparingInt(m -> age.get(m.id())))
        .limit(limit)
        .map(SearchIndex.Match::id)
        .toList();
  }

  @Test
  void givenMatchDeepInLongContent_snippet_showsTwelveTokensAroundItWithEllipses() {
    String content =
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
            + " needle sixteen seventeen eighteen nineteen twenty twentyone twentytwo";

    assertThat(SearchIndex.snippet(content, phrases("needle")))
        .isEqualTo(
            "…nine ten eleven twelve thirteen fourteen [needle] sixteen seventeen eighteen"
                + " nineteen twenty…");
  }

  @Test
  void givenPhraseWithPunctuation_snippet_bracketsTheWholeRunOnce() {
    assertThat(SearchIndex.snippet("Ship the bug-fix today.", phrases("bug fix")))
        .isEqualTo("Ship the [bug-fix] today.");
  }

  @Test
  void givenAccentsAndCase_snippet_keepsTheOriginalText() {
    assertThat(SearchIndex.snippet("Meet at the Café.", phrases("CAFE")))
        .isEqualTo("Meet at the [Café].");
  }

  @Test
  void givenNoMatchInContent_snippet_isTheStartWithoutBrackets() {
    String content = "a b c d e f g h i j k l m n o";

    assertThat(SearchIndex.snippet(content, phrases("zebra")))
        .isEqualTo("a b c d e f g h i j k l…");
  }

  @Test
  void givenDecomposedAccents_tokens_foldToTheSameKey() {
    assertThat(Tokens.keysOf("Cafe\u0301 CAFÉ café")).containsExactly("cafe", "cafe", "cafe");
    assertThat(Tokens.keysOf("bug-fix: İstanbul 42"))
        .containsExactly("bug", "fix", "istanbul", "42");
    assertThat(Tokens.keysOf("*-\" :")).isEmpty();
  }
}
