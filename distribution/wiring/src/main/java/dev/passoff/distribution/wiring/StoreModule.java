package dev.passoff.distribution.wiring;

import dagger.Module;
import dagger.Provides;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.port.out.HandoffStore;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeSet;

/**
 * Picks the handoff store named by {@code PASSOFF_STORE} (default {@code sqlite}) among the store
 * factories bound into the map; the others are never constructed.
 */
@Module
public interface StoreModule {
  /** The store used when none is configured. */
  String DEFAULT_STORE = "sqlite";

  @Provides
  @Singleton
  static StoreFactory selectedFactory(
      Settings settings, Map<String, Provider<StoreFactory>> factories) {
    String name = settings.variable(Settings.STORE_VARIABLE).orElse(DEFAULT_STORE);
    Provider<StoreFactory> factory = factories.get(name);
    if (factory == null) {
      throw new ValidationException(
          Settings.STORE_VARIABLE,
          "unknown store '" + name + "'; choose one of " + new TreeSet<>(factories.keySet()));
    }
    return factory.get();
  }

  @Provides
  @Singleton
  static HandoffStore handoffStore(StoreFactory factory) {
    return factory.open();
  }
}
