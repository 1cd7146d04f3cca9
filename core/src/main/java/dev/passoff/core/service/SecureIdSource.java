package dev.passoff.core.service;

import dev.passoff.core.model.HandoffId;
import dev.passoff.core.port.out.IdSource;
import java.security.SecureRandom;

/** Draws handoff ids uniformly from a cryptographically secure generator. */
public final class SecureIdSource implements IdSource {
  private final SecureRandom random = new SecureRandom();

  @Override
  public HandoffId nextHandoffId() {
    return HandoffId.random(random);
  }
}
