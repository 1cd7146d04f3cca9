package dev.passoff.cli;

import dev.passoff.core.json.HandoffJson;
import dev.passoff.core.model.CreateHandoffRequest;
import dev.passoff.core.model.CreatedHandoff;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code passoff create}: writes a handoff from the shell, the body from a file or stdin. */
@Command(name = "create", description = "Create a handoff; the body comes from --file or stdin.")
final class CreateCommand extends CliCommand {
  @Option(
      names = {"-t", "--title"},
      required = true,
      paramLabel = "<title>",
      description = "One line, at most 120 characters.")
  String title = "";

  @Option(names = "--tag", paramLabel = "<tag>", description = "A tag; repeat for more.")
  @Nullable List<String> tags;

  @Option(names = "--parent", paramLabel = "<id>", description = "The handoff this continues.")
  @Nullable String parent;

  @Option(
      names = {"-p", "--project"},
      paramLabel = "<slug>",
      description = "Project slug (default: the current project).")
  @Nullable String project;

  @Option(names = "--model", paramLabel = "<id>", description = "The writing model's id.")
  @Nullable String model;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "<path>",
      description = "Read the markdown body from this file, or '-' for stdin.")
  @Nullable String file;

  @Option(names = "--json", description = "Print {id, created_at, project} as JSON.")
  boolean json;

  @Parameters(
      arity = "0..1",
      paramLabel = "-",
      description = "Read the body from standard input, like --file -.")
  @Nullable String stdinMarker;

  CreateCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    String body = body();
    CreatedHandoff created =
        services()
            .create()
            .create(
                new CreateHandoffRequest(title, body, tags, parent, project, model),
                context.client());
    if (json) {
      printJson(HandoffJson.created(created));
    } else {
      println(created.id().value());
    }
    return PassoffCli.OK;
  }

  private String body() {
    if (stdinMarker != null && !"-".equals(stdinMarker)) {
      throw usage("unexpected argument '" + stdinMarker + "': the body comes from --file or '-'");
    }
    if (stdinMarker != null && file != null) {
      throw usage("give the body either with --file or with '-', not both");
    }
    if ("-".equals(file) || stdinMarker != null) {
      return context.readAll("standard input");
    }
    if (file != null) {
      Path path = services().workingDirectory().resolve(file);
      try {
        return CliContext.decode(java.nio.file.Files.readAllBytes(path), path.toString());
      } catch (NoSuchFileException e) {
        throw new CommandFailedException("cannot read " + path + ": no such file");
      } catch (IOException e) {
        throw new CommandFailedException("cannot read " + path + ": " + e.getMessage());
      }
    }
    if (services().stdinIsTerminal()) {
      throw usage("no body given: pass --file <path>, --file - or pipe the body on stdin");
    }
    return context.readAll("standard input");
  }
}
