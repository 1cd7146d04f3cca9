package dev.passoff.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passoff.core.model.ProjectLocation;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.port.out.Workspace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectResolverTest {
  @TempDir Path tmp;

  private static ProjectResolver resolver(Path cwd, String override) {
    return new ProjectResolver(
        new Workspace() {
          @Override
          public Path workingDirectory() {
            return cwd;
          }

          @Override
          public Optional<String> projectRootOverride() {
            return Optional.ofNullable(override);
          }
        });
  }

  @ParameterizedTest
  @CsvSource({
    "/, root-42099b",
    "/x/some-proj, some-proj-ab000c",
    "/home/dev/projects/netutil, netutil-cdd640",
  })
  void givenGoldenRoots_slugFor_matchesExistingTool(String root, String slug) {
    assertThat(ProjectResolver.slugFor(Path.of(root))).isEqualTo(slug);
  }

  @Test
  void givenOverride_current_usesItNormalisedWithoutResolvingLinks() {
    assertThat(resolver(tmp, "/x/some-proj").current().slug()).isEqualTo("some-proj-ab000c");
    assertThat(resolver(tmp, "/x/other/../some-proj/.").current().slug())
        .isEqualTo("some-proj-ab000c");
    assertThat(resolver(Path.of("/x"), "some-proj").current().root())
        .isEqualTo(Path.of("/x/some-proj"));
  }

  @Test
  void givenEmptyOverride_current_searchesForGit() throws Exception {
    Files.createDirectories(tmp.resolve(".git"));
    assertThat(resolver(tmp, "").current().root()).isEqualTo(tmp);
  }

  @Test
  void givenGitFolderAbove_current_findsRoot() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("pkg/src"));
    Files.createDirectories(tmp.resolve(".git"));

    ProjectLocation found = resolver(src, null).current();

    assertThat(found.root()).isEqualTo(tmp);
    assertThat(found.slug()).isEqualTo(ProjectResolver.slugFor(tmp));
    assertThat(found.slug()).startsWith(tmp.getFileName() + "-");
  }

  @Test
  void givenGitFileAbove_current_findsRoot() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("pkg/src"));
    Files.writeString(tmp.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/x\n");

    assertThat(resolver(src, null).current().root()).isEqualTo(tmp);
  }

  @Test
  void givenNoGitAnywhere_current_isWorkingDirectory() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("a/b")).toAbsolutePath().normalize();
    // Some hosts keep a .git above the temp folder; the root is then that folder instead.
    Path gitAbove = null;
    for (Path p = dir; p != null && gitAbove == null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        gitAbove = p;
      }
    }
    Path expected = gitAbove == null ? dir : gitAbove;

    ProjectLocation found = resolver(dir, null).current();

    assertThat(found.root()).isEqualTo(expected);
    assertThat(found.slug()).isEqualTo(ProjectResolver.slugFor(expected));
  }

  @Test
  void givenGitCreatedLater_current_seesIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("late/sub"));
    ProjectResolver resolver = resolver(dir, null);
    String before = resolver.current().slug();

    Files.createDirectories(tmp.resolve("late/.git"));

    assertThat(resolver.current().slug()).isNotEqualTo(before).startsWith("late-");
  }

  @Test
  void givenProjectArguments_scope_mapsNullStarAndNames() {
    ProjectResolver r = resolver(tmp, "/x/some-proj");
    assertThat(r.scope(null)).isEqualTo(ProjectScope.of("some-proj-ab000c"));
    assertThat(r.scope("*")).isEqualTo(ProjectScope.all());
    assertThat(r.scope("given")).isEqualTo(ProjectScope.of("given"));
  }
}
