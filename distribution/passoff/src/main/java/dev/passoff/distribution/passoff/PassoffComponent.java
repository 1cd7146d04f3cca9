package dev.passoff.distribution.passoff;

import dagger.BindsInstance;
import dagger.Component;
import dev.passoff.core.port.in.ChangeStatusUseCase;
import dev.passoff.core.port.in.ClearHandoffsUseCase;
import dev.passoff.core.port.in.CreateHandoffUseCase;
import dev.passoff.core.port.in.DeleteHandoffUseCase;
import dev.passoff.core.port.in.GetHandoffUseCase;
import dev.passoff.core.port.in.ListHandoffsUseCase;
import dev.passoff.core.port.in.LoadHandoffUseCase;
import dev.passoff.core.port.in.MaintainStoreUseCase;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import dev.passoff.core.port.in.ResolveProjectUseCase;
import dev.passoff.core.port.in.SearchHandoffsUseCase;
import dev.passoff.core.port.in.ThreadHandoffUseCase;
import dev.passoff.core.port.in.TransferHandoffsUseCase;
import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.distribution.wiring.CoreModule;
import dev.passoff.distribution.wiring.JsonlStoreModule;
import dev.passoff.distribution.wiring.MailboxModule;
import dev.passoff.distribution.wiring.Settings;
import dev.passoff.distribution.wiring.SqliteStoreModule;
import dev.passoff.distribution.wiring.StoreFactory;
import dev.passoff.distribution.wiring.StoreModule;
import jakarta.inject.Singleton;

/**
 * The object graph of the {@code passoff} artifact. Every method builds on demand, so a command
 * that needs no store (help, version, install) never opens one.
 */
@Singleton
@Component(
    modules = {
      CoreModule.class,
      StoreModule.class,
      SqliteStoreModule.class,
      JsonlStoreModule.class,
      MailboxModule.class
    })
public interface PassoffComponent {
  Settings settings();

  StoreFactory storeFactory();

  HandoffStore store();

  CreateHandoffUseCase create();

  LoadHandoffUseCase load();

  GetHandoffUseCase get();

  ListHandoffsUseCase list();

  SearchHandoffsUseCase search();

  ThreadHandoffUseCase thread();

  ChangeStatusUseCase status();

  DeleteHandoffUseCase delete();

  ClearHandoffsUseCase clear();

  ResolveProjectUseCase project();

  MaintainStoreUseCase maintenance();

  TransferHandoffsUseCase transfer();

  OpenMailboxUseCase mailbox();

  /** Creates the graph from the process's settings. */
  @Component.Factory
  interface Factory {
    PassoffComponent create(@BindsInstance Settings settings);
  }
}
