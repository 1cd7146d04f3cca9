package dev.passoff.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.sqlite.util.OSInfo;

/**
 * Keeps a copy of the SQLite driver's native library in a cache folder. Left alone, the driver
 * unpacks the library into a fresh temporary file on every start, which costs a short-lived command
 * more than the query itself; a launcher that finds the cached copy points the driver at it with
 * {@code -Dorg.sqlite.lib.path} and {@code -Dorg.sqlite.lib.name}.
 */
public final class SqliteNativeLibrary {
  private SqliteNativeLibrary() {}

  /** The file name the library has in the cache folder on this platform. */
  public static String fileName() {
    return System.mapLibraryName("sqlitejdbc");
  }

  /**
   * Copies the driver's library for this platform into {@code dir} (created owner-only when
   * missing) unless it is there already.
   *
   * @return the cached library, or empty when the driver ships none for this platform
   * @throws IOException when the folder or file cannot be written
   */
  public static Optional<Path> cacheIn(Path dir) throws IOException {
    String resource =
        "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + fileName();
    Path target = dir.resolve(fileName());
    if (Files.isRegularFile(target)) {
      return Optional.of(target);
    }
    try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path partial = Files.createTempFile(dir, "partial", ".tmp");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return Optional.of(target);
    }
  }
}
