package dev.passoff.core.model.mailbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a caller asks {@code send} to write. Fields map one to one to the protocol fields and the
 * existing writer's flags; {@code null} means not given. The message itself is validated as a whole
 * by {@code MessageRules} once it is built.
 */
public record SendRequest(
    String type,
    String summary,
    @Nullable String toSession,
    boolean broadcast,
    @Nullable String thread,
    @Nullable String replyTo,
    @Nullable String notesFile,
    @Nullable String noteText,
    @Nullable String commit,
    @Nullable String context,
    @Nullable String nextAction,
    @Nullable String goal,
    List<String> acceptance,
    List<String> constraints,
    List<String> contextFiles,
    List<String> filesChanged,
    @Nullable String priority,
    boolean blocking,
    @Nullable String expectedWithin,
    @Nullable String state,
    @Nullable String eta,
    @Nullable Long applied,
    List<Skipped> skipped,
    @Nullable Long totalProposed,
    @Nullable Long peerCursorObserved,
    boolean dryRun,
    boolean allowDuplicate,
    Duration lockTimeout,
    @Nullable String handoffId) {

  /** The default time to wait for the send lock. */
  public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

  public SendRequest {
    acceptance = List.copyOf(acceptance);
    constraints = List.copyOf(constraints);
    contextFiles = List.copyOf(contextFiles);
    filesChanged = List.copyOf(filesChanged);
    skipped = List.copyOf(skipped);
  }

  /** One entry of a {@code done}'s {@code skipped} list. */
  public record Skipped(String id, String reason) {}

  /** A builder starting from a type and summary. */
  public static Builder builder(String type, String summary) {
    return new Builder(type, summary);
  }

  /** This request as a builder, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(type, summary);
    b.toSession = toSession;
    b.broadcast = broadcast;
    b.thread = thread;
    b.replyTo = replyTo;
    b.notesFile = notesFile;
    b.noteText = noteText;
    b.commit = commit;
    b.context = context;
    b.nextAction = nextAction;
    b.goal = goal;
    b.acceptance.addAll(acceptance);
    b.constraints.addAll(constraints);
    b.contextFiles.addAll(contextFiles);
    b.filesChanged.addAll(filesChanged);
    b.priority = priority;
    b.blocking = blocking;
    b.expectedWithin = expectedWithin;
    b.state = state;
    b.eta = eta;
    b.applied = applied;
    b.skipped.addAll(skipped);
    b.totalProposed = totalProposed;
    b.peerCursorObserved = peerCursorObserved;
    b.dryRun = dryRun;
    b.allowDuplicate = allowDuplicate;
    b.lockTimeout = lockTimeout;
    b.handoffId = handoffId;
    return b;
  }

  /** Collects the optional fields of a {@link SendRequest}. */
  public static final class Builder {
    private String type;
    private String summary;
    private @Nullable String toSession;
    private boolean broadcast;
    private @Nullable String thread;
    private @Nullable String replyTo;
    private @Nullable String notesFile;
    private @Nullable String noteText;
    private @Nullable String commit;
    private @Nullable String context;
    private @Nullable String nextAction;
    private @Nullable String goal;
    private final List<String> acceptance = new ArrayList<>();
    private final List<String> constraints = new ArrayList<>();
    private final List<String> contextFiles = new ArrayList<>();
    private final List<String> filesChanged = new ArrayList<>();
    private @Nullable String priority;
    private boolean blocking;
    private @Nullable String expectedWithin;
    private @Nullable String state;
    private @Nullable String eta;
    private @Nullable Long applied;
    private final List<Skipped> skipped = new ArrayList<>();
    private @Nullable Long totalProposed;
    private @Nullable Long peerCursorObserved;
    private boolean dryRun;
    private boolean allowDuplicate;
    private Duration lockTimeout = LOCK_TIMEOUT;
    private @Nullable String handoffId;

    private Builder(String type, String summary) {
      this.type = type;
      this.summary = summary;
    }

    public Builder type(String value) {
      type = value;
      return this;
    }

    public Builder summary(String value) {
      summary = value;
      return this;
    }

    public Builder toSession(@Nullable String value) {
      toSession = value;
      return this;
    }

    public Builder broadcast(boolean value) {
      broadcast = value;
      return this;
    }

    public Builder thread(@Nullable String value) {
      thread = value;
      return this;
    }

    public Builder replyTo(@Nullable String value) {
      replyTo = value;
      return this;
    }

    public Builder notesFile(@Nullable String value) {
      notesFile = value;
      return this;
    }

    public Builder noteText(@Nullable String value) {
      noteText = value;
      return this;
    }

    public Builder commit(@Nullable String value) {
      commit = value;
      return this;
    }

    public Builder context(@Nullable String value) {
      context = value;
      return this;
    }

    public Builder nextAction(@Nullable String value) {
      nextAction = value;
      return this;
    }

    public Builder goal(@Nullable String value) {
      goal = value;
      return this;
    }

    public Builder acceptance(List<String> values) {
      acceptance.addAll(values);
      return this;
    }

    public Builder constraints(List<String> values) {
      constraints.addAll(values);
      return this;
    }

    public Builder contextFiles(List<String> values) {
      contextFiles.addAll(values);
      return this;
    }

    public Builder filesChanged(List<String> values) {
      filesChanged.addAll(values);
      return this;
    }

    public Builder priority(@Nullable String value) {
      priority = value;
      return this;
    }

    public Builder blocking(boolean value) {
      blocking = value;
      return this;
    }

    public Builder expectedWithin(@Nullable String value) {
      expectedWithin = value;
      return this;
    }

    public Builder state(@Nullable String value) {
      state = value;
      return this;
    }

    public Builder eta(@Nullable String value) {
      eta = value;
      return this;
    }

    public Builder applied(@Nullable Long value) {
      applied = value;
      return this;
    }

    public Builder skipped(List<Skipped> values) {
      skipped.addAll(values);
      return this;
    }

    public Builder totalProposed(@Nullable Long value) {
      totalProposed = value;
      return this;
    }

    public Builder peerCursorObserved(@Nullable Long value) {
      peerCursorObserved = value;
      return this;
    }

    public Builder dryRun(boolean value) {
      dryRun = value;
      return this;
    }

    public Builder allowDuplicate(boolean value) {
      allowDuplicate = value;
      return this;
    }

    public Builder lockTimeout(Duration value) {
      lockTimeout = value;
      return this;
    }

    public Builder handoffId(@Nullable String value) {
      handoffId = value;
      return this;
    }

    public SendRequest build() {
      return new SendRequest(
          type,
          summary,
          toSession,
          broadcast,
          thread,
          replyTo,
          notesFile,
          noteText,
          commit,
          context,
          nextAction,
          goal,
          acceptance,
          constraints,
          contextFiles,
          filesChanged,
          priority,
          blocking,
          expectedWithin,
          state,
          eta,
          applied,
          skipped,
          totalProposed,
          peerCursorObserved,
          dryRun,
          allowDuplicate,
          lockTimeout,
          handoffId);
    }
  }
}
