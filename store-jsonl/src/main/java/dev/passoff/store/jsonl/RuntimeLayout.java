package dev.passoff.store.jsonl;

import dev.passoff.core.model.mailbox.Side;
import java.nio.file.Path;

/** Where each file of a runtime lives. */
final class RuntimeLayout {
  static final String RUNTIME = ".handoff-runtime";

  private final Path root;
  private final Path runtime;

  RuntimeLayout(Path root) {
    this.root = root;
    this.runtime = root.resolve(RUNTIME);
  }

  Path root() {
    return root;
  }

  Path runtime() {
    return runtime;
  }

  Path stream(Side writer) {
    return runtime.resolve(writer.outboxFile());
  }

  Path seqFile(Side side) {
    return runtime.resolve("." + side.wire() + "-seq");
  }

  Path legacyCursor(Side reader) {
    return runtime.resolve("." + reader.wire() + "-cursor");
  }

  Path sessionFile(Side side) {
    return runtime.resolve("." + side.wire() + "-session");
  }

  Path lastSeen(Side side) {
    return runtime.resolve("." + side.wire() + "-lastseen");
  }

  Path gateState(Side side) {
    return runtime.resolve("." + side.wire() + "-pollgate.json");
  }

  Path cursors() {
    return runtime.resolve("cursors");
  }

  Path cursor(Side reader, String session) {
    return cursors().resolve(reader.wire() + "-" + session);
  }

  Path claims() {
    return runtime.resolve("claims");
  }

  Path claim(Side reader, String messageId) {
    return claims().resolve(reader.wire() + "-handles-" + messageId + ".json");
  }

  Path locks() {
    return runtime.resolve("locks");
  }

  Path sendLock(Side side) {
    return locks().resolve(side.wire() + "-send.lock");
  }

  Path gateLock(Side side) {
    return locks().resolve(side.wire() + "-pollgate.lock");
  }

  Path notes() {
    return runtime.resolve("notes");
  }

  Path archive() {
    return runtime.resolve("archive");
  }
}
