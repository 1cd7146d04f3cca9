package dev.passoff.store.jsonl;

import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.port.out.MailboxRuntimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Opens mailbox runtimes on the file system. Index caches live outside the runtime, in {@code
 * <cache root>/<128-bit hex key of the runtime's real path>/}.
 */
public final class JsonlMailboxRuntimes implements MailboxRuntimes {
  private static final List<String> FOLDERS =
      List.of("notes", "claims", "locks", "cursors", "archive");

  private final @Nullable Path cacheRoot;
  private final Clock clock;
  private final String tool;

  /**
   * Runtimes with index caches under {@code cacheRoot} (none when {@code null}).
   *
   * @param version the Passoff version written into locks and claims
   */
  public JsonlMailboxRuntimes(@Nullable Path cacheRoot, Clock clock, String version) {
    this.cacheRoot = cacheRoot;
    this.clock = clock;
    this.tool = "passoff/" + version;
  }

  /** The default cache root: {@code <home>/.passoff/cache/mailbox}. */
  public static Path defaultCacheRoot(Path home) {
    return home.resolve(".passoff").resolve("cache").resolve("mailbox");
  }

  /**
   * Runtimes already opened by this process, so a long-lived server keeps its indexes in memory
   * between calls instead of reloading them from the cache folder.
   */
  private final java.util.Map<Path, JsonlMailboxRuntime> opened =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public Optional<MailboxRuntime> open(Path root) {
    Path runtime = root.resolve(RuntimeLayout.RUNTIME);
    if (Files.isDirectory(runtime)) {
      Path key = root.toAbsolutePath().normalize();
      return Optional.of(
          opened.computeIfAbsent(
              key,
              k ->
                  new JsonlMailboxRuntime(
                      k, cacheDir(k.resolve(RuntimeLayout.RUNTIME)), clock, tool)));
    }
    if (Files.exists(runtime)) {
      throw new StoreUnavailableException(runtime + " exists but is not a folder");
    }
    return Optional.empty();
  }

  private @Nullable Path cacheDir(Path runtime) {
    if (cacheRoot == null) {
      return null;
    }
    String real;
    try {
      real = runtime.toRealPath().toString();
    } catch (IOException e) {
      real = runtime.toAbsolutePath().normalize().toString();
    }
    return cacheRoot.resolve(pathKey(real));
  }

  /**
   * A 128-bit key of a path: two independent 64-bit hashes of its UTF-8 bytes, in hex. A collision
   * would only cost speed, as every cache entry is validated against its stream; a cryptographic
   * digest would cost each short command the start of the JVM's security providers.
   */
  static String pathKey(String path) {
    long fnv = 0xcbf29ce484222325L;
    long poly = 0x9e3779b97f4a7c15L;
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      fnv = (fnv ^ (b & 0xff)) * 0x100000001b3L;
      poly = poly * 0xc2b2ae3d27d4eb4fL + (b & 0xff) + 1;
    }
    return HexFormat.of().toHexDigits(FileOps.mix(fnv))
        + HexFormat.of().toHexDigits(FileOps.mix(poly));
  }

  @Override
  public List<String> init(Path root, boolean fresh, boolean gitignore) {
    RuntimeLayout layout = new RuntimeLayout(root);
    Path runtime = layout.runtime();
    List<String> created = new ArrayList<>();
    try {
      if (fresh && Files.exists(runtime)) {
        if (!runtime.getFileName().toString().equals(RuntimeLayout.RUNTIME)) {
          throw new IllegalStateException("refusing to delete " + runtime);
        }
        deleteTree(runtime);
      }
      if (Files.exists(runtime) && !Files.isDirectory(runtime)) {
        throw new StoreUnavailableException(runtime + " exists but is not a folder");
      }
      if (!Files.isDirectory(runtime)) {
        FileOps.createDirectories(runtime);
        created.add(RuntimeLayout.RUNTIME + "/");
      }
      for (String folder : FOLDERS) {
        Path dir = runtime.resolve(folder);
        if (!Files.isDirectory(dir)) {
          FileOps.createDirectories(dir);
          created.add(RuntimeLayout.RUNTIME + "/" + folder + "/");
        }
      }
      for (Side side : Side.values()) {
        createIfMissing(layout.stream(side), new byte[0], root, created);
      }
      for (Side side : Side.values()) {
        createIfMissing(
            layout.legacyCursor(side), "0\n".getBytes(StandardCharsets.US_ASCII), root, created);
        createIfMissing(
            layout.seqFile(side), "0\n".getBytes(StandardCharsets.US_ASCII), root, created);
      }
      FileOps.forceDirectory(runtime);
      if (gitignore && addToGitignore(root)) {
        created.add(".gitignore (added " + RuntimeLayout.RUNTIME + "/)");
      }
    } catch (IOException e) {
      throw FileOps.unavailable("set up " + runtime, e);
    }
    return created;
  }

  private static void createIfMissing(Path file, byte[] content, Path root, List<String> created)
      throws IOException {
    if (Files.exists(file)) {
      return;
    }
    try {
      FileOps.writeNew(file, content);
      created.add(root.relativize(file).toString().replace('\\', '/'));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // created concurrently: fine
    }
  }

  /** Adds the runtime to {@code .gitignore} unless a line already names it. */
  private static boolean addToGitignore(Path root) throws IOException {
    Path file = root.resolve(".gitignore");
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      if (l.equals(".handoff-runtime")
          || l.equals(".handoff-runtime/")
          || l.equals("/.handoff-runtime")
          || l.equals("/.handoff-runtime/")) {
        return false;
      }
    }
    String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
    Files.writeString(
        file,
        prefix + ".handoff-runtime/\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    return true;
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e)
              throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
