package dev.passoff.cli;

/**
 * A command could not do its work for a reason outside the domain, such as an unreadable input
 * file. It prints as {@code passoff <command>: <message>} and exits 1.
 */
final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailedException(String message) {
    super(message);
  }
}
