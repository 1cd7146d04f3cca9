package dev.passoff.store.jsonl;

import java.util.Arrays;

/**
 * Compact collections of message keys ({@link StreamIndex#key(dev.passoff.core.model.mailbox.Side,
 * long)}, always non-negative) for the doctor's per-line state: eight bytes a message instead of a
 * boxed set entry, so even long streams stay well inside a small heap.
 */
final class MailboxDoctorIds {
  private MailboxDoctorIds() {}

  /** An open-addressing set of non-negative longs. */
  static final class Set {
    private static final long EMPTY = -1;
    private long[] slots = filled(64);
    private int size;

    /** Adds {@code key}; whether it was absent. */
    boolean add(long key) {
      if (key < 0) {
        throw new IllegalArgumentException("negative key " + key);
      }
      if ((size + 1) * 2 > slots.length) {
        grow();
      }
      int i = slot(slots, key);
      if (slots[i] == key) {
        return false;
      }
      slots[i] = key;
      size++;
      return true;
    }

    boolean contains(long key) {
      return key >= 0 && slots[slot(slots, key)] == key;
    }

    int size() {
      return size;
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

  /** A growable list of longs that can be sorted and searched. */
  static final class List {
    private long[] values = new long[64];
    private int size;
    private boolean sorted = true;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      if (size > 0 && values[size - 1] > value) {
        sorted = false;
      }
      values[size++] = value;
    }

    int size() {
      return size;
    }

    long get(int i) {
      return values[i];
    }

    /** How many values are greater than {@code bound}. */
    int countAbove(long bound) {
      sort();
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (values[mid] <= bound) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return size - lo;
    }

    private void sort() {
      if (!sorted) {
        Arrays.sort(values, 0, size);
        sorted = true;
      }
    }
  }
}
