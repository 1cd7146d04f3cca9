package dev.passoff.core.testing.mailbox;

import static dev.passoff.core.testing.mailbox.MailboxFixtures.fields;
import static dev.passoff.core.testing.mailbox.MailboxFixtures.outgoing;
import static dev.passoff.core.testing.mailbox.MailboxFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passoff.core.error.ConflictException;
import dev.passoff.core.error.ValidationException;
import dev.passoff.core.model.mailbox.Appended;
import dev.passoff.core.model.mailbox.MailboxMessage;
import dev.passoff.core.model.mailbox.MessageId;
import dev.passoff.core.model.mailbox.Outgoing;
import dev.passoff.core.model.mailbox.Side;
import dev.passoff.core.model.mailbox.StreamBatch;
import dev.passoff.core.port.out.MailboxRuntime;
import dev.passoff.core.port.out.MessageStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MessageStore} honours. An implementation's test supplies a fresh,
 * set-up runtime (both streams empty, seq files at 0) through {@link #createRuntime()}.
 */
public abstract class AbstractMessageStoreTest {
  protected static final Duration WAIT = Duration.ofSeconds(5);

  protected MailboxRuntime runtime;
  protected MessageStore store;

  /** A fresh runtime with empty streams. */
  protected abstract MailboxRuntime createRuntime() throws Exception;

  @BeforeEach
  void open() throws Exception {
    runtime = createRuntime();
    store = runtime.messages();
  }

  protected Appended send(Side side, String type) {
    return store.append(side, WAIT, seq -> outgoing(fields(side, seq, type)));
  }

  @Test
  void anEmptyStreamHasMaxZeroAndNextSeqOne() {
    assertThat(store.maxSeq(Side.CLAUDE)).isZero();
    assertThat(store.nextSeq(Side.CLAUDE)).isEqualTo(1);
    assertThat(store.readAfter(Side.CLAUDE, 0, 10, false).messages()).isEmpty();
  }

  @Test
  void appendsTakeConsecutiveSeqsPerSide() {
    assertThat(send(Side.CLAUDE, "status").message().id().text()).isEqualTo("claude-000001");
    assertThat(send(Side.CLAUDE, "status").message().id().text()).isEqualTo("claude-000002");
    assertThat(send(Side.CODEX, "status").message().id().text()).isEqualTo("codex-000001");
    assertThat(store.maxSeq(Side.CLAUDE)).isEqualTo(2);
    assertThat(store.nextSeq(Side.CLAUDE)).isEqualTo(3);
    assertThat(store.maxSeq(Side.CODEX)).isEqualTo(1);
  }

  @Test
  void aFailingComposerWritesNothing() {
    send(Side.CLAUDE, "status");
    assertThatThrownBy(
            () ->
                store.append(
                    Side.CLAUDE,
                    WAIT,
                    seq -> {
                      throw new ValidationException("summary", "bad");
                    }))
        .isInstanceOf(ValidationException.class);
    assertThat(store.readAfter(Side.CLAUDE, 0, 10, false).messages()).hasSize(1);
    assertThat(store.nextSeq(Side.CLAUDE)).isEqualTo(2);
  }

  @Test
  void readAfterReturnsLaterMessagesInSeqOrderUpToTheLimit() {
    for (int i = 0; i < 5; i++) {
      send(Side.CODEX, "status");
    }
    StreamBatch batch = store.readAfter(Side.CODEX, 2, 2, false);
    assertThat(batch.messages()).extracting(MailboxMessage::seq).containsExactly(3L, 4L);
    assertThat(batch.more()).isTrue();
    StreamBatch rest = store.readAfter(Side.CODEX, 4, 10, false);
    assertThat(rest.messages()).extracting(MailboxMessage::seq).containsExactly(5L);
    assertThat(rest.more()).isFalse();
  }

  @Test
  void messagesKeepEveryFieldAndTheirKeyOrder() {
    Map<String, @Nullable Object> f = fields(Side.CLAUDE, 1, "task");
    f.put("context", "line one\nline two \u2028 \u0085 \u00e9 \ud83d\ude00");
    store.append(Side.CLAUDE, WAIT, seq -> outgoing(f));
    MailboxMessage read = store.find(MessageId.of(Side.CLAUDE, 1)).orElseThrow();
    assertThat(read.fields()).isEqualTo(f);
    assertThat(List.copyOf(read.fields().keySet())).isEqualTo(List.copyOf(f.keySet()));
  }

  @Test
  void findLooksUpAnIdInItsWritersStream() {
    send(Side.CLAUDE, "status");
    send(Side.CODEX, "task");
    assertThat(store.find(MessageId.of(Side.CODEX, 1)).orElseThrow().type()).isEqualTo("task");
    assertThat(store.find(MessageId.read("claude-1").orElseThrow())).isPresent();
    assertThat(store.find(MessageId.of(Side.CODEX, 2))).isEmpty();
  }

  @Test
  void repliesToFindsTheWritersRepliesToATarget() {
    send(Side.CLAUDE, "task");
    store.append(
        Side.CODEX,
        WAIT,
        seq ->
            outgoing(reply(fields(Side.CODEX, seq, "status"), "claude-000001", "claude-000001")));
    store.append(
        Side.CODEX,
        WAIT,
        seq -> outgoing(reply(fields(Side.CODEX, seq, "done"), "claude-000001", "claude-000001")));
    send(Side.CODEX, "status");
    List<MailboxMessage> replies = store.repliesTo(Side.CODEX, "claude-000001");
    assertThat(replies).extracting(MailboxMessage::type).containsExactly("status", "done");
    assertThat(store.repliesTo(Side.CODEX, "claude-1")).hasSize(2);
    assertThat(store.repliesTo(Side.CLAUDE, "claude-000001")).isEmpty();
  }

  @Test
  void inThreadCollectsBothStreams() {
    send(Side.CLAUDE, "task");
    store.append(
        Side.CODEX,
        WAIT,
        seq -> outgoing(reply(fields(Side.CODEX, seq, "done"), "claude-000001", "claude-000001")));
    send(Side.CODEX, "status");
    assertThat(store.inThread("claude-000001"))
        .extracting(m -> m.id().text())
        .containsExactlyInAnyOrder("claude-000001", "codex-000001");
  }

  /** Fields of a message that carries the Passoff handoff {@code handoffId}. */
  protected static Map<String, @Nullable Object> carrying(
      Map<String, @Nullable Object> fields, String handoffId) {
    Map<String, @Nullable Object> out = new java.util.LinkedHashMap<>(fields);
    out.put("passoff", Map.of("handoff_id", handoffId));
    return out;
  }

  @Test
  void carryingFindsTheMessagesOfTheseHandoffsInBothStreams() {
    store.append(
        Side.CLAUDE, WAIT, seq -> outgoing(carrying(fields(Side.CLAUDE, seq, "task"), "ph_one")));
    send(Side.CLAUDE, "status");
    store.append(
        Side.CODEX, WAIT, seq -> outgoing(carrying(fields(Side.CODEX, seq, "status"), "ph_two")));
    store.append(
        Side.CODEX, WAIT, seq -> outgoing(carrying(fields(Side.CODEX, seq, "status"), "ph_one")));

    assertThat(store.carrying(java.util.Set.of("ph_one")))
        .extracting(m -> m.id().text())
        .containsExactlyInAnyOrder("claude-000001", "codex-000002");
    assertThat(store.carrying(java.util.Set.of("ph_one", "ph_two"))).hasSize(3);
    assertThat(store.carrying(java.util.Set.of("ph_none"))).isEmpty();
  }

  @Test
  void aNoteIsWrittenWithItsMessage() {
    Appended appended =
        store.append(
            Side.CLAUDE,
            WAIT,
            seq ->
                new Outgoing(
                    MailboxFixtures.message(fields(Side.CLAUDE, seq, "status")),
                    new Outgoing.Note("notes/claude-000001.md", "# Hello\n")));
    assertThat(appended.note()).isEqualTo("notes/claude-000001.md");
    assertThat(store.noteExists("notes/claude-000001.md")).isTrue();
    assertThat(store.readNote("notes/claude-000001.md", 1024)).contains("# Hello\n");
    assertThat(store.readNote("notes/claude-000001.md", 3)).contains("# H");
    assertThat(store.noteExists("notes/other.md")).isFalse();
  }

  @Test
  void anExistingNoteIsNeverOverwrittenAndNothingIsAppended() {
    store.append(
        Side.CLAUDE,
        WAIT,
        seq ->
            new Outgoing(
                MailboxFixtures.message(fields(Side.CLAUDE, seq, "status")),
                new Outgoing.Note("notes/x.md", "first")));
    assertThatThrownBy(
            () ->
                store.append(
                    Side.CLAUDE,
                    WAIT,
                    seq ->
                        new Outgoing(
                            MailboxFixtures.message(fields(Side.CLAUDE, seq, "status")),
                            new Outgoing.Note("notes/x.md", "second"))))
        .isInstanceOf(ConflictException.class);
    assertThat(store.readNote("notes/x.md", 100)).contains("first");
    assertThat(store.maxSeq(Side.CLAUDE)).isEqualTo(1);
  }

  @Test
  void unsafeNotePathsAreRefused() {
    for (String path : List.of("../x", "C:/x", "notes\\x", "/abs", "notes//x", "notes/./x")) {
      assertThatThrownBy(() -> store.noteExists(path))
          .as(path)
          .isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void concurrentAppendsOnOneSideNeverShareAnId() throws Exception {
    int threads = 4;
    int each = 25;
    List<Thread> workers = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  send(Side.CODEX, "status");
                }
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    List<MailboxMessage> all = store.readAfter(Side.CODEX, 0, 1000, false).messages();
    assertThat(all).extracting(MailboxMessage::seq).doesNotHaveDuplicates().hasSize(threads * each);
    assertThat(store.maxSeq(Side.CODEX)).isEqualTo(threads * each);
  }
}
