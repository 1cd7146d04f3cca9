package dev.passoff.core.error;

/** Base of every expected failure in Passoff; its message is safe to show to a user. */
public abstract class HandoffException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  protected HandoffException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  protected HandoffException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The kind of failure, which each edge maps to its own error form. */
  public ErrorCode code() {
    return code;
  }
}
