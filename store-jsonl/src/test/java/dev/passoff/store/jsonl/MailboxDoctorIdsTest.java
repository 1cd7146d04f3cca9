package dev.passoff.store.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.mailbox.Side;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The doctor's compact id set against {@link HashSet}: dense runs, strays, both sides. */
class MailboxDoctorIdsTest {
  @Test
  void givenRandomKeys_set_behavesLikeAHashSet() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      MailboxDoctorIds.Set set = new MailboxDoctorIds.Set();
      Set<Long> reference = new HashSet<>();
      for (int i = 0; i < 5_000; i++) {
        long key =
            switch (random.nextInt(6)) {
              case 0 -> random.nextInt(200_000);
              case 1 -> StreamIndex.key(Side.CODEX, random.nextInt(3_000));
              case 2 -> (random.nextLong() >>> 1);
              case 3 -> Integer.MAX_VALUE - 1L + random.nextInt(3);
              default -> i + round * 100L;
            };
        assertThat(set.add(key)).isEqualTo(reference.add(key));
        long probe = random.nextBoolean() ? key + 1 : random.nextInt(300_000);
        assertThat(set.contains(probe)).isEqualTo(reference.contains(probe));
      }
      assertThat(set.size()).isEqualTo(reference.size());
      Set<Long> members = new HashSet<>();
      set.forEach(members::add);
      assertThat(members).isEqualTo(reference);
      long bound = random.nextInt(250_000);
      assertThat(set.countAbove(bound))
          .isEqualTo((int) reference.stream().filter(k -> k > bound).count());
      assertThat(set.contains(-1)).isFalse();
    }
  }

  @Test
  void givenMillionsOfDenseSeqsAndAStray_set_holdsThemAll() {
    MailboxDoctorIds.Set set = new MailboxDoctorIds.Set();
    for (long seq = 1; seq <= 4_000_000; seq++) {
      set.add(StreamIndex.key(Side.CLAUDE, seq));
    }
    set.add(StreamIndex.key(Side.CLAUDE, 1L << 40)); // a stray does not blow the bitmap up

    assertThat(set.size()).isEqualTo(4_000_001);
    assertThat(set.countAbove(3_999_999)).isEqualTo(2);
    assertThat(set.contains(StreamIndex.key(Side.CLAUDE, 1L << 40))).isTrue();
    assertThat(set.contains(StreamIndex.key(Side.CODEX, 5))).isFalse();
  }
}
