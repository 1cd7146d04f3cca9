package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 49: two servers and ten CLI runs write and read one SQLite file at once; no write is
 * lost and no call reports a locked database.
 */
@Timeout(300)
class ConcurrencyIT {
  private static final int CREATES = 500;

  @TempDir Path home;

  @Test
  void givenTwoServersAndTenCliRuns_concurrentWork_losesNothingAndNeverErrors() throws Exception {
    Map<String, String> env =
        PassoffProcess.environment(
            home,
            Map.of(
                "PASSOFF_DB_PATH",
                home.resolve("db.sqlite").toString(),
                "PASSOFF_PROJECT_ROOT",
                "/projects/shared-proj"));
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    List<Future<?>> work = new ArrayList<>();
    for (String client : List.of("claude-code", "cursor")) {
      work.add(pool.submit(() -> serve(env, client, errors)));
    }
    for (int i = 0; i < 10; i++) {
      work.add(
          pool.submit(
              () -> {
                PassoffProcess.Result r =
                    PassoffProcess.run(
                        home, env, "", PassoffProcess.command(List.of(), "list", "-n", "50"));
                if (r.exit() != 0) {
                  errors.add("list: " + r.err());
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();

    assertThat(errors).isEmpty();
    PassoffProcess.Result count =
        PassoffProcess.run(home, env, "", PassoffProcess.command(List.of(), "doctor"));
    assertThat(count.out()).contains("Rows: " + (2 * CREATES) + " total");
  }

  private Void serve(Map<String, String> env, String client, ConcurrentLinkedQueue<String> errors)
      throws Exception {
    try (PassoffProcess.Server server = new PassoffProcess.Server(home, env, List.of())) {
      server.request(
          "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
              + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\""
              + client
              + "\",\"version\":\"1\"}}}");
      int id = 1;
      for (int i = 0; i < CREATES; i++) {
        String reply =
            server.request(
                "{\"jsonrpc\":\"2.0\",\"id\":"
                    + (id++)
                    + ",\"method\":\"tools/call\",\"params\":{\"name\":\"passoff_create\","
                    + "\"arguments\":{\"title\":\""
                    + client
                    + " "
                    + i
                    + "\",\"content\":\"## Next Steps\\nkeep going\"}}}");
        check(reply, errors);
        if (i % 5 == 4) {
          check(
              server.request(
                  "{\"jsonrpc\":\"2.0\",\"id\":"
                      + (id++)
                      + ",\"method\":\"tools/call\",\"params\":{\"name\":\"passoff_load\","
                      + "\"arguments\":{\"latest\":true}}}"),
              errors);
        }
      }
    }
    return null;
  }

  private static void check(String reply, ConcurrentLinkedQueue<String> errors) {
    if (reply == null || reply.contains("\"isError\":true") || reply.contains("\"error\"")) {
      errors.add(String.valueOf(reply));
    }
  }
}
