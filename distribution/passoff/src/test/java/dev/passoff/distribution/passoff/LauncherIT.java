package dev.passoff.distribution.passoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/passoff} started the way MCP clients start it: a bare environment, no JAVA_HOME. */
@Timeout(180)
class LauncherIT {
  static final Path LAUNCHER = Path.of("..", "..", "bin", "passoff").toAbsolutePath().normalize();

  @TempDir Path home;

  private Map<String, String> bareEnvironment() {
    return Map.of(
        "HOME", home.toString(),
        "PATH", "/usr/local/bin:/usr/bin:/bin",
        "XDG_CACHE_HOME", home.resolve("cache").toString(),
        "PASSOFF_DB_PATH", home.resolve("db.sqlite").toString(),
        "PASSOFF_JAR", PassoffProcess.JAR.toString());
  }

  private List<Path> archives() throws IOException {
    Path cache = home.resolve("cache/passoff");
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(p -> p.toString().endsWith(".jsa")).toList();
    }
  }

  @Test
  void givenBareEnvironment_launcher_findsJavaAndKeepsOneClassDataArchive() throws Exception {
    PassoffProcess.Result first =
        PassoffProcess.run(home, bareEnvironment(), "", List.of(LAUNCHER.toString(), "--version"));
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out().strip()).isEqualTo(PassoffMain.version());
    List<Path> made = archives();
    assertThat(made).hasSize(1);

    PassoffProcess.Result second =
        PassoffProcess.run(home, bareEnvironment(), "", List.of(LAUNCHER.toString(), "list"));
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).startsWith("Project: ");
    assertThat(archives()).isEqualTo(made);
  }

  @Test
  void givenRebuiltJar_launcher_makesANewArchiveInsteadOfReusingTheCachedLaunch() throws Exception {
    Path jar = home.resolve("copy/passoff.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(PassoffProcess.JAR, jar);
    Map<String, String> env = new java.util.HashMap<>(bareEnvironment());
    env.put("PASSOFF_JAR", jar.toString());

    PassoffProcess.Result first =
        PassoffProcess.run(home, env, "", List.of(LAUNCHER.toString(), "--version"));
    assertThat(first.exit()).as(first.err()).isZero();
    List<Path> before = archives();
    assertThat(before).hasSize(1);

    // A rebuild: same path, newer jar. The cached launch must not hand out the old archive.
    Files.setLastModifiedTime(
        jar,
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(jar).toMillis() + 60_000));
    PassoffProcess.Result second =
        PassoffProcess.run(home, env, "", List.of(LAUNCHER.toString(), "--version"));
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out().strip()).isEqualTo(PassoffMain.version());
    List<Path> after = archives();
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
  }

  @Test
  void givenLauncherServe_stdoutCarriesOnlyTheProtocol() throws Exception {
    ProcessBuilder pb =
        PassoffProcess.builder(home, bareEnvironment(), List.of(LAUNCHER.toString(), "serve"));
    Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream()
        .write(
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isZero();
    assertThat(out.lines().toList()).hasSize(1);
    assertThat(out).startsWith("{").contains("\"id\":1").contains("\"result\"");
    assertThat(out).contains("\"protocolVersion\":\"2024-11-05\"");
  }
}
