package dev.passoff.store.jsonl.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.HealthCheck;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.StoreReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several processes append to one log at once, through the OS lock. */
class JsonlMultiProcessIT {
  private static final int PER_PROCESS = 40;

  @TempDir Path dir;

  private Process start(Path file, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            AppendingProcess.class.getName(),
            file.toString(),
            name,
            Integer.toString(PER_PROCESS));
    // Never inherit: the child's output goes to a file the test can show on failure.
    builder.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile());
    return builder.start();
  }

  @Test
  @Timeout(120)
  void givenThreeProcessesAppending_eachSeesItsWritesAndTheLogStaysWhole() throws Exception {
    Path file = dir.resolve("shared/handoffs.jsonl");
    List<Process> children = new ArrayList<>();
    for (String name : List.of("p1", "p2", "p3")) {
      children.add(start(file, name));
    }

    for (int i = 0; i < children.size(); i++) {
      Process child = children.get(i);
      assertThat(child.waitFor(100, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue())
          .as(Files.readString(dir.resolve("p" + (i + 1) + ".out")))
          .isZero();
    }

    try (JsonlHandoffStore store = JsonlHandoffStore.open(file)) {
      assertThat(store.list(ProjectScope.of("shared"), StatusFilter.LOADED, 1000))
          .hasSize(3 * PER_PROCESS);
      for (String name : List.of("p1", "p2", "p3")) {
        assertThat(store.search(List.of(name), ProjectScope.all(), 1000)).hasSize(PER_PROCESS);
      }
      StoreReport report = store.inspect();
      assertThat(report.checks()).extracting(HealthCheck::level).containsOnly(HealthCheck.Level.OK);
    }
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2 * 3 * PER_PROCESS);
  }
}
