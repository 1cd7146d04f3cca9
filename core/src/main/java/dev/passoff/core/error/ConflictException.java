package dev.passoff.core.error;

/** The request clashes with what is stored, for example deleting a handoff that has children. */
public final class ConflictException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(ErrorCode.CONFLICT, message);
  }
}
