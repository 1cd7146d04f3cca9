package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import dev.passoff.core.model.ListHandoffsRequest;
import dev.passoff.core.model.StatusFilter;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {
  private static final List<String> LIST_FIELDS = List.of("project", "status", "limit");

  @Test
  void givenIntegralNumbers_integer_acceptsThemLikeJsonSchema() {
    assertThat(args(Map.of("limit", 5)).integer("limit", 10)).isEqualTo(5);
    assertThat(args(Map.of("limit", 5L)).integer("limit", 10)).isEqualTo(5);
    assertThat(args(Map.of("limit", 5.0)).integer("limit", 10)).isEqualTo(5);
    assertThat(args(Map.of()).integer("limit", 10)).isEqualTo(10);
  }

  @Test
  void givenNonIntegers_integer_reportsTheType() {
    for (Object bad : new Object[] {2.5, "5", true, List.of(5)}) {
      ToolArguments a = args(Map.of("limit", bad));
      a.integer("limit", 10);
      assertThat(problems(a)).as("%s", bad).containsExactly("limit: must be an integer");
    }
    Map<String, @Nullable Object> nullLimit = new HashMap<>();
    nullLimit.put("limit", null);
    ToolArguments a = args(nullLimit);
    a.integer("limit", 10);
    assertThat(problems(a)).containsExactly("limit: must be an integer");
  }

  @Test
  void givenHugeInteger_list_reportsTheRangeNotAnOverflow() {
    ToolArguments a = args(Map.of("limit", new BigInteger("99999999999999999999")));
    int limit = a.integer("limit", 10);
    assertThatThrownBy(() -> a.build(() -> new ListHandoffsRequest(null, StatusFilter.ALL, limit)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.getMessage()).isEqualTo("limit: must be an integer from 1 to 50"));
  }

  @Test
  void givenTypeAndValueProblems_throwIfInvalid_listsThemInSchemaOrder() {
    ToolArguments a = args(Map.of("limit", "5", "status", "bogus", "project", 7));
    int limit = a.integer("limit", 10);
    String project = a.string("project");
    StatusFilter status = a.parse(() -> StatusFilter.parse(a.string("status")), StatusFilter.ALL);

    assertThatThrownBy(() -> a.build(() -> new ListHandoffsRequest(project, status, limit)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::toString)
                    .containsExactly(
                        "project: must be a string",
                        "status: must be one of open, loaded, archived, all",
                        "limit: must be an integer"));
  }

  @Test
  void givenMixedTagItems_stringList_reportsEachBadItemAfterTheWholeField() {
    ToolArguments a =
        new ToolArguments(Map.of("tags", List.of(1, "ok", false)), List.of("title", "tags"));
    List<String> tags = a.stringList("tags");

    assertThat(tags).hasSize(3).contains("ok");
    assertThatThrownBy(a::throwIfInvalid)
        .hasMessage("tags[0]: must be a string; tags[2]: must be a string");
  }

  @Test
  void givenUndeclaredArgument_reading_ignoresIt() {
    ToolArguments a = args(Map.of("foo", 1, "limit", 3));

    assertThat(a.integer("limit", 10)).isEqualTo(3);
    a.throwIfInvalid();
  }

  private static ToolArguments args(Map<String, ?> map) {
    return new ToolArguments(map, LIST_FIELDS);
  }

  private static List<String> problems(ToolArguments a) {
    try {
      a.throwIfInvalid();
      return List.of();
    } catch (ValidationException e) {
      return e.violations().stream().map(Violation::toString).toList();
    }
  }
}
