package dev.passoff.store.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.mailbox.Side;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved index reads back row for row, across the buffer sizes it is read and written in. */
class StreamIndexPersistenceTest {
  @TempDir Path dir;

  private static String line(int seq) {
    String reply = seq % 5 == 0 ? "\"claude-%06d\"".formatted(seq - 1) : "null";
    return ("{\"v\":\"1.0\",\"id\":\"codex-%06d\",\"ts\":\"2026-12-07T00:00:00.000Z\",\"from\":"
            + "\"codex\",\"type\":\"%s\",\"thread\":\"claude-%06d\",\"summary\":\"s %d\","
            + "\"refs\":{\"reply_to\":%s}}\n")
        .formatted(seq, seq % 5 == 0 ? "done" : "status", seq / 3 + 1, seq, reply);
  }

  /** Appends the lines of seqs {@code from} to {@code to}, times {@code step}, to {@code file}. */
  private static void appendLines(Path file, int from, int to, int step) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int seq = from; seq <= to; seq++) {
      text.append(line(seq * step));
    }
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private StreamIndex indexOf(Path stream) throws IOException {
    StreamIndex index = new StreamIndex(Side.CODEX);
    try (FileChannel ch = FileChannel.open(stream, StandardOpenOption.READ)) {
      index.extend(ch, Files.readAttributes(stream, BasicFileAttributes.class));
    }
    return index;
  }

  @Test
  void givenThousandsOfRows_saveThenLoad_givesEveryRowBackAndKeepsExtending() throws IOException {
    Path stream = dir.resolve("codex-to-claude.jsonl");
    appendLines(stream, 1, 5_000, 1);
    StreamIndex built = indexOf(stream);
    Path cache = dir.resolve("cache/codex.idx");

    built.save(cache);
    StreamIndex loaded = StreamIndex.load(cache, Side.CODEX);

    assertThat(loaded).isNotNull();
    assertThat(loaded.count()).isEqualTo(5_000);
    assertThat(loaded.maxSeq()).isEqualTo(5_000);
    for (int i = 0; i < built.count(); i++) {
      assertThat(loaded.seq(i)).isEqualTo(built.seq(i));
      assertThat(loaded.offset(i)).isEqualTo(built.offset(i));
      assertThat(loaded.length(i)).isEqualTo(built.length(i));
      assertThat(loaded.flags(i)).isEqualTo(built.flags(i));
      assertThat(loaded.type(i)).isEqualTo(built.type(i));
      assertThat(loaded.reply(i)).isEqualTo(built.reply(i));
      assertThat(loaded.thread(i)).isEqualTo(built.thread(i));
    }
    assertThat(loaded.find(4_321)).isEqualTo(4_320);
    assertThat(loaded.rowsReplyingTo(StreamIndex.key(Side.CLAUDE, 2_999))).containsExactly(2_999);

    // Appends past the loaded rows grow the array and are saved after the loaded prefix.
    appendLines(stream, 5_001, 5_600, 1);
    try (FileChannel ch = FileChannel.open(stream, StandardOpenOption.READ)) {
      loaded.extend(ch, Files.readAttributes(stream, BasicFileAttributes.class));
    }
    loaded.save(cache);
    StreamIndex again = StreamIndex.load(cache, Side.CODEX);

    assertThat(again).isNotNull();
    assertThat(again.count()).isEqualTo(5_600);
    assertThat(again.seq(5_599)).isEqualTo(5_600);
    assertThat(again.offset(5_599)).isEqualTo(indexOf(stream).offset(5_599));
  }

  @Test
  void givenALoadedIndex_aRebuildOfItsCacheFile_leavesTheLoadedRowsIntact() throws IOException {
    Path stream = dir.resolve("codex-to-claude.jsonl");
    appendLines(stream, 1, 3_000, 1);
    Path cache = dir.resolve("cache/codex.idx");
    indexOf(stream).save(cache);
    StreamIndex loaded = StreamIndex.load(cache, Side.CODEX);
    assertThat(loaded).isNotNull();
    long offsetBefore = loaded.offset(2_999);

    // Another stream (a replaced file: new identity, other rows) saved to the same cache path.
    Path other = dir.resolve("other.jsonl");
    appendLines(other, 1, 10, 7);
    indexOf(other).save(cache);

    assertThat(loaded.count()).isEqualTo(3_000);
    assertThat(loaded.seq(2_999)).isEqualTo(3_000);
    assertThat(loaded.offset(2_999)).isEqualTo(offsetBefore);
    StreamIndex reloaded = StreamIndex.load(cache, Side.CODEX);
    assertThat(reloaded).isNotNull();
    assertThat(reloaded.count()).isEqualTo(10);
    assertThat(reloaded.seq(9)).isEqualTo(70);
    try (java.util.stream.Stream<Path> left = Files.list(cache.getParent())) {
      assertThat(left).containsExactly(cache);
    }
  }
}
