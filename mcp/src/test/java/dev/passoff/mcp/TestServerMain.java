package dev.passoff.mcp;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.CreatedHandoff;
import dev.passoff.core.port.in.CreateHandoffUseCase;
import dev.passoff.core.port.out.IdSource;
import dev.passoff.core.port.out.Workspace;
import dev.passoff.core.service.ChangeStatusService;
import dev.passoff.core.service.CreateHandoffService;
import dev.passoff.core.service.GetHandoffService;
import dev.passoff.core.service.ListHandoffsService;
import dev.passoff.core.service.LoadHandoffService;
import dev.passoff.core.service.ProjectResolver;
import dev.passoff.core.service.SearchHandoffsService;
import dev.passoff.core.service.SecureIdSource;
import dev.passoff.core.service.ThreadHandoffService;
import dev.passoff.core.testing.InMemoryHandoffStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The MCP server as the tests run it: a real child process wired to the real core services over an
 * in-memory store. Test-only switches come from the environment:
 *
 * <ul>
 *   <li>{@code PASSOFF_PROJECT_ROOT}: the project-root override, as in production;
 *   <li>{@code PASSOFF_TEST_FIXED_CLOCK}: epoch milliseconds every handoff is created and loaded
 *       at;
 *   <li>{@code PASSOFF_TEST_SLOW_CREATE_MS}: delay added to every create, to keep a call in flight;
 *   <li>{@code PASSOFF_TEST_NOISE}: print to {@code System.out} the way careless code would;
 *   <li>{@code PASSOFF_TEST_DUMP}: file that receives every handoff with its load history, as JSON
 *       lines, after the server returns.
 * </ul>
 */
public final class TestServerMain {
  private TestServerMain() {}

  public static void main(String[] args) throws IOException {
    // Keep the real stdout for the protocol and send every stray print to stderr.
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    System.setOut(System.err);

    InMemoryHandoffStore store = new InMemoryHandoffStore();
    String fixed = System.getenv("PASSOFF_TEST_FIXED_CLOCK");
    Clock clock =
        fixed == null
            ? Clock.systemUTC()
            : Clock.fixed(Instant.ofEpochMilli(Long.parseLong(fixed)), ZoneOffset.UTC);
    McpServices real = services(store, clock);
    String slow = System.getenv("PASSOFF_TEST_SLOW_CREATE_MS");
    McpServices services = slow == null ? real : withSlowCreate(real, Long.parseLong(slow));
    if (System.getenv("PASSOFF_TEST_NOISE") != null) {
      System.out.println("a stray print that must not reach the protocol stream");
    }

    int code = new McpStdioServer(services, "0.0.0-test").run(System.in, protocol);

    String dump = System.getenv("PASSOFF_TEST_DUMP");
    if (dump != null) {
      try (Writer out = Files.newBufferedWriter(Path.of(dump), StandardCharsets.UTF_8)) {
        store.exportAll(
            e -> {
              try {
                out.write(Json.compact(HandoffJson.exported(e)));
                out.write('\n');
              } catch (IOException ex) {
                throw new UncheckedIOException(ex);
              }
            });
      }
    }
    System.err.println("run returned " + code);
    if (code != 0) {
      System.exit(code);
    }
    // Returning normally: the JVM must now end by itself, so no thread may be left behind.
  }

  /**
   * The real core services over the given store; the project comes from the process's working
   * directory and {@code PASSOFF_PROJECT_ROOT}, read on every call.
   */
  static McpServices services(InMemoryHandoffStore store, Clock clock) {
    Workspace workspace =
        new Workspace() {
          @Override
          public Path workingDirectory() {
            return Path.of("").toAbsolutePath();
          }

          @Override
          public Optional<String> projectRootOverride() {
            return Optional.ofNullable(System.getenv("PASSOFF_PROJECT_ROOT"))
                .filter(s -> !s.isEmpty());
          }
        };
    ProjectResolver projects = new ProjectResolver(workspace);
    IdSource ids = new SecureIdSource();
    return new McpServices(
        new CreateHandoffService(store, projects, clock, ids),
        new LoadHandoffService(store, clock),
        new GetHandoffService(store),
        new ListHandoffsService(store, projects),
        new SearchHandoffsService(store, projects),
        new ThreadHandoffService(store),
        new ChangeStatusService(store));
  }

  private static McpServices withSlowCreate(McpServices real, long millis) {
    CreateHandoffUseCase slowCreate =
        (request, client) -> {
          sleep(millis);
          CreatedHandoff created = real.create().create(request, client);
          System.err.println("slow create committed " + created.id());
          return created;
        };
    return new McpServices(
        slowCreate,
        real.load(),
        real.get(),
        real.list(),
        real.search(),
        real.thread(),
        real.status());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
