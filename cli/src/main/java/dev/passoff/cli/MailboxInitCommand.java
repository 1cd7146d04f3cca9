package dev.passoff.cli;

import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.port.in.OpenMailboxUseCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff mailbox init}: sets up {@code .handoff-runtime/} in the project root. */
@Command(
    name = "init",
    description = {
      "Set up .handoff-runtime/: create whatever of its folders and files is missing.",
      "Also lists the runtime in the repository's .gitignore, unless --no-gitignore.",
      "Needs no side. --fresh deletes an existing runtime first, after confirmation."
    })
final class MailboxInitCommand extends MailboxSubcommand {
  /** The agent instructions, rendered once per side. */
  static final String INSTRUCTIONS = "/dev/passoff/cli/mailbox/agent-instructions.md";

  @Option(names = "--fresh", description = "Delete the existing runtime first (asks first).")
  boolean fresh;

  @Option(names = "--yes", description = "Do not ask before --fresh deletes the runtime.")
  boolean yes;

  @Option(
      names = "--project-files",
      description = "Also write AGENTS.md (Codex) and CLAUDE.md (Claude) if they do not exist.")
  boolean projectFiles;

  @Option(names = "--no-gitignore", description = "Leave .gitignore alone.")
  boolean noGitignore;

  MailboxInitCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    Optional<Side> side = optionalSide();
    precheckSession(side.orElse(null));
    OpenMailboxUseCase opener = services().mailbox();
    Path root = opener.initRoot(explicitRoot(), environment(), services().workingDirectory());
    Path runtime = root.resolve(".handoff-runtime");
    if (fresh && !yes && exists(opener, root)) {
      String question =
          "--fresh deletes "
              + runtime
              + " with every stream, cursor, claim, note and archive in it. Type yes to continue: ";
      if (!confirm(question)) {
        return MailboxErrors.OK;
      }
    }
    List<String> created = new ArrayList<>(opener.init(root, fresh, !noGitignore));
    List<String> kept = new ArrayList<>();
    if (projectFiles) {
      for (Side agent : List.of(Side.CODEX, Side.CLAUDE)) {
        String name = fileFor(agent);
        if (writeIfMissing(root.resolve(name), instructions(agent))) {
          created.add(name);
        } else {
          kept.add(name);
        }
      }
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("root", root.toString());
      out.put("runtime", runtime.toString());
      out.put("created", created);
      out.put("kept", kept);
      printJsonLine(out);
      return MailboxErrors.OK;
    }
    println("Mailbox runtime: " + runtime);
    if (created.isEmpty()) {
      println("Nothing to create: everything is in place.");
    }
    for (String path : created) {
      println("Created " + path);
    }
    for (String path : kept) {
      println("Kept the existing " + path + "; it was not changed.");
    }
    return MailboxErrors.OK;
  }

  private static boolean exists(OpenMailboxUseCase opener, Path root) {
    try {
      opener.open(root);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** AGENTS.md is what Codex reads, CLAUDE.md what Claude Code reads. */
  static String fileFor(Side side) {
    return side == Side.CODEX ? "AGENTS.md" : "CLAUDE.md";
  }

  /** The instructions for the agent on {@code side}. */
  static String instructions(Side side) {
    try (InputStream in = MailboxInitCommand.class.getResourceAsStream(INSTRUCTIONS)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + INSTRUCTIONS);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{side}", side.wire())
          .replace("{peer}", side.peer().wire());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INSTRUCTIONS, e);
    }
  }

  /** Creates the file with {@code text}; {@code false} when it already exists. */
  private static boolean writeIfMissing(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
