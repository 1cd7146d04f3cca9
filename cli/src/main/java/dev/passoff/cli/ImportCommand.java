package dev.passoff.cli;

import dev.passoff.core.model.ImportReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code passoff import}: adds handoffs from a JSON Lines export, skipping known ids. */
@Command(name = "import", description = "Import handoffs from a JSON Lines export.")
final class ImportCommand extends CliCommand {
  @Parameters(
      index = "0",
      paramLabel = "<file>",
      description = "The export file, or '-' for stdin.")
  String file = "-";

  ImportCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() throws IOException {
    ImportReport report;
    if ("-".equals(file)) {
      report = services().transfer().importJsonLines(reader(context.in()));
    } else {
      Path path = services().workingDirectory().resolve(file);
      InputStream stream;
      try {
        stream = Files.newInputStream(path);
      } catch (NoSuchFileException e) {
        throw new CommandFailedException("cannot read " + path + ": no such file");
      } catch (IOException e) {
        throw new CommandFailedException("cannot read " + path + ": " + e.getMessage());
      }
      try (Reader reader = reader(stream)) {
        report = services().transfer().importJsonLines(reader);
      }
    }
    println(
        "Imported "
            + report.imported()
            + " handoff(s), skipped "
            + report.skipped()
            + " already present.");
    return PassoffCli.OK;
  }

  /** Strict UTF-8: a damaged file fails instead of importing replacement characters. */
  private static Reader reader(InputStream in) {
    return new InputStreamReader(
        in,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }
}
