package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads the parts of a raw {@code tools/call} result. */
final class Results {
  private Results() {}

  /** The text of the single content item. */
  static String text(Map<String, ?> result) {
    assertThat(result.get("content")).isInstanceOf(List.class);
    List<?> content = (List<?>) result.get("content");
    assertThat(content).hasSize(1);
    Map<?, ?> item = (Map<?, ?>) content.get(0);
    assertThat(item.get("type")).isEqualTo("text");
    return (String) item.get("text");
  }

  static boolean isError(Map<String, ?> result) {
    return Boolean.TRUE.equals(result.get("isError"));
  }

  /** The structured content of a success, after checking the text carries the same data. */
  @SuppressWarnings("unchecked")
  static Map<String, @Nullable Object> structured(Map<String, ?> result) {
    assertThat(isError(result)).as("isError; text: %s", result.get("content")).isFalse();
    assertThat(result.get("structuredContent")).isInstanceOf(Map.class);
    Map<String, @Nullable Object> structured =
        (Map<String, @Nullable Object>) result.get("structuredContent");
    Object data = Json.parse(text(result));
    if (data instanceof Map) {
      assertThat(structured).isEqualTo(data);
    } else {
      assertThat(structured.keySet()).containsExactly("items");
      assertThat(structured.get("items")).isEqualTo(data);
    }
    assertThat(text(result)).isEqualTo(Json.pretty(data));
    return structured;
  }

  /** The wrapped items of a success whose data is an array. */
  @SuppressWarnings("unchecked")
  static List<Map<String, @Nullable Object>> items(Map<String, ?> result) {
    assertThat(text(result)).startsWith("[");
    return (List<Map<String, @Nullable Object>>) structured(result).get("items");
  }

  /** The text of an {@code isError} result, after checking it has no structured content. */
  static String errorText(Map<String, ?> result) {
    assertThat(isError(result)).as("isError; result: %s", result).isTrue();
    assertThat(result).doesNotContainKey("structuredContent");
    return text(result);
  }
}
