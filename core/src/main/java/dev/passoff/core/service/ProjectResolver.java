package dev.passoff.core.service;

import dev.passoff.core.model.ProjectLocation;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.port.in.ResolveProjectUseCase;
import dev.passoff.core.port.out.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Computes project slugs exactly as the existing passoff tool does: the root is {@code
 * PASSOFF_PROJECT_ROOT} (absolute, lexically normalised, symlinks kept) or the nearest folder
 * upward holding a {@code .git} entry, else the working directory; the slug is the root's last
 * element, a dash, and the first 6 hex digits of SHA-1 over the root path's UTF-8 bytes.
 */
public final class ProjectResolver implements ResolveProjectUseCase {
  private final Workspace workspace;

  public ProjectResolver(Workspace workspace) {
    this.workspace = Objects.requireNonNull(workspace, "workspace");
  }

  @Override
  public ProjectLocation current() {
    Path cwd = workspace.workingDirectory().toAbsolutePath().normalize();
    Optional<String> override = workspace.projectRootOverride().filter(s -> !s.isEmpty());
    Path root = override.map(o -> cwd.resolve(o).normalize()).orElseGet(() -> findRoot(cwd));
    return new ProjectLocation(root, slugFor(root));
  }

  /**
   * The scope a caller means: {@code null} is the current project, {@code *} every project, any
   * other value that project as given.
   */
  public ProjectScope scope(@Nullable String project) {
    if (project == null) {
      return ProjectScope.of(current().slug());
    }
    if (ProjectScope.WILDCARD.equals(project)) {
      return ProjectScope.all();
    }
    return ProjectScope.of(project);
  }

  /** The slug of a project root. */
  public static String slugFor(Path root) {
    Path name = root.getFileName();
    String base = name == null ? "root" : name.toString();
    return base + "-" + sha1Hex(root.toString()).substring(0, 6);
  }

  private static Path findRoot(Path cwd) {
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        return dir;
      }
    }
    return cwd;
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-1", e);
    }
  }
}
