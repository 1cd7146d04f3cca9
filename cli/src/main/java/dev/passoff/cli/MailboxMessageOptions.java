package dev.passoff.cli;

import dev.passoff.core.error.NotFoundException;
import dev.passoff.core.error.StoreUnavailableException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import dev.passoff.core.json.Json;
import dev.passoff.core.model.mailbox.SendRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The message content options that {@code send} and {@code complete} share: every flag of the
 * existing {@code send.py} except type, summary, reply and dry run, plus Passoff's note, duplicate
 * and lock options. They are turned into a {@link SendRequest}; the message itself is validated by
 * core.
 */
final class MailboxMessageOptions {
  @Option(names = "--to-session", paramLabel = "<id>", description = "Address one peer session.")
  @Nullable String toSession;

  @Option(
      names = "--broadcast",
      description = "Address every peer session (no to_session, not even an inferred one).")
  boolean broadcast;

  @Option(names = "--thread", paramLabel = "<id>", description = "The thread's first message.")
  @Nullable String thread;

  @Option(
      names = "--notes-file",
      paramLabel = "<path>",
      description = "A note under notes/, relative to .handoff-runtime/.")
  @Nullable String notesFile;

  @Option(
      names = "--note-text",
      paramLabel = "<markdown>",
      description = "Write this Markdown to the note (--notes-file or notes/<id>.md).")
  @Nullable String noteText;

  @Option(names = "--note-stdin", description = "Read the note's Markdown from standard input.")
  boolean noteStdin;

  @Option(names = "--commit", paramLabel = "<sha>", description = "refs.commit.")
  @Nullable String commit;

  @Option(names = "--context", paramLabel = "<text>", description = "Context; may be multi-line.")
  @Nullable String context;

  @Option(
      names = "--context-file",
      paramLabel = "<path>",
      description = "Append this UTF-8 file to the context.")
  @Nullable String contextFile;

  @Option(names = "--context-stdin", description = "Append standard input (UTF-8) to the context.")
  boolean contextStdin;

  @Option(names = "--next-action", paramLabel = "<text>", description = "What the reader does.")
  @Nullable String nextAction;

  @Option(names = "--goal", paramLabel = "<text>", description = "The task's goal.")
  @Nullable String goal;

  @Option(
      names = "--acceptance",
      paramLabel = "<text>",
      description = "An acceptance criterion; repeat for more.")
  List<String> acceptance = new ArrayList<>();

  @Option(
      names = "--constraint",
      paramLabel = "<text>",
      description = "A constraint; repeat for more.")
  List<String> constraints = new ArrayList<>();

  @Option(
      names = "--context-file-ref",
      paramLabel = "<path>",
      description = "A file the reader should look at (context_files); repeat for more.")
  List<String> contextFiles = new ArrayList<>();

  @Option(
      names = "--file-changed",
      paramLabel = "<path>",
      description = "A file this work changed; repeat for more.")
  List<String> filesChanged = new ArrayList<>();

  @Option(
      names = "--priority",
      paramLabel = "<priority>",
      description = "urgent, normal or backlog.")
  @Nullable String priority;

  @Option(names = "--blocking", description = "Mark the message blocking.")
  boolean blocking;

  @Option(
      names = "--expected-within",
      paramLabel = "<duration>",
      description = "ISO 8601 duration such as PT2H.")
  @Nullable String expectedWithin;

  @Option(
      names = "--state",
      paramLabel = "<state>",
      description = "status and done only: claimed, progress, blocked, awaiting-input, shutdown.")
  @Nullable String state;

  @Option(names = "--eta", paramLabel = "<duration>", description = "ISO 8601 duration.")
  @Nullable String eta;

  @Option(names = "--applied", paramLabel = "<n>", description = "done only: items applied.")
  @Nullable Long applied;

  @Option(
      names = "--skipped",
      paramLabel = "<item>",
      description =
          "done only: a skipped item as {\"id\":…,\"reason\":…}, ID=REASON or ID:REASON;"
              + " repeat for more.")
  List<String> skipped = new ArrayList<>();

  @Option(
      names = "--total-proposed",
      paramLabel = "<n>",
      description = "done only: items proposed.")
  @Nullable Long totalProposed;

  @Option(
      names = "--peer-cursor-observed",
      paramLabel = "<seq>",
      description = "Override the peer stream's largest seq.")
  @Nullable Long peerCursorObserved;

  @Option(
      names = "--allow-duplicate",
      description = "Send a second done, error or cancel for the same message.")
  boolean allowDuplicate;

  @Option(
      names = "--lock-timeout",
      paramLabel = "<seconds>",
      description = "How long to wait for the send lock (default 30).")
  @Nullable String lockTimeout;

  /**
   * Copies these options onto {@code builder}, reading the context file and standard input.
   *
   * @throws ValidationException for malformed values, listing each
   * @throws NotFoundException when the context file cannot be read
   */
  SendRequest.Builder applyTo(SendRequest.Builder builder, CliContext cli) {
    List<Violation> problems = new ArrayList<>();
    if (contextStdin && noteStdin) {
      problems.add(
          new Violation(
              "--note-stdin", "cannot be combined with --context-stdin: both read standard input"));
    }
    if (noteText != null && noteStdin) {
      problems.add(new Violation("--note-stdin", "cannot be combined with --note-text"));
    }
    List<SendRequest.Skipped> items = new ArrayList<>();
    for (String raw : skipped) {
      SendRequest.Skipped item = skippedItem(raw);
      if (item == null) {
        problems.add(
            new Violation(
                "--skipped",
                "'"
                    + raw
                    + "' is neither a JSON object {\"id\": …, \"reason\": …} nor ID=REASON or"
                    + " ID:REASON"));
      } else {
        items.add(item);
      }
    }
    Duration timeout = SendRequest.LOCK_TIMEOUT;
    if (lockTimeout != null) {
      timeout = seconds(lockTimeout);
      if (timeout == null) {
        problems.add(
            new Violation("--lock-timeout", "'" + lockTimeout + "' is not a number of seconds"));
        timeout = SendRequest.LOCK_TIMEOUT;
      }
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    String note = noteStdin ? readStdin(cli, "--note-stdin") : noteText;
    return builder
        .toSession(toSession)
        .broadcast(broadcast)
        .thread(thread)
        .notesFile(notesFile)
        .noteText(note)
        .commit(commit)
        .context(context(cli))
        .nextAction(nextAction)
        .goal(goal)
        .acceptance(acceptance)
        .constraints(constraints)
        .contextFiles(contextFiles)
        .filesChanged(filesChanged)
        .priority(priority)
        .blocking(blocking)
        .expectedWithin(expectedWithin)
        .state(state)
        .eta(eta)
        .applied(applied)
        .skipped(items)
        .totalProposed(totalProposed)
        .peerCursorObserved(peerCursorObserved)
        .allowDuplicate(allowDuplicate)
        .lockTimeout(timeout);
  }

  /**
   * {@code --context}, {@code --context-file} and standard input, in that order, each without its
   * trailing line breaks, joined with blank lines; {@code null} when all are absent or empty.
   */
  private @Nullable String context(CliContext cli) {
    List<String> parts = new ArrayList<>();
    if (context != null) {
      parts.add(context);
    }
    if (contextFile != null) {
      parts.add(readFile(cli, contextFile));
    }
    if (contextStdin) {
      parts.add(readStdin(cli, "--context-stdin"));
    }
    List<String> kept = new ArrayList<>();
    for (String part : parts) {
      String trimmed = part.replaceFirst("[\\r\\n]+$", "");
      if (!trimmed.isEmpty()) {
        kept.add(trimmed);
      }
    }
    return kept.isEmpty() ? null : String.join("\n\n", kept);
  }

  /** One {@code --skipped} value, or {@code null} if it has none of the three forms. */
  static SendRequest.@Nullable Skipped skippedItem(String raw) {
    String value = raw.strip();
    if (value.startsWith("{")) {
      try {
        if (Json.parse(value) instanceof Map<?, ?> map
            && map.get("id") instanceof String id
            && map.get("reason") instanceof String reason) {
          return new SendRequest.Skipped(id, reason);
        }
      } catch (IllegalArgumentException e) {
        // Not JSON: none of the forms.
      }
      return null;
    }
    int equals = value.indexOf('=');
    int colon = value.indexOf(':');
    int at = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
    if (at <= 0) {
      return null;
    }
    String id = value.substring(0, at).strip();
    String reason = value.substring(at + 1).strip();
    return id.isEmpty() || reason.isEmpty() ? null : new SendRequest.Skipped(id, reason);
  }

  /** A number of seconds, 0 or more, to the millisecond; {@code null} if it is not one. */
  static @Nullable Duration seconds(String text) {
    try {
      BigDecimal value = new BigDecimal(text.strip());
      if (value.signum() < 0) {
        return null;
      }
      return Duration.ofMillis(
          value.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static String readFile(CliContext cli, String name) {
    Path path;
    try {
      path = cli.services().workingDirectory().resolve(name);
    } catch (InvalidPathException e) {
      throw new ValidationException("--context-file", "'" + name + "' is not a path");
    }
    try {
      return decode(Files.readAllBytes(path), "--context-file " + name);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("context file " + path + " does not exist");
    } catch (IOException e) {
      throw new NotFoundException(
          "cannot read context file " + path + ": " + AtomicFiles.describe(e));
    }
  }

  private static String readStdin(CliContext cli, String option) {
    try {
      return decode(cli.in().readAllBytes(), option);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot read standard input: " + AtomicFiles.describe(e), e);
    }
  }

  /** Strict UTF-8: malformed input is refused, never replaced; a leading BOM is dropped. */
  static String decode(byte[] bytes, String source) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new ValidationException(source, "is not valid UTF-8");
    }
  }
}
