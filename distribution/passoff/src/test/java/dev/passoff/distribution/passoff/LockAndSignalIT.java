package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process holds the SQLite write lock while the packaged jar writes (spec sections 7 and
 * 10; acceptance 50 end to end): lock waits beyond 5 s become a "busy, retry" error, SIGTERM ends a
 * server whose call is stuck waiting, and nothing is ever half-written.
 */
@Timeout(60)
class LockAndSignalIT {
  /** Exit status of a JVM ended by SIGTERM (128 + 15). */
  private static final int KILLED_BY_SIGTERM = 143;

  @TempDir Path home;

  private Path db() {
    return home.resolve("db.sqlite");
  }

  private Map<String, String> env() {
    return PassoffProcess.environment(
        home,
        Map.of("PASSOFF_DB_PATH", db().toString(), "PASSOFF_PROJECT_ROOT", "/projects/locked"));
  }

  /** Creates the file, its schema and one row, so that later opens need no migration. */
  private void createFirstRow() throws Exception {
    PassoffProcess.Result first =
        PassoffProcess.run(
            home, env(), "first body", PassoffProcess.command(List.of(), "create", "-t", "first"));
    assertThat(first.exit()).as(first.err()).isZero();
  }

  @Test
  void givenLockHeldBeyondBusyTimeout_serveAndCliCreate_reportBusyAndWriteNothing()
      throws Exception {
    createFirstRow();
    try (PassoffProcess.Server server = new PassoffProcess.Server(home, env(), List.of())) {
      assertThat(server.initialize("it")).contains("\"result\"");
      // Opens the server's connection before the lock is taken; the CLI below opens under it.
      assertThat(PassoffProcess.isError(server.call(1, "passoff_list", Map.of()))).isFalse();

      Map<String, Object> served;
      PassoffProcess.Result cli;
      try (SqliteFile holder = SqliteFile.open(db())) {
        holder.exec(
            "BEGIN IMMEDIATE",
            "INSERT INTO handoffs (id, project, title, content, from_client, created_at)"
                + " VALUES ('ph_holder00', 'p', 'held', 'never committed', 'holder', 1)");
        // Both writers wait out their 5 s busy timeout at the same time, under one held lock.
        CompletableFuture<PassoffProcess.Result> cliRun =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return PassoffProcess.run(
                        home,
                        env(),
                        "blocked cli body",
                        PassoffProcess.command(
                            List.of(), "create", "-t", "blocked cli", "-f", "-"));
                  } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        served =
            server.call(
                2, "passoff_create", Map.of("title", "blocked serve", "content", "blocked body"));
        cli = cliRun.get(30, TimeUnit.SECONDS);
        holder.exec("ROLLBACK");
      }

      assertThat(PassoffProcess.isError(served)).as(served.toString()).isTrue();
      assertThat(served).doesNotContainKey("structuredContent");
      assertThat(PassoffProcess.text(served))
          .startsWith("Error: ")
          .contains("busy")
          .contains("retry")
          .contains(db().toString());

      assertThat(cli.exit()).as(cli.err()).isEqualTo(1);
      assertThat(cli.out()).isEmpty();
      assertThat(cli.err().strip()).doesNotContain("\n").contains("busy").contains("retry");
      assertThat(cli.err()).doesNotContain("Exception").doesNotContain("\tat ");

      // The lock is gone: the same server writes again.
      assertThat(
              PassoffProcess.isError(
                  server.call(3, "passoff_create", Map.of("title", "after", "content", "c"))))
          .isFalse();
    }
    try (SqliteFile file = SqliteFile.open(db())) {
      assertThat(file.rows("SELECT title FROM handoffs ORDER BY rowid"))
          .containsExactly(List.of("first"), List.of("after"));
      assertThat(file.one("PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(file.searchIndexIntact()).isTrue();
    }
  }

  @Test
  void givenCreateWaitingOnALock_sigterm_endsServeWithoutFinishingTheCall() throws Exception {
    createFirstRow();
    Path stderr = home.resolve("serve-stderr.log");
    // Trace logging makes the server note each request it starts handling.
    List<String> flags = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace");
    try (PassoffProcess.Server server =
        new PassoffProcess.Server(
            home, env(), flags, ProcessBuilder.Redirect.to(stderr.toFile()))) {
      assertThat(server.initialize("it")).contains("\"result\"");
      assertThat(PassoffProcess.isError(server.call(1, "passoff_list", Map.of()))).isFalse();

      try (SqliteFile holder = SqliteFile.open(db())) {
        holder.exec("BEGIN IMMEDIATE");
        server.send(
            PassoffProcess.callLine(
                2, "passoff_create", Map.of("title", "cut short", "content", "c")));
        awaitLine(stderr, "\"id\":2,\"method\":\"tools/call\"");
        // Give the call a moment to reach SQLite's busy wait (not needed for the assertions).
        Thread.sleep(300);

        // SIGTERM, as Process.destroy() sends it; through the handle so that the JDK does not
        // also close our end of stdout, which is read below.
        assertThat(server.process.toHandle().destroy()).isTrue();

        // Still under the lock: while it is held the call can only end with a busy error after
        // 5 s, and that error reply would be on stdout. No reply, and death by SIGTERM, show the
        // process ended without waiting for the call.
        assertThat(server.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.process.exitValue()).isEqualTo(KILLED_BY_SIGTERM);
        List<String> rest = new ArrayList<>();
        for (String line = server.readLine(); line != null; line = server.readLine()) {
          rest.add(line);
        }
        assertThat(rest).noneMatch(line -> line.contains("\"id\":2"));
        holder.exec("ROLLBACK");
      }
    }
    try (SqliteFile file = SqliteFile.open(db())) {
      assertThat(file.rows("SELECT title FROM handoffs")).containsExactly(List.of("first"));
      assertThat(file.one("PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(file.searchIndexIntact()).isTrue();
    }
  }

  /** Waits until {@code file} holds {@code text}; the class timeout bounds the wait. */
  private static void awaitLine(Path file, String text) throws Exception {
    while (!Files.exists(file)
        || !new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(text)) {
      Thread.sleep(20);
    }
  }
}
