package dev.passoff.store.jsonl;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Compact collections of message keys ({@link StreamIndex#key(dev.passoff.core.model.mailbox.Side,
 * long)}, always non-negative) and seqs for the doctor's per-line state, so even very long streams
 * stay well inside a small heap.
 */
final class MailboxDoctorIds {
  private MailboxDoctorIds() {}

  /**
   * A set of non-negative longs. Seqs are handed out in order, so the values of one side (bit 62)
   * are mostly dense from 1 up: those live in a bitmap per side, one bit a value. A bitmap grows
   * only while it stays denser than eight bytes a member; values beyond it (a stray huge seq) go to
   * an open-addressing table of eight bytes a slot.
   */
  static final class Set {
    private static final long LOW = (1L << 62) - 1;

    /** A bitmap never holds fewer bits than this, whatever the member count. */
    private static final long MIN_BITS = 1 << 16;

    private final long[][] bitmaps = {new long[0], new long[0]};
    private final Sparse sparse = new Sparse();
    private int size;

    /** Adds {@code key}; whether it was absent. */
    boolean add(long key) {
      if (key < 0) {
        throw new IllegalArgumentException("negative key " + key);
      }
      if (contains(key)) {
        return false;
      }
      int half = (int) (key >>> 62);
      long value = key & LOW;
      long[] bits = bitmaps[half];
      if (value >= (long) bits.length * 64) {
        // Room for the value, doubling as long as the bitmap stays denser than a long a member.
        long allowed = Math.max(MIN_BITS, 64L * (size + 1));
        if (value >= allowed || value >= Integer.MAX_VALUE) {
          sparse.add(key);
          size++;
          return true;
        }
        long wanted = Math.max(value + 1, Math.min(allowed, (long) bits.length * 128));
        bits = Arrays.copyOf(bits, (int) ((wanted + 63) >>> 6));
        bitmaps[half] = bits;
      }
      bits[(int) (value >>> 6)] |= 1L << value;
      size++;
      return true;
    }

    boolean contains(long key) {
      if (key < 0) {
        return false;
      }
      long[] bits = bitmaps[(int) (key >>> 62)];
      long value = key & LOW;
      if (value < (long) bits.length * 64 && (bits[(int) (value >>> 6)] & (1L << value)) != 0) {
        return true;
      }
      return sparse.contains(key);
    }

    int size() {
      return size;
    }

    /** How many members are greater than {@code bound}. */
    int countAbove(long bound) {
      int[] count = {0};
      forEach(
          v -> {
            if (v > bound) {
              count[0]++;
            }
          });
      return count[0];
    }

    /** Calls {@code action} with every member, in no particular order. */
    void forEach(LongConsumer action) {
      for (int half = 0; half < 2; half++) {
        long[] bits = bitmaps[half];
        long base = (long) half << 62;
        for (int w = 0; w < bits.length; w++) {
          long word = bits[w];
          while (word != 0) {
            int bit = Long.numberOfTrailingZeros(word);
            action.accept(base | ((long) w << 6 | bit));
            word &= word - 1;
          }
        }
      }
      sparse.forEach(action);
    }
  }

  /** An open-addressing set of non-negative longs. */
  private static final class Sparse {
    private static final long EMPTY = -1;
    private long[] slots = filled(16);
    private int size;

    void add(long key) {
      if ((size + 1) * 2 > slots.length) {
        grow();
      }
      int i = slot(slots, key);
      if (slots[i] != key) {
        slots[i] = key;
        size++;
      }
    }

    boolean contains(long key) {
      return size > 0 && slots[slot(slots, key)] == key;
    }

    void forEach(LongConsumer action) {
      for (long k : slots) {
        if (k != EMPTY) {
          action.accept(k);
        }
      }
    }

    private void grow() {
      long[] old = slots;
      slots = filled(old.length * 2);
      for (long k : old) {
        if (k != EMPTY) {
          slots[slot(slots, k)] = k;
        }
      }
    }

    private static int slot(long[] table, long key) {
      int mask = table.length - 1;
      int i = (int) (mix(key) & mask);
      while (table[i] != EMPTY && table[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    private static long mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return h ^ (h >>> 29);
    }

    private static long[] filled(int n) {
      long[] a = new long[n];
      Arrays.fill(a, EMPTY);
      return a;
    }
  }
}
