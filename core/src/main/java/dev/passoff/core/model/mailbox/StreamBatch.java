package dev.passoff.core.model.mailbox;

import java.util.List;

/**
 * Messages read from one stream after a seq.
 *
 * @param messages ascending by seq, the first occurrence of each id only
 * @param more whether messages after the last one returned were left out by the limit
 * @param diagnostics one line per skipped or suspicious line, with its line number
 */
public record StreamBatch(List<MailboxMessage> messages, boolean more, List<String> diagnostics) {
  public StreamBatch {
    messages = List.copyOf(messages);
    diagnostics = List.copyOf(diagnostics);
  }
}
