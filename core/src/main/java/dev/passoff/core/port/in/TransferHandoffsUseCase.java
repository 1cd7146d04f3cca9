package dev.passoff.core.port.in;

import dev.passoff.core.model.ImportReport;
import java.io.Reader;
import java.io.Writer;

/** Moves handoffs in and out of a store as files. */
public interface TransferHandoffsUseCase {
  /**
   * Writes every handoff, oldest first, as JSON Lines: one compact handoff object per line with its
   * load history under {@code loads}.
   *
   * @return how many handoffs were written
   */
  long exportJsonLines(Writer out);

  /**
   * Writes every handoff, oldest first, as one markdown document.
   *
   * @return how many handoffs were written
   */
  long exportMarkdown(Writer out);

  /**
   * Reads JSON Lines as {@link #exportJsonLines} writes them and adds the handoffs whose ids are
   * new, all or nothing. A line that does not parse fails the whole import with its line number.
   */
  ImportReport importJsonLines(Reader in);
}
