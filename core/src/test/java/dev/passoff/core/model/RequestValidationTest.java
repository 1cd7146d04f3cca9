package dev.passoff.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidationTest {
  private static List<String> fields(ValidationException e) {
    return e.violations().stream().map(Violation::field).toList();
  }

  private static ValidationException createFails(
      String title, String content, List<String> tags, String parent, String project) {
    try {
      new CreateHandoffRequest(title, content, tags, parent, project, null);
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("expected a validation failure");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t\n", "\u3000\u00a0"})
  void givenBlankTitle_create_isInvalid(String title) {
    assertThat(fields(createFails(title, "body", null, null, null))).containsExactly("title");
  }

  @Test
  void givenTooLongOrMultilineTitle_create_isInvalid() {
    assertThat(fields(createFails("x".repeat(121), "b", null, null, null)))
        .containsExactly("title");
    assertThat(fields(createFails("one\ntwo", "b", null, null, null))).containsExactly("title");
    assertThat(fields(createFails("tab\there", "b", null, null, null))).containsExactly("title");
  }

  @Test
  void givenSixtyOneEmoji_create_countsCodePoints() {
    String emoji = "\uD83D\uDE00".repeat(61);
    assertThat(emoji.length()).isEqualTo(122);

    assertThat(new CreateHandoffRequest(emoji, "body", null, null, null, null).title())
        .isEqualTo(emoji);
    assertThat(fields(createFails("\uD83D\uDE00".repeat(121), "b", null, null, null)))
        .containsExactly("title");
  }

  @Test
  void givenBadContent_create_isInvalid() {
    assertThat(fields(createFails("t", " ", null, null, null))).containsExactly("content");
    assertThat(fields(createFails("t", "a\u0000b", null, null, null))).containsExactly("content");
    assertThat(fields(createFails("t", "x".repeat(1_048_577), null, null, null)))
        .containsExactly("content");
    assertThat(new CreateHandoffRequest("t", "x".repeat(1_048_576), null, null, null, null))
        .isNotNull();
  }

  @Test
  void givenUnpairedSurrogate_create_saysNotValidUnicode() {
    ValidationException e = createFails("bad \uD800", "b", null, null, null);
    assertThat(e.getMessage()).isEqualTo("title: is not valid Unicode (unpaired surrogate)");
  }

  @Test
  void givenBadTags_create_namesEachProblem() {
    List<String> many = new ArrayList<>(Collections.nCopies(33, "t"));
    assertThat(fields(createFails("t", "b", many, null, null))).containsExactly("tags");
    assertThat(fields(createFails("t", "b", List.of("ok", " ", "x".repeat(65)), null, null)))
        .containsExactly("tags[1]", "tags[2]");
  }

  @Test
  void givenSeveralProblems_create_reportsAllInFieldOrder() {
    ValidationException e = createFails(" ", "", null, "x".repeat(65), "*");
    assertThat(fields(e)).containsExactly("title", "content", "parent_id", "project");
    assertThat(e.getMessage()).contains("; ");
  }

  @Test
  void givenBlankOptionals_create_treatsThemAsAbsent() {
    CreateHandoffRequest r = new CreateHandoffRequest("t", "b", List.of(), " ", "", "\t");
    assertThat(r.parentId()).isNull();
    assertThat(r.project()).isNull();
    assertThat(r.fromModel()).isNull();
    assertThat(r.tags()).isEmpty();
  }

  @Test
  void givenLimits_listAndSearch_acceptOneToFifty() {
    assertThat(new ListHandoffsRequest(null, StatusFilter.ALL, 1).limit()).isEqualTo(1);
    assertThat(new ListHandoffsRequest(null, StatusFilter.ALL, 50).limit()).isEqualTo(50);
    assertThatThrownBy(() -> new ListHandoffsRequest(null, StatusFilter.ALL, 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("limit: ");
    assertThatThrownBy(() -> new SearchHandoffsRequest("q", null, 51))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void givenStatusAndDirectionWords_parse_acceptsOnlyKnownValues() {
    assertThat(StatusFilter.parse(null)).isEqualTo(StatusFilter.ALL);
    assertThat(StatusFilter.parse("loaded")).isEqualTo(StatusFilter.LOADED);
    assertThatThrownBy(() -> StatusFilter.parse("bogus"))
        .hasMessage("status: must be one of open, loaded, archived, all");
    assertThat(ThreadDirection.parse(null)).isEqualTo(ThreadDirection.BOTH);
    assertThatThrownBy(() -> ThreadDirection.parse("sideways"))
        .hasMessage("direction: must be one of ancestors, descendants, both");
  }

  @Test
  void givenWhitespaceOnlyQuery_search_isInvalidWithoutFtsText() {
    assertThatThrownBy(() -> new SearchHandoffsRequest(" \u3000\t", null, 10))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("query: ")
        .hasMessageNotContaining("fts");
    assertThatThrownBy(() -> new SearchHandoffsRequest("x".repeat(1001), null, 10))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void givenQuery_terms_splitOnEcmaScriptWhitespace() {
    SearchHandoffsRequest r =
        new SearchHandoffsRequest(" quick\u00a0brown\u2003fox\uFEFF\n\"jumps\" OR ", null, 10);
    assertThat(r.terms()).containsExactly("quick", "brown", "fox", "\"jumps\"", "OR");
  }

  @Test
  void givenHugeClientName_clientIdentity_truncatesTo200CodePoints() {
    ClientIdentity id = ClientIdentity.of("\uD83D\uDE00".repeat(300), "v".repeat(500));
    assertThat(id.name().codePointCount(0, id.name().length())).isEqualTo(200);
    assertThat(id.version()).hasSize(200);
    assertThat(ClientIdentity.of(null, null)).isEqualTo(ClientIdentity.UNKNOWN);
    assertThat(ClientIdentity.of("claude-code", null).version()).isNull();
  }
}
