package dev.passoff.store.jsonl;

import dev.passoff.core.error.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** File primitives shared by the stores: durable atomic replaces, owner-only creation, reads. */
final class FileOps {
  private static final long PROCESS_SALT = mix(ProcessHandle.current().pid() ^ System.nanoTime());
  private static final boolean POSIX =
      java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Duration LEFTOVER_AGE = Duration.ofSeconds(60);
  private static final int MOVE_ATTEMPTS = 20;

  private FileOps() {}

  static boolean posix() {
    return POSIX;
  }

  /**
   * Random hex of {@code bytes} bytes, for temporary names and lock nonces: unique, not secret. It
   * mixes this process's id into a fast generator rather than opening the JVM's security providers,
   * which would cost a short command tens of milliseconds.
   */
  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < bytes; i += 8) {
      long word = mix(random.nextLong() ^ PROCESS_SALT ^ System.nanoTime());
      for (int j = 0; j < 8 && i + j < bytes; j++) {
        b[i + j] = (byte) (word >>> (8 * j));
      }
    }
    return HexFormat.of().formatHex(b);
  }

  /** A 64-bit finaliser (the SplitMix64 constants): spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Attributes for a new owner-only file, where the platform has them. */
  static FileAttribute<?>[] fileMode() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** Creates a folder (and its parents) owner-only if it is missing. */
  static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createDirectories(parent);
    }
    try {
      if (POSIX) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  /**
   * Replaces {@code target} with {@code content}: a temporary file in the same folder, forced, an
   * atomic move, then the folder forced. In {@code cursors/} and {@code claims/} the temporary name
   * starts with a dot so no tool mistakes a leftover for a cursor or claim.
   */
  static void replace(Path target, byte[] content, boolean dotTemp) throws IOException {
    Path dir = target.getParent();
    sweepLeftovers(dir, dotTemp);
    String name =
        dotTemp
            ? ".tmp-passoff-" + randomHex(8)
            : target.getFileName() + ".passoff-" + randomHex(8) + ".tmp";
    Path temp = dir.resolve(name);
    try {
      writeNew(temp, content);
      move(temp, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceDirectory(dir);
  }

  /** Creates {@code path} exclusively with {@code content} and forces it. */
  static void writeNew(Path path, byte[] content) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (FileChannel ch = FileChannel.open(path, options, fileMode())) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
  }

  /**
   * An atomic move with replace, retried for up to a second where another process holds the target
   * open (Windows).
   */
  static void move(Path source, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.move(
            source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      } catch (AtomicMoveNotSupportedException e) {
        throw e;
      } catch (AccessDeniedException e) {
        if (attempt >= MOVE_ATTEMPTS) {
          throw e;
        }
        sleep(50);
      }
    }
  }

  /** Forces a folder's entries to disk where the platform allows opening a folder. */
  static void forceDirectory(Path dir) {
    if (!POSIX) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some file systems refuse to open or sync folders; the data itself is already forced.
    }
  }

  private static final java.util.Set<Path> SWEPT =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Deletes Passoff's own temporary files older than a minute in {@code dir}, once per folder and
   * process: a crash leaves at most a few, and listing a folder on every write would cost more.
   */
  static void sweepLeftovers(Path dir, boolean dotTemp) {
    if (!SWEPT.add(dir.toAbsolutePath())) {
      return;
    }
    Instant cutoff = Instant.now().minus(LEFTOVER_AGE);
    String glob = dotTemp ? ".tmp-passoff-*" : "*.passoff-*.tmp";
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, glob)) {
      for (Path p : leftovers) {
        try {
          if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(p);
          }
        } catch (IOException ignored) {
          // another process removed or holds it; the next sweep tries again
        }
      }
    } catch (IOException | UncheckedIOException ignored) {
      // nothing to sweep
    }
  }

  /** The file's bytes, or empty when it does not exist. */
  static Optional<byte[]> readIfExists(Path path) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a number file tolerantly: a UTF-8 BOM, UTF-16 with a BOM, surrounding whitespace and a CR
   * are accepted; an empty file is 0. Empty result for anything that is not a decimal integer.
   */
  static OptionalLong parseNumber(byte[] bytes) {
    String text = decodeTolerant(bytes).strip();
    if (text.isEmpty()) {
      return OptionalLong.of(0);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
    }
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Text of a small file, with a UTF-8 or UTF-16 BOM honoured and dropped. */
  static String decodeTolerant(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    return new String(b, StandardCharsets.UTF_8).replace("\uFFFD", "?");
  }

  /** Maps an I/O failure to the core's unavailable error, naming what was being done. */
  static StoreUnavailableException unavailable(String doing, IOException e) {
    String reason =
        e instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : e.getClass().getSimpleName();
    String detail = e.getMessage() == null ? reason : e.getMessage();
    if (e instanceof AccessDeniedException) {
      detail = "permission denied: " + e.getMessage();
    } else if (e instanceof NoSuchFileException) {
      detail = "no such file: " + e.getMessage();
    }
    return new StoreUnavailableException("cannot " + doing + ": " + detail, e);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted");
    }
  }
}
