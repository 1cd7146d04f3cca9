package dev.passoff.core.model;

import java.util.Objects;

/** Which projects a listing, search or load-latest covers. */
public sealed interface ProjectScope permits ProjectScope.All, ProjectScope.One {
  /** The wildcard that selects every project. */
  String WILDCARD = "*";

  /** How the scope is shown to users: the project, or {@code *}. */
  String label();

  /** Every project. */
  record All() implements ProjectScope {
    @Override
    public String label() {
      return WILDCARD;
    }
  }

  /** One project, named exactly as stored. */
  record One(String project) implements ProjectScope {
    public One {
      Objects.requireNonNull(project, "project");
    }

    @Override
    public String label() {
      return project;
    }
  }

  /** The scope covering every project. */
  static ProjectScope all() {
    return new All();
  }

  /** The scope covering one project. */
  static ProjectScope of(String project) {
    return new One(project);
  }
}
