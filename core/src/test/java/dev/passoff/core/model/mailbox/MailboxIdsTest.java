package dev.passoff.core.model.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.service.mailbox.MailboxTimes;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written matchers agree with the protocol's patterns, which serve as the oracle. */
class MailboxIdsTest {
  static final Pattern READ = Pattern.compile("(codex|claude)-(\\d+)");
  static final Pattern WRITE = Pattern.compile("(codex|claude)-\\d{6,}");
  static final Pattern SESSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
  static final Pattern TS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  static final List<String> IDS =
      List.of(
          "claude-000001",
          "codex-1",
          "codex-",
          "claude-",
          "Claude-000001",
          "claude-00000a",
          "claude-0000001",
          "codex-000042 ",
          " codex-000042",
          "codex-٣",
          "claude--1",
          "x-000001",
          "codex-9223372036854775807",
          "codex-9223372036854775808",
          "codex-000001\n",
          "");

  @Test
  void idsAreReadAsThePatternSays() {
    for (String id : IDS) {
      boolean pattern = READ.matcher(id).matches();
      boolean fits =
          pattern && !id.equals("codex-9223372036854775808"); // beyond a signed 64-bit seq
      assertThat(MessageId.read(id).isPresent()).as(id).isEqualTo(fits);
      assertThat(MessageId.isWritable(id)).as(id).isEqualTo(fits && WRITE.matcher(id).matches());
    }
    MessageId id = MessageId.read("claude-0000042").orElseThrow();
    assertThat(id.side()).isEqualTo(Side.CLAUDE);
    assertThat(id.seq()).isEqualTo(42);
    assertThat(id.text()).isEqualTo("claude-0000042");
    assertThat(MessageId.of(Side.CODEX, 1_000_000).text()).isEqualTo("codex-1000000");
  }

  @Test
  void sessionIdsFollowThePattern() {
    List<String> corpus =
        List.of(
            "codex-main",
            "a",
            "A.b_c:d-e",
            "-x",
            "_x",
            "",
            "a b",
            "é",
            "a/b",
            "x".repeat(64),
            "x".repeat(65),
            "claude-default",
            "9",
            ":x");
    for (String s : corpus) {
      assertThat(SessionId.isValid(s)).as(s).isEqualTo(SESSION.matcher(s).matches());
    }
  }

  @Test
  void writtenTimestampsFollowThePattern() {
    List<String> corpus =
        List.of(
            "2026-11-21T22:23:41.123Z",
            "2026-11-21T22:23:41Z",
            "2026-11-21T22:23:41.123456Z",
            "2026-11-21 22:23:41.123Z",
            "2026-11-21T22:23:41.123+00:00",
            "2026-1-21T22:23:41.123Z",
            "2026-11-21T22:23:41.12aZ",
            "");
    for (String t : corpus) {
      assertThat(MailboxTimes.isWritten(t)).as(t).isEqualTo(TS.matcher(t).matches());
    }
  }
}
