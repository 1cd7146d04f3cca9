package dev.passoff.core.model.mailbox;

import java.util.Locale;

/**
 * The poll gate's verdict: whether to wake the agent.
 *
 * @param side the reading side
 * @param session the reading session
 * @param cursor the cursor the counts start after
 * @param streamMaxSeq the largest seq in the peer stream
 * @param decision what the caller should do
 * @param unreadTotal messages after the cursor
 * @param forMeLease lease messages for this session
 * @param forMePure status and done messages for this session
 * @param directedElsewhere messages for other sessions
 * @param unknownType messages of unknown types
 */
public record GateResult(
    Side side,
    SessionId session,
    long cursor,
    long streamMaxSeq,
    Decision decision,
    int unreadTotal,
    int forMeLease,
    int forMePure,
    int directedElsewhere,
    int unknownType) {

  /** Lease + pure + unknown-type messages for this session. */
  public int forMe() {
    return forMeLease + forMePure + unknownType;
  }

  /** The gate's decisions and their exit codes. */
  public enum Decision {
    PROCESS(0),
    PROACTIVE(10),
    IDLE(20);

    private final int exitCode;

    Decision(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
