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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Gives the CLI its use cases from the component, each built only when a command asks. {@code
 * serve} is the one path that loads the MCP classes.
 */
final class ComponentCliServices implements CliServices {
  private final PassoffComponent component;
  private final InputStream stdin;
  private final OutputStream stdout;

  ComponentCliServices(PassoffComponent component, InputStream stdin, OutputStream stdout) {
    this.component = component;
    this.stdin = stdin;
    this.stdout = stdout;
  }

  @Override
  public CreateHandoffUseCase create() {
    return component.create();
  }

  @Override
  public LoadHandoffUseCase load() {
    return component.load();
  }

  @Override
  public GetHandoffUseCase get() {
    return component.get();
  }

  @Override
  public ListHandoffsUseCase list() {
    return component.list();
  }

  @Override
  public SearchHandoffsUseCase search() {
    return component.search();
  }

  @Override
  public ThreadHandoffUseCase thread() {
    return component.thread();
  }

  @Override
  public ChangeStatusUseCase status() {
    return component.status();
  }

  @Override
  public DeleteHandoffUseCase delete() {
    return component.delete();
  }

  @Override
  public ClearHandoffsUseCase clear() {
    return component.clear();
  }

  @Override
  public ResolveProjectUseCase project() {
    return component.project();
  }

  @Override
  public MaintainStoreUseCase maintenance() {
    return component.maintenance();
  }

  @Override
  public TransferHandoffsUseCase transfer() {
    return component.transfer();
  }

  @Override
  public OpenMailboxUseCase mailbox() {
    return component.mailbox();
  }

  @Override
  public Path workingDirectory() {
    return component.settings().workingDirectory();
  }

  @Override
  public String version() {
    return component.settings().version();
  }

  @Override
  public Path home() {
    return component.settings().home();
  }

  @Override
  public Map<String, String> environment() {
    return component.settings().environment();
  }

  @Override
  public Path launcher() {
    return component.settings().launcher();
  }

  @Override
  public String databaseLocation() {
    return component.storeFactory().location();
  }

  @Override
  public boolean stdinIsTerminal() {
    return component.settings().stdinIsTerminal();
  }

  @Override
  public int serve(@Nullable String side, @Nullable String session) {
    return McpServe.run(component, stdin, stdout, side, session);
  }
}
