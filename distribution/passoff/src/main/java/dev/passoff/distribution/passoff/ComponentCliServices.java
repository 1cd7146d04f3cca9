package dev.passoff.distribution.passoff;

import dev.passoff.cli.CliServices;
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
import dev.passoff.distribution.wiring.CoreModule;
import dev.passoff.distribution.wiring.MailboxModule;
import dev.passoff.distribution.wiring.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Gives the CLI its use cases from the component, each built only when a command asks. The
 * component itself is built on first need: a mailbox command reaches the mailbox through its
 * provider method alone and never builds the graph, so its start-up loads no store, SQLite driver
 * or Dagger class. {@code serve} is the one path that loads the MCP classes.
 */
final class ComponentCliServices implements CliServices {
  private final Settings settings;
  private final Supplier<PassoffComponent> factory;
  private final InputStream stdin;
  private final OutputStream stdout;
  private @Nullable PassoffComponent component;
  private @Nullable OpenMailboxUseCase mailbox;

  ComponentCliServices(
      Settings settings,
      Supplier<PassoffComponent> factory,
      InputStream stdin,
      OutputStream stdout) {
    this.settings = settings;
    this.factory = factory;
    this.stdin = stdin;
    this.stdout = stdout;
  }

  private PassoffComponent component() {
    if (component == null) {
      component = factory.get();
    }
    return component;
  }

  @Override
  public CreateHandoffUseCase create() {
    return component().create();
  }

  @Override
  public LoadHandoffUseCase load() {
    return component().load();
  }

  @Override
  public GetHandoffUseCase get() {
    return component().get();
  }

  @Override
  public ListHandoffsUseCase list() {
    return component().list();
  }

  @Override
  public SearchHandoffsUseCase search() {
    return component().search();
  }

  @Override
  public ThreadHandoffUseCase thread() {
    return component().thread();
  }

  @Override
  public ChangeStatusUseCase status() {
    return component().status();
  }

  @Override
  public DeleteHandoffUseCase delete() {
    return component().delete();
  }

  @Override
  public ClearHandoffsUseCase clear() {
    return component().clear();
  }

  @Override
  public ResolveProjectUseCase project() {
    return component().project();
  }

  @Override
  public MaintainStoreUseCase maintenance() {
    return component().maintenance();
  }

  @Override
  public TransferHandoffsUseCase transfer() {
    return component().transfer();
  }

  @Override
  public OpenMailboxUseCase mailbox() {
    if (mailbox == null) {
      mailbox =
          component != null
              ? component.mailbox()
              : MailboxModule.mailbox(settings, CoreModule.clock());
    }
    return mailbox;
  }

  @Override
  public Path workingDirectory() {
    return settings.workingDirectory();
  }

  @Override
  public String version() {
    return settings.version();
  }

  @Override
  public Path home() {
    return settings.home();
  }

  @Override
  public Map<String, String> environment() {
    return settings.environment();
  }

  @Override
  public Path launcher() {
    return settings.launcher();
  }

  @Override
  public String databaseLocation() {
    return component().storeFactory().location();
  }

  @Override
  public boolean stdinIsTerminal() {
    return settings.stdinIsTerminal();
  }

  @Override
  public int serve(@Nullable String side, @Nullable String session) {
    return McpServe.run(component(), stdin, stdout, side, session);
  }
}
