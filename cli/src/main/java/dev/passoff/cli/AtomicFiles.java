package dev.passoff.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes files the way users' configuration must be written: to a temporary file in the same
 * folder, flushed to disk, then renamed over the target, keeping the target's permission bits and
 * writing through symbolic links rather than replacing them.
 */
final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /**
   * Replaces the file's content with {@code text} in UTF-8, creating folders as needed.
   *
   * @return false when the file already held exactly these bytes (nothing was written)
   */
  static boolean write(Path target, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path real = resolveLinks(target);
    if (Files.isRegularFile(real) && Arrays.equals(Files.readAllBytes(real), bytes)) {
      return false;
    }
    replace(
        real,
        channel -> {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        });
    return true;
  }

  /** Streams content into the file through a writer, replacing it only once all is written. */
  static void writeWith(Path target, Consumer<Writer> body) {
    try {
      replace(
          resolveLinks(target),
          channel -> {
            Writer writer =
                new BufferedWriter(
                    new OutputStreamWriter(
                        Channels.newOutputStream(channel), StandardCharsets.UTF_8));
            try {
              body.accept(writer);
            } catch (UncheckedIOException e) {
              throw e.getCause();
            }
            writer.flush();
          });
    } catch (IOException e) {
      throw new CommandFailedException("cannot write " + target + ": " + describe(e));
    }
  }

  /** Deletes a file; false when there was none. */
  static boolean delete(Path file) throws IOException {
    return Files.deleteIfExists(file);
  }

  /** Deletes a folder and everything in it, without following links out of it. */
  static boolean deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        for (Path entry : entries) {
          deleteTree(entry);
        }
      }
    }
    Files.delete(folder);
    return true;
  }

  /** A short reason for an I/O failure, without the exception class. */
  static String describe(IOException e) {
    if (e instanceof CharacterCodingException) {
      return "not valid UTF-8";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private interface Content {
    void writeTo(FileChannel channel) throws IOException;
  }

  private static void replace(Path target, Content content) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp =
        folder.resolve(
            "." + target.getFileName() + ".passoff-" + Long.toHexString(RANDOM.nextLong()));
    try {
      // Created through the umask like any new file; an existing file's mode is copied below.
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.writeTo(channel);
        channel.force(true);
      }
      copyMode(target, temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void copyMode(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (source != null && target != null) {
      target.setPermissions(source.readAttributes().permissions());
    }
  }

  /** Follows a chain of symbolic links to the file they name, even when that file is missing. */
  private static Path resolveLinks(Path file) throws IOException {
    Path current = file.toAbsolutePath();
    for (int hops = 0; hops < 40 && Files.isSymbolicLink(current); hops++) {
      current = current.getParent().resolve(Files.readSymbolicLink(current)).normalize();
    }
    return current;
  }
}
