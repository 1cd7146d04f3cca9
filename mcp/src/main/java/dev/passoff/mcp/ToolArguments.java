package dev.passoff.mcp;

import dev.passoff.core.error.ValidationException;
import dev.passoff.core.error.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads one tool call's arguments with strict JSON types and gathers every problem, so that a call
 * learns all its mistakes at once.
 *
 * <p>Type checks happen here; value rules (lengths, blanks, ranges, enums) are left to the core
 * request records. A field with a wrong type is read as absent (or as a harmless placeholder when
 * it is required) so that the record can still check the other fields; the record's complaints
 * about that field are then dropped in favour of the type problem. Problems come out in schema
 * property order. Undeclared arguments are never looked at, which is how they are ignored.
 */
final class ToolArguments {
  /** Stands in for a required string that is missing or mistyped; passes every value rule. */
  private static final String PLACEHOLDER = "x";

  private final Map<String, ?> args;
  private final List<String> fieldOrder;
  private final List<Violation> typeProblems = new ArrayList<>();
  private final List<Violation> valueProblems = new ArrayList<>();

  ToolArguments(Map<String, ?> args, List<String> fieldOrder) {
    this.args = args;
    this.fieldOrder = fieldOrder;
  }

  /** An optional string: absent gives {@code null}; {@code null} or a non-string is a problem. */
  @Nullable String string(String field) {
    if (!args.containsKey(field)) {
      return null;
    }
    Object v = args.get(field);
    if (v instanceof String s) {
      return s;
    }
    typeProblem(field, "must be a string");
    return null;
  }

  /** A required string; when it is missing or mistyped, a placeholder keeps the rest checkable. */
  String requiredString(String field) {
    if (!args.containsKey(field)) {
      typeProblem(field, "is required");
      return PLACEHOLDER;
    }
    String s = string(field);
    return s == null ? PLACEHOLDER : s;
  }

  /** The raw value of a field, or {@code null} when absent; the caller checks its shape. */
  @Nullable Object raw(String field) {
    return args.get(field);
  }

  /** Records a problem the caller found in a field's shape. */
  void problem(String field, String problem) {
    typeProblem(field, problem);
  }

  /** An optional boolean, strictly {@code true} or {@code false}. */
  boolean bool(String field, boolean absent) {
    if (!args.containsKey(field)) {
      return absent;
    }
    if (args.get(field) instanceof Boolean b) {
      return b;
    }
    typeProblem(field, "must be a boolean (true or false)");
    return absent;
  }

  /**
   * An optional integer. A number with a zero fraction counts as an integer, as in JSON Schema;
   * values beyond {@code int} are clamped so that the range check still reports them.
   */
  int integer(String field, int absent) {
    if (!args.containsKey(field)) {
      return absent;
    }
    Object v = args.get(field);
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return clamp(BigInteger.valueOf(((Number) v).longValue()));
    }
    if (v instanceof BigInteger b) {
      return clamp(b);
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      BigDecimal d = new BigDecimal(v.toString());
      if (d.stripTrailingZeros().scale() <= 0) {
        return clamp(d.toBigIntegerExact());
      }
    }
    typeProblem(field, "must be an integer");
    return absent;
  }

  /** An optional array of strings; a non-string item is reported under {@code field[i]}. */
  @Nullable List<String> stringList(String field) {
    if (!args.containsKey(field)) {
      return null;
    }
    if (!(args.get(field) instanceof List<?> items)) {
      typeProblem(field, "must be an array of strings");
      return null;
    }
    List<String> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof String s) {
        out.add(s);
      } else {
        typeProblem(field + "[" + i + "]", "must be a string");
        out.add(PLACEHOLDER);
      }
    }
    return out;
  }

  /**
   * Runs a core factory that validates values; its violations are kept and {@code fallback} is
   * returned instead.
   */
  <T> T parse(Supplier<T> factory, T fallback) {
    try {
      return factory.get();
    } catch (ValidationException e) {
      valueProblems.addAll(e.violations());
      return fallback;
    }
  }

  /**
   * Runs the core request factory and returns its result if nothing at all was wrong.
   *
   * @throws ValidationException listing every type and value problem found so far
   */
  <T> T build(Supplier<T> factory) {
    @Nullable T value = null;
    try {
      value = factory.get();
    } catch (ValidationException e) {
      valueProblems.addAll(e.violations());
    }
    throwIfInvalid();
    if (value == null) {
      throw new IllegalStateException("the factory returned nothing and reported nothing");
    }
    return value;
  }

  /** Throws the combined problems, in schema property order, if there are any. */
  void throwIfInvalid() {
    if (typeProblems.isEmpty() && valueProblems.isEmpty()) {
      return;
    }
    Set<String> mistyped = new HashSet<>();
    typeProblems.forEach(v -> mistyped.add(v.field()));
    List<Violation> all = new ArrayList<>(typeProblems);
    for (Violation v : valueProblems) {
      // A mistyped field was replaced by absent or a placeholder; what the record says about
      // that stand-in is noise.
      if (!mistyped.contains(v.field()) && !mistyped.contains(root(v.field()))) {
        all.add(v);
      }
    }
    all.sort(
        Comparator.comparingInt((Violation v) -> position(v.field()))
            .thenComparingInt(v -> index(v.field())));
    throw new ValidationException(all);
  }

  private void typeProblem(String field, String problem) {
    typeProblems.add(new Violation(field, problem));
  }

  private int position(String field) {
    int i = fieldOrder.indexOf(root(field));
    return i < 0 ? fieldOrder.size() : i;
  }

  /** The item index of {@code tags[3]}, or -1 for a whole field, so items follow the field. */
  private static int index(String field) {
    int open = field.indexOf('[');
    int close = field.indexOf(']', open + 1);
    if (open < 0 || close < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(field.substring(open + 1, close));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String root(String field) {
    int bracket = field.indexOf('[');
    return bracket < 0 ? field : field.substring(0, bracket);
  }

  private static int clamp(BigInteger value) {
    if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
      return Integer.MAX_VALUE;
    }
    if (value.compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) < 0) {
      return Integer.MIN_VALUE;
    }
    return value.intValue();
  }
}
