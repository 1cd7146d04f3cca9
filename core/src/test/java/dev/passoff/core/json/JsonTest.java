package dev.passoff.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.model.CreatedHandoff;
import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.LoadRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {
  static Handoff sample() {
    return new Handoff(
        HandoffId.of("ph_4kQ9zX2a"),
        "netutil-cdd640",
        "Add port validation",
        "## Current State\n\"quoted\" café \u2028 tab\t",
        List.of("auth", "validation"),
        "claude-code",
        "1.0.0",
        "claude-opus-4-1",
        null,
        null,
        null,
        null,
        Instant.ofEpochMilli(1763763890123L),
        null,
        HandoffStatus.OPEN);
  }

  @Test
  void givenHandoff_pretty_matchesJsonStringifyLayout() {
    String expected =
        """
        {
          "id": "ph_4kQ9zX2a",
          "project": "netutil-cdd640",
          "title": "Add port validation",
          "content": "## Current State\\n\\"quoted\\" café \u2028 tab\\t",
          "tags": [
            "auth",
            "validation"
          ],
          "from_client": "claude-code",
          "from_client_ver": "1.0.0",
          "from_model": "claude-opus-4-1",
          "to_client": null,
          "to_client_ver": null,
          "to_model": null,
          "parent_id": null,
          "created_at": 1763763890123,
          "loaded_at": null,
          "status": "open"
        }""";

    assertThat(Json.pretty(HandoffJson.handoff(sample()))).isEqualTo(expected);
  }

  @Test
  void givenEmptyContainersAndScalars_pretty_writesThemInline() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", List.of());
    m.put("obj", Map.of());
    m.put("n", 42);
    m.put("d", 2.5);
    m.put("whole", 3.0);
    m.put("b", true);
    assertThat(Json.pretty(m))
        .isEqualTo(
            "{\n  \"items\": [],\n  \"obj\": {},\n  \"n\": 42,\n  \"d\": 2.5,\n  \"whole\": 3,\n"
                + "  \"b\": true\n}");
    assertThat(Json.pretty(null)).isEqualTo("null");
    assertThat(Json.pretty(42)).isEqualTo("42");
    assertThat(Json.pretty(List.of())).isEqualTo("[]");
  }

  @Test
  void givenTags_compact_matchesJsonStringify() {
    assertThat(Json.compact(List.of("auth", "bug-fix"))).isEqualTo("[\"auth\",\"bug-fix\"]");
    assertThat(Json.compact(List.of("é\u0001\\\"/"))).isEqualTo("[\"é\\u0001\\\\\\\"/\"]");
    assertThat(Json.compact(List.of("lone \uD800"))).isEqualTo("[\"lone \\ud800\"]");
  }

  @Test
  void givenCreated_view_keepsKeyOrder() {
    CreatedHandoff c =
        new CreatedHandoff(HandoffId.of("ph_a"), Instant.ofEpochMilli(5), "proj-000000");
    assertThat(Json.compact(HandoffJson.created(c)))
        .isEqualTo("{\"id\":\"ph_a\",\"created_at\":5,\"project\":\"proj-000000\"}");
  }

  @Test
  void givenExportedHandoff_parseExported_roundTrips() {
    ExportedHandoff e =
        new ExportedHandoff(
            sample(),
            List.of(
                new LoadRecord(
                    HandoffId.of("ph_4kQ9zX2a"),
                    "cursor",
                    null,
                    "gpt-5",
                    Instant.ofEpochMilli(9))));
    String line = Json.compact(HandoffJson.exported(e));

    assertThat(HandoffJson.parseExported(Json.parse(line))).isEqualTo(e);
  }

  @Test
  void givenRandomValues_prettyThenParse_roundTrips() {
    SplittableRandom random = new SplittableRandom(1234);
    for (int i = 0; i < 500; i++) {
      Object value = randomValue(random, 0);
      assertThat(Json.parse(Json.pretty(value))).isEqualTo(value);
      assertThat(Json.parse(Json.compact(value))).isEqualTo(value);
    }
  }

  private static Object randomValue(SplittableRandom r, int depth) {
    int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
    return switch (kind) {
      case 0 -> randomString(r);
      case 1 -> r.nextLong();
      case 2 -> r.nextBoolean();
      case 3 -> randomString(r);
      case 4 -> {
        List<Object> list = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          list.add(randomValue(r, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          map.put(randomString(r), randomValue(r, depth + 1));
        }
        yield map;
      }
    };
  }

  private static String randomString(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      int pick = r.nextInt(5);
      sb.appendCodePoint(
          switch (pick) {
            case 0 -> r.nextInt(0x20);
            case 1 -> 0x20 + r.nextInt(0x5f);
            case 2 -> 0xA0 + r.nextInt(0x700);
            case 3 -> 0x1F600 + r.nextInt(0x40);
            default -> "\"\\/".charAt(r.nextInt(3));
          });
    }
    return sb.toString();
  }

  @Test
  void givenMalformedText_parse_failsWithOffset() {
    for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "\"unterminated", "nul", "{} x")) {
      assertThatThrownBy(() -> Json.parse(bad))
          .as(bad)
          .isInstanceOf(Json.ParseException.class)
          .hasMessageContaining("offset");
    }
  }
}
