package dev.passoff.core.error;

import java.util.Objects;

/**
 * One failed input rule: the field it concerns and what is wrong with it.
 *
 * @param field the argument name as the caller spelled it
 * @param problem a short phrase, e.g. "must be at most 120 characters"
 */
public record Violation(String field, String problem) {
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(problem, "problem");
  }

  @Override
  public String toString() {
    return field + ": " + problem;
  }
}
