package dev.passoff.store.jsonl;

import dev.passoff.core.model.mailbox.CursorValue;
import dev.passoff.core.model.mailbox.SessionId;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.CursorStore;
import dev.passoff.core.service.mailbox.MailboxTimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Cursor files: {@code cursors/<side>-<session>} and the legacy {@code .<side>-cursor}. */
final class JsonlCursorStore implements CursorStore {
  private final RuntimeLayout layout;

  JsonlCursorStore(RuntimeLayout layout) {
    this.layout = layout;
  }

  @Override
  public CursorValue session(Side reader, SessionId session) {
    return read(layout.cursor(reader, session.value()));
  }

  @Override
  public CursorValue legacy(Side reader) {
    return read(layout.legacyCursor(reader));
  }

  static CursorValue read(Path file) {
    try {
      Optional<byte[]> bytes = FileOps.readIfExists(file);
      if (bytes.isEmpty()) {
        return new CursorValue.Missing();
      }
      OptionalLong value = FileOps.parseNumber(bytes.get());
      if (value.isPresent()) {
        return new CursorValue.Valid(value.getAsLong());
      }
      return new CursorValue.Invalid(FileOps.decodeTolerant(bytes.get()));
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        return new CursorValue.Invalid("(a folder)");
      }
      throw FileOps.unavailable("read " + file, e);
    }
  }

  @Override
  public void writeSession(Side reader, SessionId session, long seq) {
    try {
      FileOps.createDirectories(layout.cursors());
      CrashPoints.reach(CrashPoints.CURSOR_BEFORE_WRITE);
      FileOps.replace(
          layout.cursor(reader, session.value()),
          (seq + "\n").getBytes(StandardCharsets.US_ASCII),
          true);
    } catch (IOException e) {
      throw FileOps.unavailable("write the cursor of " + session, e);
    }
  }

  @Override
  public void writeLegacy(Side reader, long seq) {
    try {
      FileOps.replace(
          layout.legacyCursor(reader), (seq + "\n").getBytes(StandardCharsets.US_ASCII), false);
    } catch (IOException e) {
      throw FileOps.unavailable("write " + layout.legacyCursor(reader), e);
    }
  }

  @Override
  public void stampLastSeen(Side side, Instant at) {
    try {
      FileOps.replace(
          layout.lastSeen(side),
          (MailboxTimes.format(at) + "\n").getBytes(StandardCharsets.US_ASCII),
          false);
    } catch (IOException e) {
      throw FileOps.unavailable("write " + layout.lastSeen(side), e);
    }
  }

  @Override
  public Optional<String> lastSeen(Side side) {
    return strippedText(layout.lastSeen(side));
  }

  @Override
  public Map<String, CursorValue> sessions(Side reader) {
    Map<String, CursorValue> out = new TreeMap<>();
    String prefix = reader.wire() + "-";
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(layout.cursors(), prefix + "*")) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (name.length() > prefix.length() && Files.isRegularFile(p)) {
          out.put(name.substring(prefix.length()), read(p));
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw FileOps.unavailable("list " + layout.cursors(), e);
    }
    return out;
  }

  @Override
  public Optional<String> configuredSession(Side side) {
    return strippedText(layout.sessionFile(side));
  }

  /** A small text file's content, whitespace-stripped; empty when absent or blank. */
  private static Optional<String> strippedText(Path file) {
    try {
      return FileOps.readIfExists(file)
          .map(FileOps::decodeTolerant)
          .map(String::strip)
          .filter(s -> !s.isEmpty());
    } catch (IOException e) {
      throw FileOps.unavailable("read " + file, e);
    }
  }

  @Override
  public Optional<Instant> modified(Side reader, String session) {
    try {
      return Optional.of(Files.getLastModifiedTime(layout.cursor(reader, session)).toInstant());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw FileOps.unavailable("read " + layout.cursor(reader, session), e);
    }
  }

  @Override
  public boolean forget(Side reader, String session) {
    try {
      boolean removed = Files.deleteIfExists(layout.cursor(reader, session));
      if (removed) {
        FileOps.forceDirectory(layout.cursors());
      }
      return removed;
    } catch (IOException e) {
      throw FileOps.unavailable("delete the cursor of " + session, e);
    }
  }
}
