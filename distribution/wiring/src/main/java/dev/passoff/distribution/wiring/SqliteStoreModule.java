package dev.passoff.distribution.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;

/** Offers the SQLite store under the name {@code sqlite}, the default. */
@Module
public interface SqliteStoreModule {
  @Binds
  @IntoMap
  @StringKey(StoreModule.DEFAULT_STORE)
  StoreFactory bindSqlite(SqliteStoreFactory factory);
}
