package dev.passoff.distribution.wiring;

import dagger.Module;
import dagger.Provides;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import dev.passoff.core.service.mailbox.MailboxOpener;
import dev.passoff.store.jsonl.JsonlMailboxRuntimes;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The mailbox style: always the protocol's JSONL files in the repository, with index caches under
 * {@code ~/.passoff/cache/mailbox}. Nothing here opens the handoff store.
 */
@Module
public interface MailboxModule {
  @Provides
  @Singleton
  static OpenMailboxUseCase mailbox(Settings settings, Clock clock) {
    SecureRandom random = new SecureRandom();
    return new MailboxOpener(
        new JsonlMailboxRuntimes(
            JsonlMailboxRuntimes.defaultCacheRoot(settings.home()), clock, settings.version()),
        clock,
        () -> 1 + random.nextInt(999),
        settings.version());
  }
}
