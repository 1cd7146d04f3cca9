package dev.passoff.core.error;

import java.util.List;
import java.util.stream.Collectors;

/** Input that breaks one or more field rules; nothing has been written. */
public final class ValidationException extends HandoffException {
  private static final long serialVersionUID = 1L;
  private final List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super(ErrorCode.INVALID, describe(violations));
    this.violations = List.copyOf(violations);
  }

  public ValidationException(String field, String problem) {
    this(List.of(new Violation(field, problem)));
  }

  /** Every rule the input broke, in the order the fields were checked. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one violation");
    }
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
