package dev.passoff.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.service.ProjectResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The project slug follows the server's working directory on every call (item 10). */
@Timeout(60)
class SlugIT {
  @TempDir Path scratch;

  @Test
  void givenGitCreatedAfterStart_nextCall_usesTheNewProjectRoot() throws Exception {
    Path project = scratch.toRealPath().resolve("proj");
    Path cwd = Files.createDirectories(project.resolve("src"));
    try (ServerProcess server =
        ServerProcess.start(cwd, Map.of(), List.of(), scratch.resolve("stderr.log"))) {
      server.initialize("2025-06-18", Map.of("name", "t", "version", "1"));

      String before = createdProject(server);
      Files.createDirectory(project.resolve(".git"));
      String after = createdProject(server);

      assertThat(before).isEqualTo(ProjectResolver.slugFor(cwd)).startsWith("src-");
      assertThat(after).isEqualTo(ProjectResolver.slugFor(project)).startsWith("proj-");
      assertThat(Results.items(server.callTool("passoff_list", Map.of()))).hasSize(1);
    }
  }

  private static String createdProject(ServerProcess server) throws Exception {
    return (String)
        Results.structured(server.callTool("passoff_create", Map.of("title", "t", "content", "c")))
            .get("project");
  }
}
