package dev.passoff.store.sqlite;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Owner-only modes for the database folder ({@code 0700}) and files ({@code 0600}). A no-op on file
 * systems without POSIX permissions.
 */
final class FileModes {
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  /** The folder Passoff owns by default; other parent folders belong to the user. */
  static final String OWN_FOLDER_NAME = ".passoff";

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private FileModes() {}

  static boolean supported() {
    return POSIX;
  }

  /** Attributes that create a folder {@code 0700}, or none where modes do not exist. */
  static FileAttribute<?>[] folderAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FOLDER)}
        : new FileAttribute<?>[0];
  }

  /** Attributes that create a file {@code 0600}, or none where modes do not exist. */
  static FileAttribute<?>[] fileAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  /** The database file and the files SQLite keeps next to it in WAL mode. */
  static List<Path> databaseFiles(Path db) {
    return List.of(
        db,
        db.resolveSibling(db.getFileName() + "-wal"),
        db.resolveSibling(db.getFileName() + "-shm"));
  }

  /** Whether Passoff may tighten this folder: only its own {@code .passoff} folder. */
  static boolean ownsFolder(Path folder) {
    Path name = folder.getFileName();
    return name != null && name.toString().equals(OWN_FOLDER_NAME);
  }

  /**
   * Narrows each existing path to its owner-only mode when it is wider and belongs to the current
   * user. Paths that are links, missing or owned by someone else are left alone.
   *
   * @return one description per path changed, e.g. {@code /home/u/.passoff/db.sqlite (0644 → 0600)}
   */
  static List<String> tighten(List<Path> files, List<Path> folders) {
    List<String> changed = new ArrayList<>();
    if (!POSIX) {
      return changed;
    }
    for (Path folder : folders) {
      tightenOne(folder, FOLDER, true, changed);
    }
    for (Path file : files) {
      tightenOne(file, FILE, false, changed);
    }
    return changed;
  }

  /**
   * Describes every existing path whose mode is wider than owner-only, e.g. {@code /tmp/db.sqlite
   * is 0644}.
   */
  static List<String> wider(List<Path> files, List<Path> folders) {
    List<String> found = new ArrayList<>();
    if (!POSIX) {
      return found;
    }
    for (Path folder : folders) {
      describeWider(folder, FOLDER, true, found);
    }
    for (Path file : files) {
      describeWider(file, FILE, false, found);
    }
    return found;
  }

  private static void tightenOne(
      Path path, Set<PosixFilePermission> allowed, boolean folder, List<String> changed) {
    try {
      if (!matchesKind(path, folder) || !ownedByCurrentUser(path)) {
        return;
      }
      Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, NOFOLLOW);
      if (allowed.containsAll(current)) {
        return;
      }
      Set<PosixFilePermission> narrowed = EnumSet.noneOf(PosixFilePermission.class);
      narrowed.addAll(current);
      narrowed.retainAll(allowed);
      // Keep the owner able to use what it owns: a folder must stay searchable, a file writable.
      narrowed.addAll(allowed);
      Files.setPosixFilePermissions(path, narrowed);
      changed.add(path + " (" + octal(current) + " → " + octal(narrowed) + ")");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Tightening is a courtesy: a file we cannot re-mode still works; doctor reports it.
    }
  }

  private static void describeWider(
      Path path, Set<PosixFilePermission> allowed, boolean folder, List<String> found) {
    try {
      if (!matchesKind(path, folder)) {
        return;
      }
      Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, NOFOLLOW);
      if (!allowed.containsAll(current)) {
        found.add(path + " is " + octal(current) + ", wider than " + octal(allowed));
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      found.add(path + ": mode unreadable (" + e.getMessage() + ")");
    }
  }

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private static boolean matchesKind(Path path, boolean folder) {
    return folder ? Files.isDirectory(path, NOFOLLOW) : Files.isRegularFile(path, NOFOLLOW);
  }

  private static boolean ownedByCurrentUser(Path path) throws IOException {
    return Files.getOwner(path, NOFOLLOW).getName().equals(System.getProperty("user.name"));
  }

  /** The permissions as four octal digits, e.g. {@code 0644}. */
  static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format(java.util.Locale.ROOT, "%04o", mode);
  }
}
