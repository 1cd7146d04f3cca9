package dev.passoff.bench;

import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.store.sqlite.SqliteHandoffStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the benchmark database of passoff.md §11: one project, ~1,000-character markdown bodies
 * with the five section headings over a 5,000-word Zipf-like vocabulary, ~41-character titles, 2–4
 * tags, half the handoffs with a parent, 60% open, 30% loaded, 10% archived. The same seed always
 * gives the same rows.
 */
public final class BenchDatabase {
  public static final String PROJECT = "bench-3f2a1c";
  public static final long SEED = 20251121L;
  private static final String[] SECTIONS = {
    "## Current State",
    "## Decisions Made",
    "## Open Questions",
    "## Next Steps",
    "## Relevant Files"
  };
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private final String[] vocabulary;
  private final double[] cumulative;
  private final SplittableRandom random;

  BenchDatabase(long seed) {
    random = new SplittableRandom(seed);
    vocabulary = new String[5000];
    String letters = "abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < vocabulary.length; i++) {
      StringBuilder w = new StringBuilder();
      int len = 3 + random.nextInt(7);
      for (int j = 0; j < len; j++) {
        w.append(letters.charAt(random.nextInt(letters.length())));
      }
      vocabulary[i] = w.toString() + i;
    }
    cumulative = new double[vocabulary.length];
    double sum = 0;
    for (int i = 0; i < vocabulary.length; i++) {
      sum += 1.0 / (i + 1);
      cumulative[i] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= sum;
    }
  }

  /** A word from the vocabulary with Zipf-like frequency: rank 0 is the most common. */
  String word() {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return vocabulary[lo];
  }

  /** The word of a given frequency rank (0 = most common). */
  String wordOfRank(int rank) {
    return vocabulary[rank];
  }

  private String words(int approxChars) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < approxChars) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(word());
    }
    return sb.toString();
  }

  String body() {
    StringBuilder sb = new StringBuilder(1100);
    for (String section : SECTIONS) {
      sb.append(section).append('\n').append(words(180)).append("\n\n");
    }
    return sb.toString();
  }

  List<ExportedHandoff> handoffs(int count) {
    List<ExportedHandoff> out = new ArrayList<>(count);
    List<HandoffId> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      HandoffId id = HandoffId.random(random);
      HandoffId parent = i > 0 && random.nextBoolean() ? ids.get(random.nextInt(i)) : null;
      int pick = random.nextInt(10);
      HandoffStatus status =
          pick < 6 ? HandoffStatus.OPEN : pick < 9 ? HandoffStatus.LOADED : HandoffStatus.ARCHIVED;
      Instant created = START.plusSeconds(60L * i).plusMillis(random.nextInt(1000));
      List<String> tags = new ArrayList<>();
      for (int t = 2 + random.nextInt(3); t > 0; t--) {
        tags.add(vocabulary[random.nextInt(50)]);
      }
      boolean loaded = status.equals(HandoffStatus.LOADED);
      Instant loadedAt = loaded ? created.plusSeconds(30) : null;
      Handoff h =
          new Handoff(
              id,
              PROJECT,
              words(36),
              body(),
              tags,
              "claude-code",
              "1.0.0",
              "claude-opus-4-1",
              loaded ? "cursor" : null,
              loaded ? "0.50" : null,
              null,
              parent,
              created,
              loadedAt,
              status);
      List<LoadRecord> loads =
          loaded ? List.of(new LoadRecord(id, "cursor", "0.50", null, loadedAt)) : List.of();
      out.add(new ExportedHandoff(h, loads));
      ids.add(id);
    }
    return out;
  }

  /** Writes a fresh database with {@code count} handoffs to {@code file}. */
  public static void generate(Path file, int count) {
    try (HandoffStore store = SqliteHandoffStore.open(file, notice -> {})) {
      BenchDatabase generator = new BenchDatabase(SEED);
      List<ExportedHandoff> all = generator.handoffs(count);
      for (int from = 0; from < all.size(); from += 5000) {
        store.importAll(all.subList(from, Math.min(all.size(), from + 5000)));
      }
    }
  }

  /** A fresh copy of a template database (with its WAL checkpointed into the main file). */
  public static Path copyOf(Path template, Path target) throws IOException {
    Files.copy(template, target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** Generates the benchmark database: {@code BenchDatabase <file> [count]}. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Files.deleteIfExists(file);
    generate(file, count);
  }
}
