package dev.passoff.store.jsonl;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.ReclaimOutcome;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.ClaimStore;
import dev.passoff.core.service.mailbox.MailboxTimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Claim files: {@code claims/<side>-handles-<message id>.json}. A claim is created by hard-linking
 * a complete temporary file to its name, so it never exists without content; a reclaim renames the
 * expired claim aside and checks it, so two reclaimers end with one owner.
 */
final class JsonlClaimStore implements ClaimStore {
  private final RuntimeLayout layout;
  private final String tool;

  JsonlClaimStore(RuntimeLayout layout, String tool) {
    this.layout = layout;
    this.tool = tool;
  }

  @Override
  public Optional<ClaimState> find(Side reader, String messageId) {
    Path file = layout.claim(reader, messageId);
    try {
      return Optional.of(read(file, reader, messageId));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw FileOps.unavailable("read " + file, e);
    }
  }

  private static ClaimState read(Path file, Side reader, String messageId) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    return parse(bytes, modified, reader, messageId);
  }

  static ClaimState parse(byte[] bytes, Instant modified, Side reader, String messageId) {
    if (bytes.length == 0) {
      return new ClaimState.Unreadable(messageId, "the claim file is empty", modified, bytes);
    }
    Object value;
    try {
      value = Json.parse(FileOps.decodeTolerant(bytes));
    } catch (IllegalArgumentException e) {
      return new ClaimState.Unreadable(messageId, "the claim file is not JSON", modified, bytes);
    }
    if (!(value instanceof Map<?, ?> m)) {
      return new ClaimState.Unreadable(
          messageId, "the claim is not a JSON object", modified, bytes);
    }
    if (!(m.get("session") instanceof String session) || session.isEmpty()) {
      return new ClaimState.Unreadable(messageId, "the claim names no session", modified, bytes);
    }
    String id = m.get("message_id") instanceof String s ? s : messageId;
    Claim claim =
        new Claim(
            reader,
            session,
            id,
            string(m, "run_id"),
            instant(m, "created_at"),
            instant(m, "expires_at"),
            string(m, "completed_by"));
    return new ClaimState.Held(claim, modified, bytes);
  }

  private static @Nullable String string(Map<?, ?> m, String key) {
    return m.get(key) instanceof String s && !s.isEmpty() ? s : null;
  }

  private static @Nullable Instant instant(Map<?, ?> m, String key) {
    return m.get(key) instanceof String s ? MailboxTimes.parse(s).orElse(null) : null;
  }

  byte[] bytes(Claim claim) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("side", claim.side().wire());
    c.put("session", claim.session());
    c.put("message_id", claim.messageId());
    c.put("run_id", claim.runId());
    if (claim.createdAt() != null) {
      c.put("created_at", MailboxTimes.format(claim.createdAt()));
    }
    if (claim.expiresAt() != null) {
      c.put("expires_at", MailboxTimes.format(claim.expiresAt()));
    }
    c.put("tool", tool);
    if (claim.completedBy() != null) {
      c.put("completed_by", claim.completedBy());
    }
    return (Json.compact(c) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean create(Claim claim) {
    Path target = layout.claim(claim.side(), claim.messageId());
    try {
      FileOps.createDirectories(layout.claims());
      FileOps.sweepLeftovers(layout.claims(), true);
      Path temp = layout.claims().resolve(".tmp-passoff-" + FileOps.randomHex(8));
      FileOps.writeNew(temp, bytes(claim));
      try {
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        // No hard links here: create-new, write, force; readers see an empty claim meanwhile.
        try {
          FileOps.writeNew(target, bytes(claim));
        } catch (FileAlreadyExistsException exists) {
          return false;
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      FileOps.forceDirectory(layout.claims());
      CrashPoints.reach(CrashPoints.CLAIM_CREATED);
      return true;
    } catch (IOException e) {
      throw FileOps.unavailable("create the claim on " + claim.messageId(), e);
    }
  }

  @Override
  public ReclaimOutcome reclaim(Claim replacement, byte[] expiredBytes, Instant now) {
    Path file = layout.claim(replacement.side(), replacement.messageId());
    try {
      byte[] current;
      try {
        current = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        return ReclaimOutcome.RETRY;
      }
      if (!Arrays.equals(current, expiredBytes)) {
        return ReclaimOutcome.RETRY;
      }
      Path aside = asideName(file, now);
      try {
        Files.move(file, aside);
      } catch (NoSuchFileException e) {
        return ReclaimOutcome.RETRY; // another worker got there first
      } catch (FileAlreadyExistsException e) {
        return ReclaimOutcome.RETRY;
      }
      byte[] moved = Files.readAllBytes(aside);
      if (!Arrays.equals(moved, expiredBytes)) {
        // A live claim replaced the expired one between our read and the rename: put it back.
        try {
          Files.createLink(file, aside);
          Files.delete(aside);
        } catch (FileAlreadyExistsException e) {
          throw new ConflictException(
              "a live claim on "
                  + replacement.messageId()
                  + " was moved to "
                  + aside.getFileName()
                  + " and another claim now exists; run passoff mailbox doctor");
        }
        return ReclaimOutcome.RETRY;
      }
      FileOps.forceDirectory(layout.claims());
      return create(replacement) ? ReclaimOutcome.RECLAIMED : ReclaimOutcome.HELD;
    } catch (IOException e) {
      throw FileOps.unavailable("reclaim the claim on " + replacement.messageId(), e);
    }
  }

  /** {@code <claim>.expired-<yyyyMMdd'T'HHmmss'Z'>}, with {@code -<n>} when that exists. */
  private static Path asideName(Path file, Instant now) {
    String base = file.getFileName() + ".expired-" + MailboxTimes.compact(now);
    Path aside = file.resolveSibling(base);
    for (int n = 2; Files.exists(aside); n++) {
      aside = file.resolveSibling(base + "-" + n);
    }
    return aside;
  }

  @Override
  public void replace(Claim claim) {
    Path file = layout.claim(claim.side(), claim.messageId());
    try {
      FileOps.replace(file, bytes(claim), true);
    } catch (IOException e) {
      throw FileOps.unavailable("write the claim on " + claim.messageId(), e);
    }
  }

  @Override
  public List<ClaimState> all(Side reader) {
    List<ClaimState> out = new ArrayList<>();
    String prefix = reader.wire() + "-handles-";
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(layout.claims(), prefix + "*.json")) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        String id = name.substring(prefix.length(), name.length() - ".json".length());
        try {
          out.add(read(p, reader, id));
        } catch (NoSuchFileException e) {
          // reclaimed meanwhile
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw FileOps.unavailable("list " + layout.claims(), e);
    }
    return out;
  }
}
