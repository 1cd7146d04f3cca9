package dev.passoff.distribution.wiring;

import dagger.Module;
import dagger.Provides;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import dev.passoff.core.service.mailbox.MailboxOpener;
import dev.passoff.store.jsonl.JsonlMailboxRuntimes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The mailbox style: always the protocol's JSONL files in the repository, with index caches under
 * {@code ~/.passoff/cache/mailbox}. Nothing here opens the handoff store.
 */
@Module
public interface MailboxModule {
  @Provides
  @Singleton
  static OpenMailboxUseCase mailbox(Settings settings, Clock clock) {
    return new MailboxOpener(
        new JsonlMailboxRuntimes(
            JsonlMailboxRuntimes.defaultCacheRoot(settings.home()), clock, settings.version()),
        clock,
        () -> ThreadLocalRandom.current().nextInt(1, 1000),
        settings.version());
  }
}
