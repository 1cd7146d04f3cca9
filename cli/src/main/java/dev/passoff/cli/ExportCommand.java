package dev.passoff.cli;

import dev.passoff.cli.OptionValues.ExportFormat;
import dev.passoff.core.port.in.TransferHandoffsUseCase;
import java.io.Writer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code passoff export}: every handoff as JSON Lines or markdown. */
@Command(name = "export", description = "Export every handoff as JSON Lines or markdown.")
final class ExportCommand extends CliCommand {
  @Option(
      names = "--format",
      paramLabel = "<format>",
      converter = OptionValues.Format.class,
      description = "jsonl or md (default: jsonl).")
  ExportFormat format = ExportFormat.JSONL;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "<file>",
      description = "Write to this file instead of stdout.")
  @Nullable String output;

  ExportCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    TransferHandoffsUseCase transfer = services().transfer();
    if (output == null || "-".equals(output)) {
      write(transfer, out());
      out().flush();
      return PassoffCli.OK;
    }
    Path target = services().workingDirectory().resolve(output);
    long[] count = {0};
    AtomicFiles.writeWith(target, writer -> count[0] = write(transfer, writer));
    println("Exported " + count[0] + " handoff(s) to " + target);
    return PassoffCli.OK;
  }

  private long write(TransferHandoffsUseCase transfer, Writer writer) {
    return switch (format) {
      case JSONL -> transfer.exportJsonLines(writer);
      case MD -> transfer.exportMarkdown(writer);
    };
  }
}
