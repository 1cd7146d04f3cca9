package dev.passoff.store.jsonl.log;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Applies the lines of the log, in order, to a {@link HandoffIndex}, and keeps count of what it
 * could not apply. A line that is not an entry is skipped with a notice; lines of a multi-line
 * append are held back until the last of them has been read, and dropped with a notice when another
 * line interrupts them.
 */
final class LogReplay implements LogFile.LineSink {
  /** How many problem lines {@link #problems()} describes, at most. */
  private static final int SAMPLES = 3;

  private final String location;
  private final Consumer<String> notices;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private HandoffIndex index = new HandoffIndex();
  private long applied;
  private long corrupt;
  private long unknown;
  private long ignored;
  private long abandoned;
  private final List<String> corruptSamples = new ArrayList<>();
  private final List<String> unknownSamples = new ArrayList<>();

  private @Nullable String txId;
  private int txParts;
  private long txOffset;
  private long txLine;
  private final List<LogEntry> txEntries = new ArrayList<>();

  LogReplay(String location, Consumer<String> notices) {
    this.location = location;
    this.notices = notices;
  }

  HandoffIndex index() {
    return index;
  }

  /** Entries applied. */
  long applied() {
    return applied;
  }

  /** Lines skipped because they are not entries. */
  long corrupt() {
    return corrupt;
  }

  /** Entries skipped because their type is unknown here. */
  long unknown() {
    return unknown;
  }

  /** Entries that named a missing handoff or repeated an id, and changed nothing. */
  long ignored() {
    return ignored;
  }

  /** Multi-line appends dropped because another line interrupted them. */
  long abandoned() {
    return abandoned;
  }

  /** Up to three corrupt lines, e.g. {@code line 4: not JSON (…)}. */
  List<String> corruptSamples() {
    return List.copyOf(corruptSamples);
  }

  /** Up to three unknown entries, e.g. {@code line 9: op "merge"}. */
  List<String> unknownSamples() {
    return List.copyOf(unknownSamples);
  }

  /** Where the multi-line append still being read starts, if one is. */
  OptionalLong pendingOffset() {
    return txId == null ? OptionalLong.empty() : OptionalLong.of(txOffset);
  }

  /** How many lines of the pending multi-line append have been read. */
  int pendingLines() {
    return txEntries.size();
  }

  @Override
  public void reset() {
    index = new HandoffIndex();
    applied = 0;
    corrupt = 0;
    unknown = 0;
    ignored = 0;
    abandoned = 0;
    corruptSamples.clear();
    unknownSamples.clear();
    clearPending();
  }

  @Override
  public void line(long number, long offset, byte[] bytes, int from, int length) {
    if (isBlank(bytes, from, length)) {
      return; // an empty line (a hand edit) carries nothing
    }
    String text;
    try {
      text = utf8.decode(ByteBuffer.wrap(bytes, from, length)).toString();
    } catch (CharacterCodingException e) {
      skipCorrupt(number, "not UTF-8");
      return;
    }
    LogEntry.Framed framed;
    try {
      framed = LogCodec.decode(text);
    } catch (LogCodec.MalformedEntryException e) {
      skipCorrupt(number, e.getMessage());
      return;
    }
    LogEntry.Tx tx = framed.tx();
    if (tx == null) {
      abandonPending(number);
      apply(number, framed.entry());
      return;
    }
    if (tx.part() == 1) {
      abandonPending(number);
      txId = tx.id();
      txParts = tx.parts();
      txOffset = offset;
      txLine = number;
    } else if (!tx.id().equals(txId)
        || tx.parts() != txParts
        || tx.part() != txEntries.size() + 1) {
      abandonPending(number);
      skipCorrupt(number, "part " + tx.part() + " of an append whose earlier parts are missing");
      return;
    }
    txEntries.add(framed.entry());
    if (tx.part() == tx.parts()) {
      long first = txLine;
      List<LogEntry> entries = List.copyOf(txEntries);
      clearPending();
      for (int i = 0; i < entries.size(); i++) {
        apply(first + i, entries.get(i));
      }
    }
  }

  private void apply(long number, LogEntry entry) {
    if (entry instanceof LogEntry.Unknown u) {
      unknown++;
      String sample = "line " + number + ": op \"" + u.op() + "\"";
      if (unknownSamples.size() < SAMPLES) {
        unknownSamples.add(sample);
      }
      notices.accept(
          "passoff: " + location + ": skipped an entry of unknown type (" + sample + ")");
      return;
    }
    if (index.apply(entry)) {
      applied++;
    } else {
      ignored++;
    }
  }

  private void skipCorrupt(long number, @Nullable String why) {
    abandonPending(number);
    corrupt++;
    String sample = "line " + number + ": " + why;
    if (corruptSamples.size() < SAMPLES) {
      corruptSamples.add(sample);
    }
    notices.accept("passoff: " + location + ": skipped a corrupt line (" + sample + ")");
  }

  private void abandonPending(long number) {
    if (txId == null) {
      return;
    }
    abandoned++;
    notices.accept(
        "passoff: "
            + location
            + ": skipped an interrupted append of "
            + txEntries.size()
            + " of "
            + txParts
            + " lines (lines "
            + txLine
            + " to "
            + (number - 1)
            + ")");
    clearPending();
  }

  private void clearPending() {
    txId = null;
    txParts = 0;
    txOffset = 0;
    txLine = 0;
    txEntries.clear();
  }

  private static boolean isBlank(byte[] bytes, int from, int length) {
    for (int i = from; i < from + length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
