package dev.passoff.core.error;

/** A referenced item does not exist. */
public final class NotFoundException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message);
  }

  /** The standard message for an unknown handoff id. */
  public static NotFoundException handoff(String id) {
    return new NotFoundException("Handoff not found: " + id);
  }
}
