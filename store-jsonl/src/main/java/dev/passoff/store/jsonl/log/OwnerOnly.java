package dev.passoff.store.jsonl.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Owner-only modes for what the log creates: folders {@code 0700}, files {@code 0600}. On file
 * systems without POSIX permissions nothing is set and nothing is reported.
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  static boolean supported(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Attributes that create a file {@code 0600}, or none where modes do not exist. */
  static FileAttribute<?>[] fileAttributes(Path path) {
    return supported(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  /** Creates the missing folders above {@code file}, each {@code 0700}. */
  static void createParents(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || Files.isDirectory(parent)) {
      return;
    }
    if (supported(parent)) {
      Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(FOLDER));
    } else {
      Files.createDirectories(parent);
    }
  }

  /**
   * Makes a new entry in a folder durable by syncing the folder, where the platform allows it. A
   * failure is ignored: the file itself is synced, and not every system can sync a folder.
   */
  static void syncFolder(@Nullable Path folder) {
    if (folder == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // Best effort only; see above.
    }
  }

  /**
   * Describes the mode of {@code path} when it is wider than {@code allowed}, e.g. {@code 0644}.
   */
  static Optional<String> wider(Path path, Set<PosixFilePermission> allowed) {
    if (!supported(path) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
      return allowed.containsAll(current)
          ? Optional.empty()
          : Optional.of(path + " is " + octal(current));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.of(path + ": mode unreadable (" + e.getMessage() + ")");
    }
  }

  /** The permissions as four octal digits, e.g. {@code 0600}. */
  static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format(Locale.ROOT, "%04o", mode);
  }
}
