package dev.passoff.cli;

import dev.passoff.core.model.ListHandoffsRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The project and limit options that {@code list} and {@code search} share. */
final class ScopeOptions {
  @Option(
      names = {"-p", "--project"},
      paramLabel = "<slug>",
      description = "Project slug, or '*' for all projects (default: the current project).")
  @Nullable String project;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "<1-50>",
      converter = OptionValues.Limit.class,
      description = "How many to show (default: 10).")
  int limit = ListHandoffsRequest.DEFAULT_LIMIT;
}
