package dev.passoff.store.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The names the store makes up: index-cache keys of runtime paths and random file tokens. */
class CacheKeysTest {
  @Test
  void givenSamePath_pathKey_isStableHexOf128Bits() {
    String key = JsonlMailboxRuntimes.pathKey("/home/ann/project/.handoff-runtime");

    assertThat(key).matches("[0-9a-f]{32}");
    assertThat(JsonlMailboxRuntimes.pathKey("/home/ann/project/.handoff-runtime")).isEqualTo(key);
  }

  @Test
  void givenManyNearbyPaths_pathKey_neverRepeatsEitherHalf() {
    Set<String> keys = new HashSet<>();
    Set<String> lowHalves = new HashSet<>();
    Set<String> highHalves = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String key = JsonlMailboxRuntimes.pathKey("/srv/repo-" + i + "/.handoff-runtime");
      keys.add(key);
      highHalves.add(key.substring(0, 16));
      lowHalves.add(key.substring(16));
    }
    // Non-ASCII paths hash by their UTF-8 bytes, and differ from their ASCII look-alikes.
    keys.add(JsonlMailboxRuntimes.pathKey("/srv/répo/.handoff-runtime"));
    keys.add(JsonlMailboxRuntimes.pathKey("/srv/repo/.handoff-runtime"));

    assertThat(keys).hasSize(20_002);
    assertThat(highHalves).hasSize(20_000);
    assertThat(lowHalves).hasSize(20_000);
  }

  @Test
  void givenManyCalls_randomHex_hasTheAskedLengthAndDoesNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      String token = FileOps.randomHex(8);
      assertThat(token).matches("[0-9a-f]{16}");
      seen.add(token);
    }
    assertThat(seen).hasSize(50_000);
    assertThat(FileOps.randomHex(16)).matches("[0-9a-f]{32}");
    assertThat(FileOps.randomHex(3)).matches("[0-9a-f]{6}");
  }
}
