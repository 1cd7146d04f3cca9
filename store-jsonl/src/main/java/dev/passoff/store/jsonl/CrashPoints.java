package dev.passoff.store.jsonl;

/**
 * Named steps of the multi-file operations, where crash-injection tests stop the process dead. When
 * the system property {@code passoff.test.crashAt} names a step, reaching it halts the JVM at once
 * (exit code {@value #EXIT}), with no shutdown hooks and no cleanup, as a kill would. Without the
 * property this costs one string comparison.
 */
final class CrashPoints {
  /** The exit code of an injected crash. */
  static final int EXIT = 86;

  static final String SEND_LOCKED = "send-locked";
  static final String SEND_NOTE_WRITTEN = "send-note-written";
  static final String SEND_APPENDED = "send-appended";
  static final String SEND_SEQ_WRITTEN = "send-seq-written";
  static final String CLAIM_CREATED = "claim-created";
  static final String CURSOR_BEFORE_WRITE = "cursor-before-write";

  private static final String AT = System.getProperty("passoff.test.crashAt", "");

  private CrashPoints() {}

  static void reach(String step) {
    if (AT.equals(step)) {
      Runtime.getRuntime().halt(EXIT);
    }
  }
}
