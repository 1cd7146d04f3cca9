package dev.passoff.core.error;

/** The four kinds of failure an edge must tell apart. */
public enum ErrorCode {
  /** The caller sent something that can never succeed as sent. */
  INVALID,
  /** A referenced item does not exist. */
  NOT_FOUND,
  /** The request clashes with the current state. */
  CONFLICT,
  /** Storage or another dependency cannot serve the request now; a retry may succeed. */
  UNAVAILABLE
}
