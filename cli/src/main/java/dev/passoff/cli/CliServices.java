package dev.passoff.cli;

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
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the CLI needs from the composition root. Implementations must construct things lazily: a
 * command calls only the accessors it needs, so {@code --help} never opens the database.
 */
public interface CliServices {
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

  /** Health checks and index repair; {@code inspect()} must not create a missing database. */
  MaintainStoreUseCase maintenance();

  TransferHandoffsUseCase transfer();

  /** Finds and opens mailbox runtimes; never opens the handoff store. */
  OpenMailboxUseCase mailbox();

  /** The Passoff version, e.g. {@code 0.1.0}; cheap, no I/O. */
  String version();

  /** The user's home folder: default install targets live under it. */
  Path home();

  /** The process environment; {@code PATH} is searched for {@code claude}. */
  Map<String, String> environment();

  /** Absolute path of the installed {@code bin/passoff}, written into MCP registrations. */
  Path launcher();

  /** Where the database lives, as shown to users (path or URL). */
  String databaseLocation();

  /** Whether standard input is an interactive terminal (then {@code create} reads no body). */
  boolean stdinIsTerminal();

  /**
   * Runs the MCP stdio server until its input ends and returns the exit code.
   *
   * @param side the mailbox side from {@code --side}, if given
   * @param session the mailbox session from {@code --session}, if given
   */
  int serve(@Nullable String side, @Nullable String session);

  /** The shell's working directory: the default {@code --project} folder of install. */
  default Path workingDirectory() {
    return Path.of("").toAbsolutePath();
  }
}
