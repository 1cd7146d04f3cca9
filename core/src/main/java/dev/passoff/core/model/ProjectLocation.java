package dev.passoff.core.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The repository a working directory belongs to, and its slug.
 *
 * @param root the project root folder
 * @param slug {@code <name>-<6 hex of SHA-1(root)>}
 */
public record ProjectLocation(Path root, String slug) {
  public ProjectLocation {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(slug, "slug");
  }
}
