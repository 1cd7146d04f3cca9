package dev.passoff.store.jsonl.log;

import static dev.passoff.core.testing.TestHandoffs.T0;
import static dev.passoff.core.testing.TestHandoffs.aHandoff;
import static dev.passoff.core.testing.TestHandoffs.childOf;
import static dev.passoff.core.testing.TestHandoffs.withTags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.model.LoadStamp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line format: every entry type round-trips; optional fields may be absent or null. */
class LogCodecTest {
  private static final HandoffId ID = HandoffId.of("ph_AAAAAAAA");
  private static final HandoffId PARENT = HandoffId.of("ph_PPPPPPPP");

  private static final String CREATE_MINIMAL =
      "{\"op\":\"create\",\"id\":\"ph_AAAAAAAA\",\"project\":\"p\",\"title\":\"t\","
          + "\"content\":\"c\",\"from_client\":\"cli\",\"created_at\":5}";

  private static LogEntry.Framed decode(String line) throws Exception {
    return LogCodec.decode(line);
  }

  private static LogEntry roundTrip(LogEntry entry) throws Exception {
    LogEntry.Framed framed = LogCodec.decode(LogCodec.encode(entry, null));
    assertThat(framed.tx()).isNull();
    return framed.entry();
  }

  @Test
  void givenEveryEntryType_encodeThenDecode_givesItBack() throws Exception {
    Handoff imported =
        childOf(PARENT, aHandoff("imp", 3))
            .toHandoff(ID)
            .stampedBy(new LoadStamp(new ClientIdentity("codex", null), null, T0));
    List<LogEntry> entries =
        List.of(
            new LogEntry.Create(ID, aHandoff("a", 0)),
            new LogEntry.Create(ID, withTags(null, childOf(PARENT, aHandoff("b", 1)))),
            new LogEntry.Create(ID, withTags(List.of("é", "q\"b\\s", ""), aHandoff("c", 2))),
            new LogEntry.Load(
                ID, new LoadStamp(new ClientIdentity("cursor", "1"), "gpt-5", T0.plusMillis(7))),
            new LogEntry.Load(ID, new LoadStamp(new ClientIdentity("codex", null), null, T0)),
            new LogEntry.Status(ID, new HandoffStatus("someone else's")),
            new LogEntry.Reparent(ID, PARENT),
            new LogEntry.Reparent(ID, null),
            new LogEntry.Delete(ID),
            new LogEntry.Import(new ExportedHandoff(imported, List.of(LoadRecord.of(ID, stamp())))),
            new LogEntry.Import(new ExportedHandoff(aHandoff("bare", 0).toHandoff(ID), List.of())));

    for (LogEntry entry : entries) {
      assertThat(roundTrip(entry)).as(entry.toString()).isEqualTo(entry);
    }
  }

  private static LoadStamp stamp() {
    return new LoadStamp(new ClientIdentity("cursor", "0.5"), "m", T0.plusSeconds(1));
  }

  @Test
  void givenPartOfMultiLineAppend_encodeThenDecode_keepsItsPlace() throws Exception {
    LogEntry.Tx tx = new LogEntry.Tx("0a1b2c3d", 2, 3);

    String line = LogCodec.encode(new LogEntry.Delete(ID), tx);

    assertThat(line)
        .isEqualTo(
            "{\"op\":\"delete\",\"tx\":\"0a1b2c3d\",\"part\":2,\"parts\":3,\"id\":\"ph_AAAAAAAA\"}");
    assertThat(LogCodec.decode(line)).isEqualTo(new LogEntry.Framed(new LogEntry.Delete(ID), tx));
  }

  @Test
  void givenOptionalFieldsAbsent_decode_readsThemAsNull() throws Exception {
    LogEntry.Create create = (LogEntry.Create) decode(CREATE_MINIMAL).entry();

    assertThat(create.draft().tags()).isNull();
    assertThat(create.draft().from()).isEqualTo(new ClientIdentity("cli", null));
    assertThat(create.draft().fromModel()).isNull();
    assertThat(create.draft().parentId()).isNull();
    assertThat(decode("{\"op\":\"reparent\",\"id\":\"ph_AAAAAAAA\"}").entry())
        .isEqualTo(new LogEntry.Reparent(ID, null));
    LogEntry.Import imported =
        (LogEntry.Import)
            decode(
                    CREATE_MINIMAL
                        .replace("\"op\":\"create\"", "\"op\":\"import\"")
                        .replace("}", ",\"status\":\"open\"}"))
                .entry();
    assertThat(imported.exported().handoff().tags()).isEmpty();
    assertThat(imported.exported().handoff().loadedAt()).isNull();
    assertThat(imported.exported().loads()).isEmpty();
  }

  @Test
  void givenOptionalFieldsNull_decode_readsThemAsNull() throws Exception {
    String line =
        CREATE_MINIMAL.replace(
            "}",
            ",\"tags\":null,\"from_client_ver\":null,\"from_model\":null,\"parent_id\":null,"
                + "\"tx\":null}");

    LogEntry.Framed framed = decode(line);

    assertThat(framed.tx()).isNull();
    assertThat(framed.entry()).isEqualTo(decode(CREATE_MINIMAL).entry());
    assertThat(
            decode(
                    "{\"op\":\"load\",\"id\":\"x\",\"client\":\"c\",\"client_ver\":null,"
                        + "\"model\":null,\"loaded_at\":1}")
                .entry())
        .isEqualTo(
            new LogEntry.Load(
                HandoffId.of("x"),
                new LoadStamp(
                    new ClientIdentity("c", null), null, T0.minusMillis(T0.toEpochMilli() - 1))));
  }

  @Test
  void givenUnknownFields_decode_ignoresThem() throws Exception {
    String line = CREATE_MINIMAL.replace("}", ",\"priority\":3,\"meta\":{\"a\":[1,2]}}");

    assertThat(decode(line).entry()).isEqualTo(decode(CREATE_MINIMAL).entry());
  }

  @Test
  void givenUnknownOp_decode_givesUnknownEntryInItsPlace() throws Exception {
    LogEntry.Framed framed =
        decode("{\"op\":\"pin\",\"tx\":\"t\",\"part\":1,\"parts\":2,\"anything\":true}");

    assertThat(framed.entry()).isEqualTo(new LogEntry.Unknown("pin"));
    assertThat(framed.tx()).isEqualTo(new LogEntry.Tx("t", 1, 2));
  }

  @Test
  void givenBrokenLines_decode_saysWhatIsWrong() {
    assertThatThrownBy(() -> decode("{\"op\":")).hasMessageStartingWith("not JSON (");
    assertThatThrownBy(() -> decode("[1,2]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> decode("{\"id\":\"x\"}")).hasMessage("op: expected a string");
    assertThatThrownBy(() -> decode(CREATE_MINIMAL.replace("\"id\":\"ph_AAAAAAAA\",", "")))
        .hasMessage("id: expected a string");
    assertThatThrownBy(() -> decode(CREATE_MINIMAL.replace("5}", "\"5\"}")))
        .hasMessage("created_at: expected an integer");
    assertThatThrownBy(() -> decode(CREATE_MINIMAL.replace("}", ",\"tags\":\"a\"}")))
        .hasMessage("tags: expected an array");
    assertThatThrownBy(() -> decode(CREATE_MINIMAL.replace("}", ",\"from_model\":1}")))
        .hasMessage("from_model: expected a string or null");
    assertThatThrownBy(
            () -> decode("{\"op\":\"delete\",\"tx\":\"t\",\"part\":3,\"parts\":2,\"id\":\"x\"}"))
        .hasMessage("part 3 of 2 is out of range");
    assertThatThrownBy(
            () -> decode("{\"op\":\"import\",\"id\":\"x\",\"loads\":{}}".replace("}", "}")))
        .isInstanceOf(LogCodec.MalformedEntryException.class);
  }

  @Test
  void givenLineBreakingCharacters_encode_escapesOnlyThem() {
    LogEntry entry = new LogEntry.Status(ID, new HandoffStatus("x\u2028y\u2029z\u0085é\n"));

    assertThat(LogCodec.encode(entry, null))
        .isEqualTo(
            "{\"op\":\"status\",\"id\":\"ph_AAAAAAAA\",\"status\":\"x\\u2028y\\u2029z\\u0085é\\n\"}");
  }
}
