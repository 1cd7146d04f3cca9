package dev.passoff.store.jsonl;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.json.Json;
import dev.passoff.core.service.mailbox.MailboxTimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A lock file of the protocol ({@code locks/<side>-send.lock}): created exclusively, holding who
 * took it; stale by age (600 s) or, for Passoff's own locks on this host, by the holder's death;
 * taken over by rename and verify; released only by the holder of its nonce. Threads of one JVM
 * queue on a mutex first, so they never compete for the file.
 */
final class RuntimeLock implements AutoCloseable {
  /** The existing protocol's age after which any lock is stale. */
  static final Duration STALE_AGE = Duration.ofSeconds(600);

  private static final Map<Path, ReentrantLock> MUTEXES = new ConcurrentHashMap<>();
  private static final String HOST = Hostname.get();

  private final Path file;
  private final String nonce;
  private final ReentrantLock mutex;

  private RuntimeLock(Path file, String nonce, ReentrantLock mutex) {
    this.file = file;
    this.nonce = nonce;
    this.mutex = mutex;
  }

  /**
   * Takes the lock, waiting up to {@code timeout}.
   *
   * @param what the lock's name in messages, e.g. {@code send lock}
   * @throws ConflictException at the deadline, naming the holder
   */
  static RuntimeLock acquire(
      Path file, String side, Duration timeout, String tool, Clock clock, String what)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock mutex = MUTEXES.computeIfAbsent(file.toAbsolutePath(), p -> new ReentrantLock());
    try {
      if (!mutex.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw timedOut(file, what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConflictException("interrupted while waiting for the " + what);
    }
    boolean held = false;
    try {
      FileOps.createDirectories(file.getParent());
      String nonce = FileOps.randomHex(16);
      byte[] content = content(side, nonce, tool, clock.instant());
      while (true) {
        try {
          FileOps.writeNew(file, content);
          held = true;
          return new RuntimeLock(file, nonce, mutex);
        } catch (FileAlreadyExistsException e) {
          // Modification times are wall-clock times, whatever clock stamps the content.
          if (stale(file, Instant.now())) {
            takeOver(file);
            continue;
          }
        }
        if (System.nanoTime() >= deadline) {
          throw timedOut(file, what);
        }
        FileOps.sleep(ThreadLocalRandom.current().nextLong(50, 101));
      }
    } finally {
      if (!held) {
        mutex.unlock();
      }
    }
  }

  private static byte[] content(String side, String nonce, String tool, Instant now) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("side", side);
    c.put("pid", ProcessHandle.current().pid());
    c.put("created_at", MailboxTimes.format(now));
    c.put("host", HOST);
    c.put("nonce", nonce);
    c.put("tool", tool);
    return Json.compact(c).getBytes(StandardCharsets.UTF_8);
  }

  /** Stale by age, or a lock of this host whose holder process is gone. */
  static boolean stale(Path file, Instant now) {
    try {
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      if (!now.isBefore(modified.plus(STALE_AGE))) {
        return true;
      }
      return deadHolder(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return false; // released meanwhile: the next create succeeds
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the lock names a process of this host that is gone or was started after it. */
  static boolean deadHolder(byte[] bytes) {
    Map<?, ?> content = parse(bytes);
    if (content == null
        || !HOST.equals(content.get("host"))
        || !(content.get("pid") instanceof Long pid)) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    Optional<Instant> created =
        content.get("created_at") instanceof String s ? MailboxTimes.parse(s) : Optional.empty();
    Optional<Instant> started = process.get().info().startInstant();
    // A process started after the lock was written cannot have written it: the pid was reused.
    return created.isPresent()
        && started.isPresent()
        && started.get().isAfter(created.get().plusSeconds(1));
  }

  private static @Nullable Map<?, ?> parse(byte[] bytes) {
    try {
      return Json.parse(new String(bytes, StandardCharsets.UTF_8)) instanceof Map<?, ?> m
          ? m
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Renames the stale lock aside, checks that it is still the file judged stale, and deletes it; a
   * lock replaced in between by a live holder is moved back.
   */
  private static void takeOver(Path file) throws IOException {
    byte[] snapshot;
    try {
      snapshot = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return;
    }
    Path aside = file.resolveSibling(file.getFileName() + ".stale-" + FileOps.randomHex(16));
    try {
      Files.move(file, aside);
    } catch (NoSuchFileException e) {
      return; // someone else took it over or it was released
    }
    byte[] moved = Files.readAllBytes(aside);
    if (Arrays.equals(moved, snapshot)) {
      Files.delete(aside);
      return;
    }
    try {
      Files.createLink(file, aside);
      Files.delete(aside);
    } catch (FileAlreadyExistsException e) {
      throw new ConflictException(
          "a live lock was moved aside during a takeover and cannot be restored: "
              + aside
              + " (run passoff mailbox doctor)");
    }
  }

  private static ConflictException timedOut(Path file, String what) {
    String holder = "";
    try {
      Map<?, ?> content = parse(Files.readAllBytes(file));
      if (content != null) {
        holder = " (holder pid " + content.get("pid") + " since " + content.get("created_at") + ")";
      }
    } catch (IOException e) {
      // the holder released it just now; the message stays generic
    }
    return new ConflictException("timed out waiting for " + what + holder);
  }

  /** Deletes the lock file if it still carries this holder's nonce. */
  @Override
  public void close() {
    try {
      Map<?, ?> content = parse(Files.readAllBytes(file));
      if (content != null && nonce.equals(content.get("nonce"))) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // gone already, or taken over: either way it is not ours to delete
    } finally {
      mutex.unlock();
    }
  }

  /** The nonce written into the lock. */
  String nonce() {
    return nonce;
  }
}
