package dev.passoff.core.model;

import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The id of a handoff. New ids are {@code ph_} plus 8 characters from {@code [0-9A-Za-z]}; ids
 * written by other tools are accepted as stored, whatever their shape.
 */
public record HandoffId(String value) {
  /** The shape of the ids Passoff generates. */
  public static final Pattern GENERATED = Pattern.compile("^ph_[0-9A-Za-z]{8}$");

  private static final String ALPHABET =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  public HandoffId {
    Objects.requireNonNull(value, "value");
  }

  /** Draws a new id uniformly from the 62-symbol alphabet using the given generator. */
  public static HandoffId random(RandomGenerator random) {
    char[] chars = new char[11];
    chars[0] = 'p';
    chars[1] = 'h';
    chars[2] = '_';
    for (int i = 3; i < chars.length; i++) {
      chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new HandoffId(new String(chars));
  }

  /** Wraps an id given by a caller; any stored id string is a valid lookup key. */
  public static HandoffId of(String value) {
    return new HandoffId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
