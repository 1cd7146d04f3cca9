package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.model.ClientIdentity;
import dev.passoff.core.port.in.CreateHandoffUseCase;
import dev.passoff.core.testing.InMemoryHandoffStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error mapping of the tools, with use cases that fail on purpose. */
class HandoffToolsTest {
  private final McpServices real =
      TestServerMain.services(new InMemoryHandoffStore(), Clock.systemUTC());

  @Test
  void givenStoreUnavailable_call_isAnErrorResultThatInvitesARetry() {
    HandoffTools tools =
        tools(
            (request, client) -> {
              throw new StoreUnavailableException(
                  "cannot open /home/u/.passoff/db.sqlite", new SQLException("locked"));
            });

    ToolResult result = call(tools, "passoff_create");

    assertThat(result.isError()).isTrue();
    assertThat(result.structured()).isNull();
    assertThat(text(result))
        .isEqualTo("Error: cannot open /home/u/.passoff/db.sqlite. You may retry the call.");
  }

  @Test
  void givenUnexpectedException_call_hidesItsDetails() {
    HandoffTools tools =
        tools(
            (request, client) -> {
              throw new IllegalStateException("SELECT * FROM secrets failed at line 3");
            });

    ToolResult result = call(tools, "passoff_create");

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("Error: internal error (see server log)");
  }

  @Test
  void givenTools_has_knowsExactlyTheSevenNames() {
    HandoffTools tools = new HandoffTools(real);

    assertThat(tools.definitions()).hasSize(7);
    assertThat(tools.has("passoff_get")).isTrue();
    assertThat(tools.has("passoff_delete")).isFalse();
  }

  private HandoffTools tools(CreateHandoffUseCase create) {
    return new HandoffTools(
        new McpServices(
            create,
            real.load(),
            real.get(),
            real.list(),
            real.search(),
            real.thread(),
            real.status()));
  }

  private static ToolResult call(HandoffTools tools, String name) {
    return tools.call(name, Map.of("title", "t", "content", "c"), ClientIdentity.UNKNOWN);
  }

  private static String text(ToolResult result) {
    return result.text();
  }
}
