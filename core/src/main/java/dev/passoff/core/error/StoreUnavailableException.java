package dev.passoff.core.error;

/**
 * Storage cannot serve the request now (busy, unreadable, read-only, full). Nothing was written; a
 * retry may succeed once the cause is gone.
 */
public final class StoreUnavailableException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message) {
    super(ErrorCode.UNAVAILABLE, message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }
}
