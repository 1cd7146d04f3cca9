package dev.passoff.cli;

import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
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
import dev.passoff.core.service.ThreadHandoffService;
import dev.passoff.core.service.TransferHandoffsService;
import dev.passoff.core.service.mailbox.MailboxOpener;
import dev.passoff.core.testing.InMemoryHandoffStore;
import dev.passoff.core.testing.TestClock;
import dev.passoff.core.testing.TestIds;
import dev.passoff.core.testing.mailbox.InMemoryMailboxRuntimes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Real core services over the in-memory store, with a fixed project and a temporary home. */
final class TestCliServices implements CliServices {
  static final String VERSION = "0.1.0-test";
  static final String PROJECT_ROOT = "/home/dev/projects/netutil";
  static final String PROJECT = "netutil-cdd640";

  final InMemoryHandoffStore store = new InMemoryHandoffStore();
  final TestClock clock = new TestClock();
  final TestIds ids;
  final Path home;
  final Path workingDirectory;
  final Map<String, String> environment = new HashMap<>();
  Path launcher;
  Path databaseFile;
  boolean stdinIsTerminal = true;
  int serveExitCode = 0;
  final AtomicInteger serveCalls = new AtomicInteger();
  @Nullable String serveSide;
  @Nullable String serveSession;

  /** Counts use-case accessor calls, to prove that help and usage errors open nothing. */
  final AtomicInteger useCaseCalls = new AtomicInteger();

  MaintainStoreUseCase maintenance;

  /** Mailbox runtimes in memory, keyed by project root. */
  final InMemoryMailboxRuntimes mailboxes;

  private final OpenMailboxUseCase mailbox;

  private final ProjectResolver projects;

  TestCliServices(Path home) {
    this(home, new TestIds());
  }

  TestCliServices(Path home, TestIds ids) {
    this.home = home;
    this.ids = ids;
    this.workingDirectory = home;
    this.launcher = home.resolve("opt/passoff/bin/passoff");
    this.databaseFile = home.resolve(".passoff/db.sqlite");
    this.projects =
        new ProjectResolver(
            new Workspace() {
              @Override
              public Path workingDirectory() {
                return Path.of(PROJECT_ROOT);
              }

              @Override
              public Optional<String> projectRootOverride() {
                return Optional.of(PROJECT_ROOT);
              }
            });
    this.maintenance = new MaintainStoreService(store);
    this.mailboxes = new InMemoryMailboxRuntimes(clock);
    this.mailbox = new MailboxOpener(mailboxes, clock, () -> 1, VERSION);
    environment.put("PATH", "/nonexistent");
    environment.put("HOME", home.toString());
  }

  @Override
  public OpenMailboxUseCase mailbox() {
    useCaseCalls.incrementAndGet();
    return mailbox;
  }

  /** Stores handoffs exactly as given, ids, times and stamps included. */
  TestCliServices given(Handoff... handoffs) {
    for (Handoff h : handoffs) {
      store.importAll(List.of(new ExportedHandoff(h, List.of())));
    }
    return this;
  }

  /** Runs the CLI in-process. */
  Run runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        PassoffCli.run(
            args,
            this,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Run run(String... args) {
    return runWithInput("", args);
  }

  /** What one run produced. */
  record Run(int exitCode, String out, String err) {}

  private <T> T use(T useCase) {
    useCaseCalls.incrementAndGet();
    return useCase;
  }

  @Override
  public CreateHandoffUseCase create() {
    return use(new CreateHandoffService(store, projects, clock, ids));
  }

  @Override
  public LoadHandoffUseCase load() {
    return use(new LoadHandoffService(store, clock));
  }

  @Override
  public GetHandoffUseCase get() {
    return use(new GetHandoffService(store));
  }

  @Override
  public ListHandoffsUseCase list() {
    return use(new ListHandoffsService(store, projects));
  }

  @Override
  public SearchHandoffsUseCase search() {
    return use(new SearchHandoffsService(store, projects));
  }

  @Override
  public ThreadHandoffUseCase thread() {
    return use(new ThreadHandoffService(store));
  }

  @Override
  public ChangeStatusUseCase status() {
    return use(new ChangeStatusService(store));
  }

  @Override
  public DeleteHandoffUseCase delete() {
    return use(new DeleteHandoffService(store));
  }

  @Override
  public ClearHandoffsUseCase clear() {
    return use(new ClearHandoffsService(store, projects));
  }

  @Override
  public ResolveProjectUseCase project() {
    return use(projects);
  }

  @Override
  public MaintainStoreUseCase maintenance() {
    return use(maintenance);
  }

  @Override
  public TransferHandoffsUseCase transfer() {
    return use(new TransferHandoffsService(store));
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Path home() {
    return home;
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public Path launcher() {
    return launcher;
  }

  @Override
  public String databaseLocation() {
    return databaseFile.toString();
  }

  @Override
  public boolean stdinIsTerminal() {
    return stdinIsTerminal;
  }

  @Override
  public int serve(@Nullable String side, @Nullable String session) {
    serveCalls.incrementAndGet();
    serveSide = side;
    serveSession = session;
    return serveExitCode;
  }

  @Override
  public Path workingDirectory() {
    return workingDirectory;
  }
}
