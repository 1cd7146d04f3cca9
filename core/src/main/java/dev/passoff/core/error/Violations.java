package dev.passoff.core.error;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects every broken input rule of one request, so that a caller learns all its mistakes at
 * once. Lengths count Unicode code points, as JSON Schema does.
 */
public final class Violations {
  private final List<Violation> found = new ArrayList<>();

  /** Records a broken rule. */
  public void add(String field, String problem) {
    found.add(new Violation(field, problem));
  }

  /**
   * Checks an optional string: blank (empty or whitespace only) counts as absent and yields {@code
   * null}; otherwise the value must be valid Unicode and at most {@code max} code points.
   */
  public @Nullable String optional(String field, @Nullable String value, int max) {
    if (value == null || isBlank(value)) {
      return null;
    }
    if (!checkUnicode(field, value)) {
      return null;
    }
    if (codePoints(value) > max) {
      add(field, "must be at most " + max + " characters");
    }
    return value;
  }

  /**
   * Checks a required string: present, not blank, valid Unicode, at most {@code max} code points,
   * and, when {@code singleLine}, free of line breaks and other control characters.
   */
  public String required(String field, @Nullable String value, int max, boolean singleLine) {
    if (value == null) {
      add(field, "is required");
      return "";
    }
    if (isBlank(value)) {
      add(field, "must contain at least one non-whitespace character");
      return value;
    }
    if (!checkUnicode(field, value)) {
      return value;
    }
    if (codePoints(value) > max) {
      add(field, "must be at most " + max + " characters");
    }
    if (singleLine && hasControl(value)) {
      add(field, "must be one line without control characters");
    }
    return value;
  }

  /** Checks that an integer lies within {@code [min, max]}. */
  public void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      add(field, "must be an integer from " + min + " to " + max);
    }
  }

  /** Throws a {@link ValidationException} listing every rule broken so far, if any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ValidationException(found);
    }
  }

  /** Whether nothing has been recorded. */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  private boolean checkUnicode(String field, String value) {
    if (!isValidUnicode(value)) {
      add(field, "is not valid Unicode (unpaired surrogate)");
      return false;
    }
    return true;
  }

  /** Whether the string holds only whitespace in the ECMAScript sense, or nothing at all. */
  public static boolean isBlank(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!isEcmaWhitespace(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** ECMAScript's WhiteSpace and LineTerminator characters, which {@code String.trim} treats. */
  public static boolean isEcmaWhitespace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000B',
          '\f',
          '\r',
          ' ',
          '\u00A0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202F',
          '\u205F',
          '\u3000',
          '\uFEFF' ->
          true;
      default -> c >= '\u2000' && c <= '\u200A';
    };
  }

  /** Number of Unicode code points. */
  public static int codePoints(String value) {
    return value.codePointCount(0, value.length());
  }

  /** Whether every surrogate in the string is part of a pair. */
  public static boolean isValidUnicode(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the string holds a line break or another control character. */
  public static boolean hasControl(String value) {
    return value
        .codePoints()
        .anyMatch(cp -> Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x85);
  }
}
