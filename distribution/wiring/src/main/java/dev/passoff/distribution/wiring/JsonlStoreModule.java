package dev.passoff.distribution.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;

/** Offers the JSONL handoff log under the name {@code jsonl} ({@code PASSOFF_STORE=jsonl}). */
@Module
public interface JsonlStoreModule {
  @Binds
  @IntoMap
  @StringKey("jsonl")
  StoreFactory bindJsonl(JsonlStoreFactory factory);
}
