package dev.passoff.store.jsonl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Streaming file output for the archiver and the repairer: new files created exclusively (with a
 * {@code -<n>} suffix when the name is taken), written through a buffer, forced, and the identity
 * check that guards a replace against writers that skipped the lock.
 */
final class StreamArchiverFiles {
  private StreamArchiverFiles() {}

  /** A new file being written: a buffered stream over a channel that can be forced. */
  static final class Output implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final OutputStream out;
    private long written;

    private Output(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
      this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    Path path() {
      return path;
    }

    long written() {
      return written;
    }

    void write(byte[] bytes, int from, int len) throws IOException {
      out.write(bytes, from, len);
      written += len;
    }

    void write(int b) throws IOException {
      out.write(b);
      written++;
    }

    /**
     * Copies {@code len} bytes of {@code source} from {@code offset}, file to file, without passing
     * them through the heap where the platform allows.
     */
    void copy(FileChannel source, long offset, long len) throws IOException {
      if (len <= 0) {
        return;
      }
      out.flush(); // what was written through the buffer goes first
      long pos = offset;
      long left = len;
      while (left > 0) {
        long n = source.transferTo(pos, left, channel);
        if (n <= 0) {
          throw new java.io.EOFException("the file shrank while it was copied");
        }
        pos += n;
        left -= n;
      }
      written += len;
    }

    /** Flushes and forces the content to disk. */
    void force() throws IOException {
      out.flush();
      channel.force(true);
    }

    @Override
    public void close() throws IOException {
      try {
        out.flush();
      } finally {
        channel.close();
      }
    }
  }

  /**
   * Creates {@code <dir>/<stem><suffix>} exclusively, or {@code <stem>-<n><suffix>} with the
   * smallest free {@code n >= 2} when the name exists.
   */
  static Output createExclusive(Path dir, String stem, String suffix) throws IOException {
    FileOps.createDirectories(dir);
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    for (int n = 1; ; n++) {
      Path path = dir.resolve(n == 1 ? stem + suffix : stem + "-" + n + suffix);
      try {
        return new Output(path, FileChannel.open(path, options, FileOps.fileMode()));
      } catch (FileAlreadyExistsException e) {
        if (n > 10_000) {
          throw e;
        }
      }
    }
  }

  /** The name the next {@link #createExclusive} would pick, without creating anything. */
  static Path freeName(Path dir, String stem, String suffix) {
    for (int n = 1; ; n++) {
      Path path = dir.resolve(n == 1 ? stem + suffix : stem + "-" + n + suffix);
      if (!Files.exists(path)) {
        return path;
      }
    }
  }

  /**
   * A temporary file beside {@code target}, named as Passoff's leftovers are ({@code <target
   * name>.passoff-<random>.tmp}), with the target's POSIX permissions when it has them, so a
   * replace never changes a file's mode.
   */
  static Output tempBeside(Path target) throws IOException {
    Path dir = target.getParent();
    FileOps.sweepLeftovers(dir, false);
    Path temp = dir.resolve(target.getFileName() + ".passoff-" + FileOps.randomHex(8) + ".tmp");
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileChannel channel = FileChannel.open(temp, options, FileOps.fileMode());
    if (FileOps.posix()) {
      try {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
        Files.setPosixFilePermissions(temp, mode);
      } catch (IOException | UnsupportedOperationException e) {
        // the temporary file keeps the owner-only mode
      }
    }
    return new Output(temp, channel);
  }

  /** Replaces {@code target} with the forced temporary file and forces the folder. */
  static void commit(Output temp, Path target) throws IOException {
    FileOps.move(temp.path(), target);
    FileOps.forceDirectory(target.getParent());
  }

  /** Deletes a file this operation created and no longer needs; failures are ignored. */
  static void discard(@Nullable Output... outputs) {
    for (Output o : outputs) {
      if (o == null) {
        continue;
      }
      try {
        o.close();
      } catch (IOException ignored) {
        // deleting it below is what matters
      }
      try {
        Files.deleteIfExists(o.path());
      } catch (IOException ignored) {
        // a leftover is reported by doctor and swept later
      }
    }
  }

  /** What identifies a file's content as read: its identity, size and modification time. */
  record Identity(String key, long size, long modified) {
    static Identity of(Path file) throws IOException {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Identity(
          StreamIndex.identity(a), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }
  }
}
