package dev.passoff.core.port.out;

import dev.passoff.core.model.mailbox.GateState;
import dev.passoff.core.model.mailbox.Side;
import java.util.function.UnaryOperator;

/** The poll gate's per-session idle streaks ({@code .<side>-pollgate.json}). */
public interface GateStateStore {
  /** The session's entry; a zero streak when there is none. */
  GateState read(Side side, String session);

  /**
   * Reads the session's entry, applies {@code change} and writes the file back by atomic replace,
   * serialised with other Passoff processes by the gate lock. Other sessions' entries are kept.
   */
  GateState update(Side side, String session, UnaryOperator<GateState> change);
}
