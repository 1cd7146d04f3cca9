package dev.passoff.core.testing.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.mailbox.Claim;
import dev.passoff.core.model.mailbox.ClaimState;
import dev.passoff.core.model.mailbox.ReclaimOutcome;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.out.ClaimStore;
import dev.passoff.core.port.out.MailboxRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ClaimStore} honours, on a fresh runtime from {@link #createRuntime}.
 */
public abstract class AbstractClaimStoreTest {
  protected static final Instant T0 = Instant.parse("2026-11-21T22:23:41.123Z");

  protected MailboxRuntime runtime;
  protected ClaimStore claims;

  /** A fresh runtime without claims. */
  protected abstract MailboxRuntime createRuntime() throws Exception;

  @BeforeEach
  void open() throws Exception {
    runtime = createRuntime();
    claims = runtime.claims();
  }

  protected static Claim claim(String session, String messageId, Instant expires) {
    return new Claim(
        Side.CODEX, session, messageId, "codex-20261121T222341Z-001", T0, expires, null);
  }

  @Test
  void aCreatedClaimReadsBackWithItsOwnerAndExpiry() {
    Claim c = claim("codex-main", "claude-000001", T0.plusSeconds(3600));
    assertThat(claims.create(c)).isTrue();
    ClaimState state = claims.find(Side.CODEX, "claude-000001").orElseThrow();
    assertThat(state).isInstanceOf(ClaimState.Held.class);
    Claim read = ((ClaimState.Held) state).claim();
    assertThat(read.session()).isEqualTo("codex-main");
    assertThat(read.messageId()).isEqualTo("claude-000001");
    assertThat(read.expiresAt()).isEqualTo(T0.plusSeconds(3600));
    assertThat(read.runId()).isEqualTo("codex-20261121T222341Z-001");
    assertThat(claims.find(Side.CLAUDE, "claude-000001")).isEmpty();
  }

  @Test
  void aSecondCreateLosesAndLeavesTheFirstClaim() {
    assertThat(claims.create(claim("codex-a", "claude-000001", T0.plusSeconds(60)))).isTrue();
    assertThat(claims.create(claim("codex-b", "claude-000001", T0.plusSeconds(60)))).isFalse();
    assertThat(
            ((ClaimState.Held) claims.find(Side.CODEX, "claude-000001").orElseThrow())
                .claim()
                .session())
        .isEqualTo("codex-a");
  }

  @Test
  void replaceRecordsRenewalAndCompletion() {
    Claim c = claim("codex-main", "claude-000001", T0.plusSeconds(60));
    claims.create(c);
    claims.replace(c.expiringAt(T0.plusSeconds(7200)).completedBy("codex-000004"));
    Claim read = ((ClaimState.Held) claims.find(Side.CODEX, "claude-000001").orElseThrow()).claim();
    assertThat(read.expiresAt()).isEqualTo(T0.plusSeconds(7200));
    assertThat(read.completedBy()).isEqualTo("codex-000004");
  }

  @Test
  void aReclaimOfTheExpiredContentGivesTheClaimToTheNewOwner() {
    claims.create(claim("codex-a", "claude-000001", T0));
    ClaimState expired = claims.find(Side.CODEX, "claude-000001").orElseThrow();
    ReclaimOutcome outcome =
        claims.reclaim(claim("codex-b", "claude-000001", T0.plusSeconds(99)), expired.bytes(), T0);
    assertThat(outcome).isEqualTo(ReclaimOutcome.RECLAIMED);
    assertThat(
            ((ClaimState.Held) claims.find(Side.CODEX, "claude-000001").orElseThrow())
                .claim()
                .session())
        .isEqualTo("codex-b");
  }

  @Test
  void aReclaimBasedOnOutdatedContentChangesNothing() {
    claims.create(claim("codex-a", "claude-000001", T0));
    ClaimState expired = claims.find(Side.CODEX, "claude-000001").orElseThrow();
    claims.replace(claim("codex-a", "claude-000001", T0.plusSeconds(7200)));
    ReclaimOutcome outcome =
        claims.reclaim(claim("codex-b", "claude-000001", T0.plusSeconds(99)), expired.bytes(), T0);
    assertThat(outcome).isEqualTo(ReclaimOutcome.RETRY);
    assertThat(
            ((ClaimState.Held) claims.find(Side.CODEX, "claude-000001").orElseThrow())
                .claim()
                .session())
        .isEqualTo("codex-a");
  }

  @Test
  void concurrentReclaimersEndWithExactlyOneOwner() throws Exception {
    for (int round = 0; round < 10; round++) {
      String id = "claude-" + String.format("%06d", round + 1);
      claims.create(claim("codex-old", id, T0));
      byte[] expired = claims.find(Side.CODEX, id).orElseThrow().bytes();
      int workers = 4;
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger winners = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String session = "codex-w" + w;
        Thread t =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  if (claims.reclaim(claim(session, id, T0.plusSeconds(99)), expired, T0)
                      == ReclaimOutcome.RECLAIMED) {
                    winners.incrementAndGet();
                  }
                });
        threads.add(t);
        t.start();
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertThat(winners.get()).as("round " + round).isEqualTo(1);
      Claim owner = ((ClaimState.Held) claims.find(Side.CODEX, id).orElseThrow()).claim();
      assertThat(owner.session()).startsWith("codex-w");
    }
  }

  @Test
  void allListsTheSidesClaims() {
    claims.create(claim("codex-a", "claude-000001", T0));
    claims.create(claim("codex-a", "claude-000002", T0));
    assertThat(claims.all(Side.CODEX))
        .extracting(ClaimState::messageId)
        .containsExactlyInAnyOrder("claude-000001", "claude-000002");
    assertThat(claims.all(Side.CLAUDE)).isEmpty();
  }
}
