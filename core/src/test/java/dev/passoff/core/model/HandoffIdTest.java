package dev.passoff.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.service.SecureIdSource;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandoffIdTest {
  @Test
  void givenSecureSource_hundredThousandIds_areDistinctAndWellFormed() {
    SecureIdSource source = new SecureIdSource();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = source.nextHandoffId().value();
      assertThat(id).matches(HandoffId.GENERATED);
      seen.add(id);
    }
    assertThat(seen).hasSize(100_000);
  }

  @Test
  void givenManyIds_everyAlphabetSymbolAppearsInEveryPosition() {
    SecureIdSource source = new SecureIdSource();
    @SuppressWarnings("unchecked")
    Set<Character>[] perPosition = new Set[8];
    for (int p = 0; p < 8; p++) {
      perPosition[p] = new HashSet<>();
    }
    for (int i = 0; i < 20_000; i++) {
      String id = source.nextHandoffId().value();
      for (int p = 0; p < 8; p++) {
        perPosition[p].add(id.charAt(3 + p));
      }
    }
    for (Set<Character> symbols : perPosition) {
      assertThat(symbols).hasSize(62);
    }
  }
}
