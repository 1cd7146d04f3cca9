package dev.passoff.mcp;

import dev.passoff.core.port.in.ChangeStatusUseCase;
import dev.passoff.core.port.in.CreateHandoffUseCase;
import dev.passoff.core.port.in.GetHandoffUseCase;
import dev.passoff.core.port.in.ListHandoffsUseCase;
import dev.passoff.core.port.in.LoadHandoffUseCase;
import dev.passoff.core.port.in.SearchHandoffsUseCase;
import dev.passoff.core.port.in.ThreadHandoffUseCase;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The core use cases the MCP tools call, one per tool group.
 *
 * @param create {@code passoff_create}
 * @param load {@code passoff_load}
 * @param get {@code passoff_get}
 * @param list {@code passoff_list}
 * @param search {@code passoff_search}
 * @param thread {@code passoff_thread}
 * @param status {@code passoff_archive}
 * @param mailbox the {@code mailbox_*} tools' settings; {@code null} leaves those tools out
 */
public record McpServices(
    CreateHandoffUseCase create,
    LoadHandoffUseCase load,
    GetHandoffUseCase get,
    ListHandoffsUseCase list,
    SearchHandoffsUseCase search,
    ThreadHandoffUseCase thread,
    ChangeStatusUseCase status,
    @Nullable MailboxSettings mailbox) {

  public McpServices {
    Objects.requireNonNull(create, "create");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(get, "get");
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(status, "status");
  }

  /** The baton-pass tools alone. */
  public McpServices(
      CreateHandoffUseCase create,
      LoadHandoffUseCase load,
      GetHandoffUseCase get,
      ListHandoffsUseCase list,
      SearchHandoffsUseCase search,
      ThreadHandoffUseCase thread,
      ChangeStatusUseCase status) {
    this(create, load, get, list, search, thread, status, null);
  }
}
