package dev.passoff.core.model.mailbox;

/** The content of a cursor file, read tolerantly. */
public sealed interface CursorValue
    permits CursorValue.Missing, CursorValue.Invalid, CursorValue.Valid {
  /** No such file. */
  record Missing() implements CursorValue {}

  /** A file whose content is not a decimal integer (after BOMs and whitespace are dropped). */
  record Invalid(String content) implements CursorValue {}

  /** A consumed peer seq; an empty file reads as 0. */
  record Valid(long seq) implements CursorValue {}
}
