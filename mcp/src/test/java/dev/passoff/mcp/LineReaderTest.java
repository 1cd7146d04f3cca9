package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  @Test
  void givenLfAndCrlfLines_next_returnsEachWithoutItsLineEnd() throws IOException {
    assertThat(read("a\nb\r\n\nc", 100)).containsExactly("a", "b", "", "c");
  }

  @Test
  void givenEmptyStream_next_returnsNull() throws IOException {
    assertThat(new LineReader(new StringReader(""), 10).next()).isNull();
  }

  @Test
  void givenLineLongerThanTheCap_next_skipsItAndGoesOn() throws IOException {
    assertThat(read("12345\n123456\nok\n", 5)).containsExactly("12345", "<oversized>", "ok");
  }

  @Test
  void givenLineSpanningManyReads_next_joinsTheChunks() throws IOException {
    String longLine = "x".repeat(200_000);
    Reader trickle =
        new StringReader(longLine + "\nend\n") {
          @Override
          public int read(char[] buf, int off, int len) throws IOException {
            return super.read(buf, off, Math.min(len, 7));
          }
        };
    LineReader reader = new LineReader(trickle, 1_000_000);

    assertThat(reader.next().text()).isEqualTo(longLine);
    assertThat(reader.next().text()).isEqualTo("end");
    assertThat(reader.next()).isNull();
  }

  @Test
  void givenOversizedFinalLineWithoutLineEnd_next_reportsItOversized() throws IOException {
    assertThat(read("ok\n" + "y".repeat(50), 10)).containsExactly("ok", "<oversized>");
  }

  private static List<String> read(String text, int max) throws IOException {
    LineReader reader = new LineReader(new StringReader(text), max);
    List<String> lines = new ArrayList<>();
    LineReader.Line line;
    while ((line = reader.next()) != null) {
      lines.add(line.oversized() ? "<oversized>" : line.text());
    }
    return lines;
  }
}
