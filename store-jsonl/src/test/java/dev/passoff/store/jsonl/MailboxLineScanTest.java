package dev.passoff.store.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.MessageType;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.service.mailbox.MailboxTimes;
import dev.passoff.core.service.mailbox.MessageRules;
import dev.passoff.core.testing.mailbox.MailboxFixtures;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The line scanner against the full parser ({@link StreamIndex#parse}, {@link Json#parse}) and the
 * write rules ({@link MessageRules#check}): whatever the scanner calls plain, the parser reads with
 * the same values, and whatever the quick rules call clean, the rules find nothing in.
 */
class MailboxLineScanTest {
  private static final String[] TOP = MessageRules.KEY_ORDER.toArray(new String[0]);

  private static final String[] REFS = {"reply_to", "notes_file", "commit"};

  private final MailboxLineScan scan = new MailboxLineScan();

  @Test
  void fieldNumbersFollowTheProtocolsKeyOrder() {
    java.util.List<String> order = MessageRules.KEY_ORDER;
    assertThat(order.indexOf("v")).isEqualTo(MailboxLineScan.V);
    assertThat(order.indexOf("id")).isEqualTo(MailboxLineScan.ID);
    assertThat(order.indexOf("summary")).isEqualTo(MailboxLineScan.SUMMARY);
    assertThat(order.indexOf("refs")).isEqualTo(MailboxLineScan.REFS);
    assertThat(order.indexOf("priority")).isEqualTo(MailboxLineScan.PRIORITY);
    assertThat(order.indexOf("state")).isEqualTo(MailboxLineScan.STATE);
    assertThat(order.indexOf("skipped")).isEqualTo(MailboxLineScan.SKIPPED);
    assertThat(order.indexOf("files_changed")).isEqualTo(MailboxLineScan.FILES_CHANGED);
    assertThat(order.indexOf("passoff")).isEqualTo(MailboxLineScan.PASSOFF);
    assertThat(order).hasSize(MailboxLineScan.REPLY_TO);
  }

  private final MailboxLineScanRules rules = new MailboxLineScanRules();

  // ------------------------------------------------------------------------------------------
  // examples

  @Test
  void givenMessageAsPassoffWritesIt_scan_isPlainAndCleanWithItsFields() {
    Map<String, @Nullable Object> m = MailboxFixtures.fields(Side.CLAUDE, 42, "status");
    m.put("summary", "caf\u00e9 \u4e2d \ud83d\ude00 \"quoted\"");
    m.put("to_session", "codex-main");

    assertThat(scan(Json.line(m))).isTrue();

    assertThat(scan.idSeq(MailboxLineScan.ID, Side.CLAUDE, 6)).isEqualTo(42);
    assertThat(scan.idSeq(MailboxLineScan.ID, Side.CODEX, 1)).isEqualTo(-1);
    assertThat(scan.escapedString(MailboxLineScan.SUMMARY)).isTrue();
    assertThat(scan.text(MailboxLineScan.TO_SESSION)).isEqualTo("codex-main");
    assertThat(scan.kind(MailboxLineScan.REPLY_TO)).isEqualTo(MailboxLineScan.NULL);
    assertThat(scan.kind(MailboxLineScan.CONTEXT)).isEqualTo(MailboxLineScan.ABSENT);
    assertThat(scan.stringArray(MailboxLineScan.FILES_CHANGED)).isTrue();
    assertThat(scan.separator()).isFalse();
    assertThat(rules.clean(scan, Side.CLAUDE)).isTrue();
    assertThat(rules.clean(scan, Side.CODEX)).isFalse();
  }

  @Test
  void givenPythonStyleLine_scan_isPlainAndReadsEscapesAsTheParserDoes() {
    Map<String, @Nullable Object> m = MailboxFixtures.fields(Side.CODEX, 7, "question");
    m.put("summary", "\u00e9\ud83d\ude00" + "x".repeat(198)); // 200 code points, 201 chars
    String line = Json.python(m);
    assertThat(line).contains("\\ud83d\\ude00").contains(", ");

    assertThat(scan(line)).isTrue();

    assertThat(scan.loneSurrogate()).isFalse();
    assertThat(rules.clean(scan, Side.CODEX)).isTrue();
    m.put("summary", m.get("summary") + "y");
    assertThat(scan(Json.python(m))).isTrue();
    assertThat(rules.clean(scan, Side.CODEX)).isFalse();
  }

  @Test
  void givenEscapedLineBreakOrLoneSurrogate_scan_isPlainButNotClean() {
    Map<String, @Nullable Object> m = MailboxFixtures.fields(Side.CLAUDE, 1, "status");
    m.put("summary", "two\nlines");
    assertThat(scan(Json.line(m))).isTrue();
    assertThat(rules.clean(scan, Side.CLAUDE)).isFalse();

    m.put("summary", "one line");
    m.put("context", "half a pair \ud800");
    assertThat(scan(Json.line(m))).isTrue();
    assertThat(scan.loneSurrogate()).isTrue();
    assertThat(rules.clean(scan, Side.CLAUDE)).isFalse();
  }

  @Test
  void givenRawSeparator_scan_isPlainAndFlagsIt() {
    Map<String, @Nullable Object> m = MailboxFixtures.fields(Side.CLAUDE, 1, "status");
    m.put("context", "a\u2028b");

    assertThat(scan(Json.compact(m))).isTrue();
    assertThat(scan.separator()).isTrue();
    assertThat(scan(Json.line(m))).isTrue();
    assertThat(scan.separator()).isFalse();
  }

  @Test
  void givenLinesTheParserRejectsOrReadsLoosely_scan_isNotPlain() {
    String good = Json.line(MailboxFixtures.fields(Side.CLAUDE, 1, "status"));
    List<String> notPlain =
        List.of(
            "",
            "   ",
            "[1]",
            "\"text\"",
            "{",
            good.substring(0, good.length() - 1),
            good + good,
            good + "x",
            "\ufeff" + good,
            good.replace("\"id\"", "\"i\\u0064\""),
            good.replace(",\"files_changed\"", ",\"refs\":null,\"files_changed\""),
            "{\"id\":\"claude-000001\",\"id\":\"claude-000002\"}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":-.5}",
            "{\"a\":1e}",
            "{\"a\":\"\\u-123\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"tab\tinside\"}",
            "{\"a\":tru}",
            "{\"a\":[1,]}",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}");
    for (String line : notPlain) {
      assertThat(scan(line)).as(line).isFalse();
    }
    assertThat(scan("{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}")).isTrue();
    assertThat(scan(" \t{\"a\":-0.5e+3,\"b\":[true,false,null,{}],\"c\":\"\\/\"}\r ")).isTrue();
  }

  @Test
  void givenInvalidUtf8_scan_isNotPlain() {
    for (String hex :
        List.of(
            "c080",
            "c1bf",
            "80",
            "e080af",
            "eda080",
            "f08fbfbf",
            "f4908080",
            "f5808080",
            "e282",
            "ff")) {
      byte[] bad = HexFormat.of().parseHex(hex);
      byte[] line =
          MailboxLineSamples.concat(
              MailboxLineSamples.concat("{\"a\":\"x".getBytes(UTF_8), bad), "\"}".getBytes(UTF_8));
      assertThat(scan.scan(line, 0, line.length)).as(hex).isFalse();
      assertThat(StreamIndex.parse(line, 0, line.length, Side.CLAUDE).flags())
          .as(hex)
          .matches(f -> (f & StreamIndex.INVALID_UTF8) != 0);
    }
    for (String hex : List.of("c280", "e0a080", "ed9fbf", "efbfbf", "f0908080", "f48fbfbf")) {
      byte[] ok = HexFormat.of().parseHex(hex);
      byte[] line =
          MailboxLineSamples.concat(
              MailboxLineSamples.concat("{\"a\":\"".getBytes(UTF_8), ok), "\"}".getBytes(UTF_8));
      assertThat(scan.scan(line, 0, line.length)).as(hex).isTrue();
    }
  }

  // ------------------------------------------------------------------------------------------
  // differential

  @Test
  void givenRandomLines_scan_agreesWithTheFullParserAndTheRules() {
    int plain = 0;
    int clean = 0;
    int intact = 0;
    List<String> types = new ArrayList<>();
    for (long seed = 1; seed <= 4; seed++) {
      MailboxLineSamples samples = new MailboxLineSamples(seed);
      for (int i = 0; i < 5_000; i++) {
        Side writer = samples.chance(2) ? Side.CLAUDE : Side.CODEX;
        MailboxLineSamples.Sample sample = samples.line(writer, 1 + i);
        byte[] b = sample.bytes();
        String what = seed + "/" + i + ": " + new String(b, UTF_8);
        boolean isPlain = scan.scan(b, 0, b.length);
        if (sample.intact()) {
          intact++;
          assertThat(isPlain).as(what).isTrue();
        }
        assertThat(StreamArchiver.seqOf(b, 0, b.length, writer, scan))
            .as(what)
            .isEqualTo(StreamArchiver.seqOf(b, 0, b.length, writer, null));
        if (!scan.scan(b, 0, b.length)) {
          continue;
        }
        plain++;
        StreamIndex.Parsed parsed = StreamIndex.parse(b, 0, b.length, writer);
        assertThat(parsed.flags() & ~(StreamIndex.BAD_ID | StreamIndex.WRONG_SIDE))
            .as(what)
            .isZero();
        Map<String, @Nullable Object> object = parsed.object();
        assertThat(object).as(what).isNotNull();
        assertSameFields(object, b, what);
        if (rules.clean(scan, writer)) {
          clean++;
          types.add(String.valueOf(object.get("type")));
          assertThat(
                  MessageRules.check(object, writer, false).stream()
                      .filter(v -> !v.field().equals("refs.notes_file"))
                      .map(Object::toString))
              .as(what)
              .isEmpty();
        }
      }
    }
    // The samples must exercise both sides of every verdict.
    assertThat(intact).isGreaterThan(4_000);
    assertThat(plain).isGreaterThan(intact);
    assertThat(clean).isGreaterThan(200);
    assertThat(types).contains("task", "handoff", "question", "done", "status", "error", "cancel");
  }

  private void assertSameFields(Map<String, @Nullable Object> object, byte[] b, String what) {
    for (int f = 0; f < TOP.length; f++) {
      assertField(f, object, TOP[f], what);
    }
    if (object.get("refs") instanceof Map<?, ?> refs) {
      for (int f = 0; f < REFS.length; f++) {
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> r = (Map<String, @Nullable Object>) refs;
        assertField(TOP.length + f, r, REFS[f], what);
      }
    } else {
      for (int f = 0; f < REFS.length; f++) {
        assertThat(scan.kind(TOP.length + f)).as(what).isEqualTo(MailboxLineScan.ABSENT);
      }
    }
    assertThat(scan.separator())
        .as(what)
        .isEqualTo(StreamRepairer.countSeparators(b, 0, b.length) > 0);
    assertThat(scan.loneSurrogate()).as(what).isEqualTo(hasLoneSurrogate(object));
    Object type = object.get("type");
    assertThat(MailboxLineScanRules.type(scan))
        .as(what)
        .isEqualTo(
            type instanceof String t && scan.rawString(MailboxLineScan.TYPE)
                ? MessageType.find(t).orElse(null)
                : null);
  }

  private void assertField(int f, Map<String, @Nullable Object> map, String key, String what) {
    String as = what + " [" + key + "]";
    Object value = map.get(key);
    byte expected;
    if (!map.containsKey(key)) {
      expected = MailboxLineScan.ABSENT;
    } else if (value == null) {
      expected = MailboxLineScan.NULL;
    } else if (value instanceof String) {
      expected = MailboxLineScan.STRING;
    } else if (value instanceof Boolean bool) {
      expected = bool ? MailboxLineScan.TRUE : MailboxLineScan.FALSE;
    } else if (value instanceof Number) {
      expected = MailboxLineScan.NUMBER;
    } else if (value instanceof Map<?, ?>) {
      expected = MailboxLineScan.OBJECT;
    } else {
      expected = MailboxLineScan.ARRAY;
    }
    assertThat(scan.kind(f)).as(as).isEqualTo(expected);
    if (scan.rawString(f)) {
      String text = (String) value;
      assertThat(scan.text(f)).as(as).isEqualTo(text);
      assertThat(scan.idSeq(f, null, 1))
          .as(as)
          .isEqualTo(MessageId.read(text).map(MessageId::seq).orElse(-1L));
      assertThat(scan.idSeq(f, null, 6) >= 0).as(as).isEqualTo(MessageId.isWritable(text));
      assertThat(scan.writtenTimestamp(f)).as(as).isEqualTo(MailboxTimes.isWritten(text));
    }
    if (scan.kind(f) == MailboxLineScan.STRING) {
      String text = (String) value;
      if (scan.visiblyNonBlank(f)) {
        assertThat(text).as(as).isNotBlank();
      }
      assertThat(scan.singleLineOfAtMost(f, 200))
          .as(as)
          .isEqualTo(
              text.indexOf('\n') < 0
                  && text.indexOf('\r') < 0
                  && text.codePointCount(0, text.length()) <= 200);
    }
    if (scan.kind(f) == MailboxLineScan.ARRAY) {
      assertThat(scan.stringArray(f))
          .as(as)
          .isEqualTo(((List<?>) value).stream().allMatch(e -> e instanceof String));
    }
    if (scan.smallNatural(f) >= 0) {
      assertThat(value).as(as).isEqualTo(scan.smallNatural(f));
    }
  }

  /** Whether any string in the value, member names included, holds a lone surrogate. */
  private static boolean hasLoneSurrogate(@Nullable Object value) {
    if (value instanceof String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Map<?, ?> m) {
      return m.entrySet().stream()
          .anyMatch(e -> hasLoneSurrogate(e.getKey()) || hasLoneSurrogate(e.getValue()));
    }
    if (value instanceof List<?> l) {
      return l.stream().anyMatch(MailboxLineScanTest::hasLoneSurrogate);
    }
    return false;
  }

  private boolean scan(String line) {
    byte[] b = line.getBytes(UTF_8);
    return scan.scan(b, 0, b.length);
  }
}
