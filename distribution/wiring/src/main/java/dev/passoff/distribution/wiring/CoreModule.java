package dev.passoff.distribution.wiring;

import dagger.Module;
import dagger.Provides;
import dev.passoff.core.port.in.ChangeStatusUseCase;
import dev.passoff.core.port.in.ClearHandoffsUseCase;
import dev.passoff.core.port.in.CreateHandoffUseCase;
import dev.passoff.core.port.in.DeleteHandoffUseCase;
import dev.passoff.core.port.in.GetHandoffUseCase;
import dev.passoff.core.port.in.ListHandoffsUseCase;
import dev.passoff.core.port.in.LoadHandoffUseCase;
import dev.passoff.core.port.in.MaintainStoreUseCase;
import dev.passoff.core.port.in.ResolveProjectUseCase;
import dev.passoff.core.port.in.SearchHandoffsUseCase;
import dev.passoff.core.port.in.ThreadHandoffUseCase;
import dev.passoff.core.port.in.TransferHandoffsUseCase;
import dev.passoff.core.port.out.HandoffStore;
import dev.passoff.core.port.out.IdSource;
import dev.passoff.core.port.out.Workspace;
import dev.passoff.core.service.ChangeStatusService;
import dev.passoff.core.service.ClearHandoffsService;
import dev.passoff.core.service.CreateHandoffService;
import dev.passoff.core.service.DeleteHandoffService;
import dev.passoff.core.service.GetHandoffService;
import dev.passoff.core.service.ListHandoffsService;
import dev.passoff.core.service.LoadHandoffService;
import dev.passoff.core.service.MaintainStoreService;
import dev.passoff.core.service.ProjectResolver;
import dev.passoff.core.service.SearchHandoffsService;
import dev.passoff.core.service.SecureIdSource;
import dev.passoff.core.service.ThreadHandoffService;
import dev.passoff.core.service.TransferHandoffsService;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Builds the core services from their plain constructors, so core stays free of annotations. */
@Module
public interface CoreModule {
  /** Environment variable that fixes the project root instead of searching for {@code .git}. */
  String PROJECT_ROOT_VARIABLE = "PASSOFF_PROJECT_ROOT";

  @Provides
  static Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  static IdSource ids() {
    return new SecureIdSource();
  }

  @Provides
  @Singleton
  static Workspace workspace(Settings settings) {
    return new Workspace() {
      @Override
      public Path workingDirectory() {
        return settings.workingDirectory();
      }

      @Override
      public Optional<String> projectRootOverride() {
        return settings.variable(PROJECT_ROOT_VARIABLE);
      }
    };
  }

  @Provides
  @Singleton
  static ProjectResolver projectResolver(Workspace workspace) {
    return new ProjectResolver(workspace);
  }

  @Provides
  static ResolveProjectUseCase resolveProject(ProjectResolver resolver) {
    return resolver;
  }

  @Provides
  static CreateHandoffUseCase create(
      HandoffStore store, ProjectResolver projects, Clock clock, IdSource ids) {
    return new CreateHandoffService(store, projects, clock, ids);
  }

  @Provides
  static LoadHandoffUseCase load(HandoffStore store, Clock clock) {
    return new LoadHandoffService(store, clock);
  }

  @Provides
  static GetHandoffUseCase get(HandoffStore store) {
    return new GetHandoffService(store);
  }

  @Provides
  static ListHandoffsUseCase list(HandoffStore store, ProjectResolver projects) {
    return new ListHandoffsService(store, projects);
  }

  @Provides
  static SearchHandoffsUseCase search(HandoffStore store, ProjectResolver projects) {
    return new SearchHandoffsService(store, projects);
  }

  @Provides
  static ThreadHandoffUseCase thread(HandoffStore store) {
    return new ThreadHandoffService(store);
  }

  @Provides
  static ChangeStatusUseCase status(HandoffStore store) {
    return new ChangeStatusService(store);
  }

  @Provides
  static DeleteHandoffUseCase delete(HandoffStore store) {
    return new DeleteHandoffService(store);
  }

  @Provides
  static ClearHandoffsUseCase clear(HandoffStore store, ProjectResolver projects) {
    return new ClearHandoffsService(store, projects);
  }

  @Provides
  static MaintainStoreUseCase maintenance(HandoffStore store) {
    return new MaintainStoreService(store);
  }

  @Provides
  static TransferHandoffsUseCase transfer(HandoffStore store) {
    return new TransferHandoffsService(store);
  }
}
