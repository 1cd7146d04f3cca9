package dev.passoff.core.error;

/**
 * A request whose fields are each valid but which cannot be served as a whole, for example a load
 * that names neither an id nor {@code latest}.
 */
public final class InvalidRequestException extends HandoffException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(ErrorCode.INVALID, message);
  }
}
